/*
 * Prepare and execute: a prepared partition is its decoded node list; execute binds the input
 * descriptors, allocates every intermediate in the arena, runs the nodes in order and hands the
 * outputs' allocations to the host.
 */
#include <stdlib.h>
#include <string.h>

#include "mtia_stub.h"

struct NrtExecutable {
  size_t num_values;
  char** value_names;
  size_t num_nodes;
  MtiaNode* nodes;
  size_t num_inputs;
  int32_t* inputs;
  size_t num_outputs;
  int32_t* outputs;
  int32_t device_index;
};

static void exe_free(NrtExecutable* exe) {
  if (!exe) return;
  for (size_t i = 0; exe->value_names && i < exe->num_values; i++) free(exe->value_names[i]);
  free(exe->value_names);
  free(exe->nodes);
  free(exe->inputs);
  free(exe->outputs);
  free(exe);
}

NrtStatus mtia_prepare(NrtPlugin* plugin, const NrtGraph* g, int32_t device_index, NrtExecutable** out) {
  *out = NULL;
  if (plugin->fault == MTIA_FAULT_PREPARE)
    return mtia_fail(NATIVERT_STATUS_PLUGIN_FAILURE, "mtia-stub: injected fault at prepare (fault=prepare)");
  if (device_index != 0) return mtia_fail(NATIVERT_STATUS_INVALID_ARGUMENT, "mtia-stub: no device mtia:%d (only mtia:0)", device_index);
  NrtExecutable* exe = calloc(1, sizeof(*exe));
  if (!exe) return mtia_fail(NATIVERT_STATUS_INTERNAL, "mtia-stub: out of host memory");
  exe->device_index = device_index;
  exe->num_values = g->num_values;
  exe->num_nodes = g->num_nodes;
  exe->num_inputs = g->num_inputs;
  exe->num_outputs = g->num_outputs;
  exe->value_names = calloc(g->num_values ? g->num_values : 1, sizeof(char*));
  exe->nodes = calloc(g->num_nodes ? g->num_nodes : 1, sizeof(MtiaNode));
  exe->inputs = calloc(g->num_inputs ? g->num_inputs : 1, sizeof(int32_t));
  exe->outputs = calloc(g->num_outputs ? g->num_outputs : 1, sizeof(int32_t));
  if (!exe->value_names || !exe->nodes || !exe->inputs || !exe->outputs) {
    exe_free(exe);
    return mtia_fail(NATIVERT_STATUS_INTERNAL, "mtia-stub: out of host memory");
  }
  for (size_t i = 0; i < g->num_values; i++) exe->value_names[i] = strdup(g->values[i].name ? g->values[i].name : "?");
  for (size_t i = 0; i < g->num_nodes; i++) {
    const char* why = mtia_op_decode(g, &g->nodes[i], &exe->nodes[i]);
    if (why) {
      NrtStatus s = mtia_fail(NATIVERT_STATUS_UNSUPPORTED_OPERATOR, "mtia-stub: cannot prepare node '%s' (%s): %s", g->nodes[i].name,
                              g->nodes[i].target, why);
      exe_free(exe);
      return s;
    }
  }
  for (size_t i = 0; i < g->num_inputs; i++) {
    const NrtValueInfo* v = &g->values[g->inputs[i]];
    if (v->kind != NRT_VALUE_TENSOR || v->dtype != NRT_DTYPE_FLOAT32) {
      exe_free(exe);
      return mtia_fail(NATIVERT_STATUS_INVALID_ARGUMENT, "mtia-stub: partition input '%s' must be a float32 tensor", v->name);
    }
    exe->inputs[i] = g->inputs[i];
  }
  memcpy(exe->outputs, g->outputs, g->num_outputs * sizeof(int32_t));
  *out = exe;
  return NATIVERT_STATUS_OK;
}

NrtStatus mtia_release(NrtPlugin* plugin, NrtExecutable* exe) {
  (void)plugin;
  exe_free(exe);
  return NATIVERT_STATUS_OK;
}

/* Binds input descriptor `t` to `v`; checks dtype, rank, contiguity and the allocation's bounds. */
static NrtStatus bind_input(NrtPlugin* plugin, const NrtExecutable* exe, size_t i, const NrtTensor* t, MtiaValue* v) {
  const char* name = exe->value_names[exe->inputs[i]];
  if (t->struct_size < NRT_STRUCT_SIZE(NrtTensor, strides))
    return mtia_fail(NATIVERT_STATUS_INVALID_ARGUMENT, "mtia-stub: input %zu ('%s'): descriptor struct_size %zu too small", i, name,
                     t->struct_size);
  if (t->dtype != NRT_DTYPE_FLOAT32)
    return mtia_fail(NATIVERT_STATUS_INVALID_INPUT, "mtia-stub: input %zu ('%s'): dtype %d, expected float32 (%d)", i, name, t->dtype,
                     NRT_DTYPE_FLOAT32);
  if (t->rank > MTIA_MAX_RANK)
    return mtia_fail(NATIVERT_STATUS_INVALID_INPUT, "mtia-stub: input %zu ('%s'): rank %zu above %d", i, name, t->rank, MTIA_MAX_RANK);
  if (t->device_index != exe->device_index)
    return mtia_fail(NATIVERT_STATUS_INVALID_INPUT, "mtia-stub: input %zu ('%s') is on mtia:%d, expected mtia:%d", i, name,
                     t->device_index, exe->device_index);
  v->rank = t->rank;
  int64_t expected = 1;
  for (size_t d = t->rank; d-- > 0;) {
    v->sizes[d] = t->sizes[d];
    if (t->sizes[d] != 1 && t->strides[d] != expected)
      return mtia_fail(NATIVERT_STATUS_INVALID_INPUT, "mtia-stub: input %zu ('%s') is not contiguous (dim %zu stride %lld, expected %lld)",
                       i, name, d, (long long)t->strides[d], (long long)expected);
    expected *= t->sizes[d];
  }
  uint8_t* p = mtia_arena_resolve(&plugin->arena, t->data, t->byte_offset, mtia_numel(v) * sizeof(float));
  if (!p) return NATIVERT_STATUS_INVALID_INPUT;
  v->data = (float*)p;
  v->device_ptr = NULL;
  return NATIVERT_STATUS_OK;
}

/* Gives `v` a fresh arena allocation of its shape. */
static NrtStatus alloc_value(NrtPlugin* plugin, MtiaValue* v) {
  size_t bytes = mtia_numel(v) * sizeof(float);
  v->device_ptr = mtia_arena_alloc(&plugin->arena, bytes);
  if (!v->device_ptr) return NATIVERT_STATUS_PLUGIN_FAILURE;
  v->data = (float*)mtia_arena_resolve(&plugin->arena, v->device_ptr, 0, bytes);
  return NATIVERT_STATUS_OK;
}

static NrtStatus run_nodes(NrtPlugin* plugin, const NrtExecutable* exe, MtiaValue* values) {
  for (size_t i = 0; i < exe->num_nodes; i++) {
    const MtiaNode* n = &exe->nodes[i];
    MtiaValue* out = &values[n->output];
    for (int k = 0; k < MTIA_MAX_OPERANDS; k++)
      if (n->operands[k] >= 0 && !values[n->operands[k]].data)
        return mtia_fail(NATIVERT_STATUS_INVALID_ARGUMENT, "mtia-stub: value '%s' is read before it is defined",
                         exe->value_names[n->operands[k]]);
    NrtStatus s = mtia_op_infer(n, values, out);
    if (s == NATIVERT_STATUS_OK) s = alloc_value(plugin, out);
    if (s != NATIVERT_STATUS_OK) return s;
    mtia_op_run(n, values, out);
  }
  return NATIVERT_STATUS_OK;
}

/* Fills output descriptor `t` from `v`, whose allocation now belongs to the host. */
static NrtStatus emit_output(NrtPlugin* plugin, const NrtExecutable* exe, size_t j, const MtiaValue* v, NrtTensor* t) {
  if (t->struct_size < NRT_STRUCT_SIZE(NrtTensor, strides) || t->rank < v->rank)
    return mtia_fail(NATIVERT_STATUS_INVALID_ARGUMENT, "mtia-stub: output %zu ('%s'): descriptor too small for rank %zu", j,
                     exe->value_names[exe->outputs[j]], v->rank);
  t->data = v->device_ptr;
  t->byte_offset = 0;
  t->dtype = NRT_DTYPE_FLOAT32;
  t->device_index = exe->device_index;
  t->rank = v->rank;
  int64_t stride = 1;
  for (size_t d = v->rank; d-- > 0;) {
    t->sizes[d] = v->sizes[d];
    t->strides[d] = stride;
    stride *= v->sizes[d];
  }
  /* Fault injection: report a shape one larger in the first dim than what was computed. */
  if (plugin->fault == MTIA_FAULT_WRONG_SHAPE) {
    if (t->rank == 0) {
      t->rank = 1;
      t->sizes[0] = 2;
      t->strides[0] = 1;
    } else {
      t->sizes[0] += 1;
    }
  }
  return NATIVERT_STATUS_OK;
}

NrtStatus mtia_execute(NrtPlugin* plugin, NrtExecutable* exe, const NrtTensor* inputs, size_t num_inputs, NrtTensor* outputs,
                       size_t num_outputs) {
  if (plugin->fault == MTIA_FAULT_EXECUTE)
    return mtia_fail(NATIVERT_STATUS_PLUGIN_FAILURE, "mtia-stub: injected fault at execute (fault=execute)");
  if (num_inputs != exe->num_inputs || num_outputs != exe->num_outputs)
    return mtia_fail(NATIVERT_STATUS_INVALID_ARGUMENT, "mtia-stub: execute given %zu inputs/%zu outputs, expected %zu/%zu", num_inputs,
                     num_outputs, exe->num_inputs, exe->num_outputs);
  MtiaValue* values = calloc(exe->num_values ? exe->num_values : 1, sizeof(MtiaValue));
  /* 1 where an output's allocation was handed to the host (then not freed here). */
  uint8_t* given = calloc(exe->num_values ? exe->num_values : 1, 1);
  if (!values || !given) {
    free(values);
    free(given);
    return mtia_fail(NATIVERT_STATUS_INTERNAL, "mtia-stub: out of host memory");
  }
  NrtStatus s = NATIVERT_STATUS_OK;
  for (size_t i = 0; i < num_inputs && s == NATIVERT_STATUS_OK; i++) s = bind_input(plugin, exe, i, &inputs[i], &values[exe->inputs[i]]);
  if (s == NATIVERT_STATUS_OK) s = run_nodes(plugin, exe, values);
  size_t emitted = 0;
  for (; emitted < num_outputs && s == NATIVERT_STATUS_OK; emitted++) {
    int32_t id = exe->outputs[emitted];
    MtiaValue v = values[id];
    /* An input passed through, or an output listed twice, gets a copy: each output is a fresh allocation. */
    int copied = !v.device_ptr || given[id];
    if (copied) {
      s = alloc_value(plugin, &v);
      if (s != NATIVERT_STATUS_OK) break;
      memcpy(v.data, values[id].data, mtia_numel(&v) * sizeof(float));
    }
    s = emit_output(plugin, exe, emitted, &v, &outputs[emitted]);
    if (s != NATIVERT_STATUS_OK) {
      if (copied) mtia_arena_free(&plugin->arena, v.device_ptr);
      break;
    }
    if (!copied) given[id] = 1;
  }
  if (s != NATIVERT_STATUS_OK) {
    /* Nothing reaches the host on failure: take back the outputs already emitted. */
    for (size_t j = 0; j < emitted; j++) {
      int32_t id = exe->outputs[j];
      if (given[id] && outputs[j].data == values[id].device_ptr) given[id] = 0;
      else mtia_arena_free(&plugin->arena, outputs[j].data);
      outputs[j].data = NULL;
    }
  }
  for (size_t i = 0; i < exe->num_values; i++)
    if (values[i].device_ptr && !given[i]) mtia_arena_free(&plugin->arena, values[i].device_ptr);
  free(values);
  free(given);
  return s;
}
