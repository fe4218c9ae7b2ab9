/*
 * mtia-stub: a reference accelerator plugin written against sdk/include/nativert_plugin.h.
 * It simulates a device (type `mtia`) whose memory is a private arena reached only through the
 * DeviceMemory_* calls, and runs a handful of float32 ops. Fault injection (option `fault` or
 * env MTIA_STUB_FAULT): `load` fails Plugin_Create, `prepare` fails Plugin_Prepare, `execute`
 * fails Executable_Execute, `wrong_shape` reports output shapes one larger in dim 0.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mtia_stub.h"

NrtStatus mtia_prepare(NrtPlugin* plugin, const NrtGraph* g, int32_t device_index, NrtExecutable** out);
NrtStatus mtia_release(NrtPlugin* plugin, NrtExecutable* exe);
NrtStatus mtia_execute(NrtPlugin* plugin, NrtExecutable* exe, const NrtTensor* inputs, size_t num_inputs, NrtTensor* outputs,
                       size_t num_outputs);

#define MTIA_DEFAULT_ARENA_BYTES ((size_t)256 << 20)

static _Thread_local char g_last_error[1024];

NrtStatus mtia_fail(NrtStatus status, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(g_last_error, sizeof(g_last_error), fmt, ap);
  va_end(ap);
  return status;
}

static const char* get_last_error(const NrtPlugin* plugin) {
  (void)plugin;
  return g_last_error;
}

static int parse_fault(const char* s, MtiaFault* out) {
  static const struct { const char* name; MtiaFault fault; } FAULTS[] = {
    { "none", MTIA_FAULT_NONE },       { "load", MTIA_FAULT_LOAD },           { "prepare", MTIA_FAULT_PREPARE },
    { "execute", MTIA_FAULT_EXECUTE }, { "wrong_shape", MTIA_FAULT_WRONG_SHAPE },
  };
  for (size_t i = 0; i < sizeof(FAULTS) / sizeof(FAULTS[0]); i++)
    if (strcmp(s, FAULTS[i].name) == 0) {
      *out = FAULTS[i].fault;
      return 1;
    }
  return 0;
}

static NrtStatus plugin_create(const NrtOption* options, size_t num_options, NrtPlugin** out) {
  *out = NULL;
  MtiaFault fault = MTIA_FAULT_NONE;
  size_t arena_bytes = MTIA_DEFAULT_ARENA_BYTES;
  const char* env = getenv("MTIA_STUB_FAULT");
  if (env && *env && !parse_fault(env, &fault))
    return mtia_fail(NATIVERT_STATUS_INVALID_ARGUMENT, "mtia-stub: MTIA_STUB_FAULT='%s' is not one of none, load, prepare, execute, wrong_shape", env);
  /* Options override the environment. */
  for (size_t i = 0; i < num_options; i++) {
    const NrtOption* o = &options[i];
    if (strcmp(o->key, "fault") == 0) {
      if (!parse_fault(o->value, &fault))
        return mtia_fail(NATIVERT_STATUS_INVALID_ARGUMENT, "mtia-stub: option fault='%s' is not one of none, load, prepare, execute, wrong_shape", o->value);
    } else if (strcmp(o->key, "arena_bytes") == 0) {
      char* end = NULL;
      unsigned long long v = strtoull(o->value, &end, 10);
      if (!end || *end || v == 0) return mtia_fail(NATIVERT_STATUS_INVALID_ARGUMENT, "mtia-stub: option arena_bytes='%s' is not a positive integer", o->value);
      arena_bytes = (size_t)v;
    }
    /* Unknown options are ignored: the host passes the integrator's whole option record. */
  }
  if (fault == MTIA_FAULT_LOAD) return mtia_fail(NATIVERT_STATUS_PLUGIN_FAILURE, "mtia-stub: injected fault at load (fault=load)");
  NrtPlugin* p = calloc(1, sizeof(*p));
  if (!p || !mtia_arena_init(&p->arena, arena_bytes)) {
    free(p);
    return mtia_fail(NATIVERT_STATUS_PLUGIN_FAILURE, "mtia-stub: cannot reserve a device arena of %zu bytes", arena_bytes);
  }
  p->fault = fault;
  *out = p;
  return NATIVERT_STATUS_OK;
}

static NrtStatus plugin_destroy(NrtPlugin* plugin) {
  if (!plugin) return NATIVERT_STATUS_OK;
  mtia_arena_destroy(&plugin->arena);
  free(plugin);
  return NATIVERT_STATUS_OK;
}

static NrtStatus plugin_get_info(NrtPlugin* plugin, NrtPluginInfo* info) {
  (void)plugin;
  if (info->struct_size >= NRT_STRUCT_SIZE(NrtPluginInfo, name)) info->name = "mtia-stub";
  if (info->struct_size >= NRT_STRUCT_SIZE(NrtPluginInfo, vendor)) info->vendor = "nativert-ts reference";
  if (info->struct_size >= NRT_STRUCT_SIZE(NrtPluginInfo, version)) info->version = "0.1.0";
  return NATIVERT_STATUS_OK;
}

static NrtStatus plugin_get_device_count(NrtPlugin* plugin, size_t* out_count) {
  (void)plugin;
  *out_count = 1;
  return NATIVERT_STATUS_OK;
}

static NrtStatus plugin_get_device_info(NrtPlugin* plugin, size_t index, NrtDeviceInfo* info) {
  if (index != 0) return mtia_fail(NATIVERT_STATUS_NOT_FOUND, "mtia-stub: no device %zu (1 device)", index);
  if (info->struct_size >= NRT_STRUCT_SIZE(NrtDeviceInfo, type)) info->type = "mtia";
  if (info->struct_size >= NRT_STRUCT_SIZE(NrtDeviceInfo, index)) info->index = 0;
  if (info->struct_size >= NRT_STRUCT_SIZE(NrtDeviceInfo, memory_bytes)) info->memory_bytes = plugin->arena.capacity;
  return NATIVERT_STATUS_OK;
}

/* A capability with its arrays in one allocation-owned bundle. */
typedef struct MtiaCapability {
  NrtCapability cap;
  int32_t* indices;
  size_t* offsets;
  const char** notes;
} MtiaCapability;

static NrtStatus capability_release(NrtPlugin* plugin, NrtCapability* capability) {
  (void)plugin;
  MtiaCapability* c = (MtiaCapability*)capability;
  if (!c) return NATIVERT_STATUS_OK;
  free(c->indices);
  free(c->offsets);
  free(c->notes);
  free(c);
  return NATIVERT_STATUS_OK;
}

static NrtStatus plugin_get_capability(NrtPlugin* plugin, const NrtGraph* graph, NrtCapability** out) {
  *out = NULL;
  size_t n = graph->num_nodes;
  MtiaCapability* c = calloc(1, sizeof(*c));
  if (c) {
    c->indices = calloc(n ? n : 1, sizeof(int32_t));
    c->offsets = calloc(n + 1, sizeof(size_t));
    c->notes = calloc(n ? n : 1, sizeof(char*));
  }
  if (!c || !c->indices || !c->offsets || !c->notes) {
    capability_release(plugin, (NrtCapability*)c);
    return mtia_fail(NATIVERT_STATUS_INTERNAL, "mtia-stub: out of host memory");
  }
  /* One node per group: every claimed op has its own kernel, nothing is fused. */
  size_t groups = 0;
  for (size_t i = 0; i < n; i++) {
    const NrtNode* node = &graph->nodes[i];
    if (node->flags & NRT_NODE_FLAG_TAKEN) continue;
    MtiaNode decoded;
    const char* why = mtia_op_decode(graph, node, &decoded);
    if (why) {
      c->notes[i] = why;
      continue;
    }
    c->indices[groups] = (int32_t)i;
    groups++;
    c->offsets[groups] = groups;
  }
  c->cap = (NrtCapability){
    .struct_size = sizeof(NrtCapability),
    .node_indices = c->indices,
    .num_node_indices = groups,
    .group_offsets = c->offsets,
    .num_groups = groups,
    .node_notes = c->notes,
    .num_node_notes = n,
  };
  *out = &c->cap;
  return NATIVERT_STATUS_OK;
}

static NrtStatus device_alloc(NrtPlugin* plugin, int32_t device_index, size_t byte_size, void** out_data) {
  *out_data = NULL;
  if (device_index != 0) return mtia_fail(NATIVERT_STATUS_INVALID_ARGUMENT, "mtia-stub: no device mtia:%d (only mtia:0)", device_index);
  *out_data = mtia_arena_alloc(&plugin->arena, byte_size);
  return *out_data ? NATIVERT_STATUS_OK : NATIVERT_STATUS_PLUGIN_FAILURE;
}

static NrtStatus device_free(NrtPlugin* plugin, void* data) {
  return mtia_arena_free(&plugin->arena, data);
}

static NrtStatus copy_from_host(NrtPlugin* plugin, void* dst, uint64_t dst_offset, const void* src, size_t byte_size) {
  uint8_t* p = mtia_arena_resolve(&plugin->arena, dst, dst_offset, byte_size);
  if (!p) return NATIVERT_STATUS_INVALID_ARGUMENT;
  memcpy(p, src, byte_size);
  return NATIVERT_STATUS_OK;
}

static NrtStatus copy_to_host(NrtPlugin* plugin, void* dst, const void* src, uint64_t src_offset, size_t byte_size) {
  const uint8_t* p = mtia_arena_resolve(&plugin->arena, src, src_offset, byte_size);
  if (!p) return NATIVERT_STATUS_INVALID_ARGUMENT;
  memcpy(dst, p, byte_size);
  return NATIVERT_STATUS_OK;
}

static const NrtPluginApi API = {
  .struct_size = sizeof(NrtPluginApi),
  .api_major = NRT_API_VERSION_MAJOR,
  .api_minor = NRT_API_VERSION_MINOR,
  .Plugin_GetLastError = get_last_error,
  .Plugin_Create = plugin_create,
  .Plugin_Destroy = plugin_destroy,
  .Plugin_GetInfo = plugin_get_info,
  .Plugin_GetDeviceCount = plugin_get_device_count,
  .Plugin_GetDeviceInfo = plugin_get_device_info,
  .Plugin_GetCapability = plugin_get_capability,
  .Capability_Release = capability_release,
  .Plugin_Prepare = mtia_prepare,
  .Executable_Execute = mtia_execute,
  .Executable_Release = mtia_release,
  .DeviceMemory_Alloc = device_alloc,
  .DeviceMemory_Free = device_free,
  .DeviceMemory_CopyFromHost = copy_from_host,
  .DeviceMemory_CopyToHost = copy_to_host,
};

NRT_EXPORT const NrtPluginApi* NrtGetPluginApi(uint32_t host_major, uint32_t host_minor) {
  /* One table for every host: the host compares api_major with its own and explains a mismatch. */
  (void)host_major;
  (void)host_minor;
  return &API;
}
