/*
 * The operators the stub accelerator runs, all float32: decoding a node (the capability
 * check), shape inference and the kernels. Plain loops: the stub is a template, not fast.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mtia_stub.h"

static const struct {
  const char* target;
  MtiaOp op;
} OP_TABLE[] = {
  { "aten.linear.default", MTIA_OP_LINEAR },   { "aten.mm.default", MTIA_OP_MM },
  { "aten.matmul.default", MTIA_OP_MATMUL },   { "aten.addmm.default", MTIA_OP_ADDMM },
  { "aten.t.default", MTIA_OP_T },             { "aten.permute.default", MTIA_OP_PERMUTE },
  { "aten.conv2d.default", MTIA_OP_CONV2D },   { "aten.add.Tensor", MTIA_OP_ADD },
  { "aten.sub.Tensor", MTIA_OP_SUB },          { "aten.mul.Tensor", MTIA_OP_MUL },
  { "aten.div.Tensor", MTIA_OP_DIV },          { "aten.relu.default", MTIA_OP_RELU },
  { "aten.gelu.default", MTIA_OP_GELU },       { "aten.softmax.int", MTIA_OP_SOFTMAX },
  { "aten._softmax.default", MTIA_OP_SOFTMAX },
};

size_t mtia_numel(const MtiaValue* v) {
  size_t n = 1;
  for (size_t d = 0; d < v->rank; d++) n *= (size_t)v->sizes[d];
  return n;
}

static const NrtAttribute* find_attr(const NrtNode* node, const char* name) {
  for (size_t i = 0; i < node->num_attributes; i++)
    if (strcmp(node->attributes[i].name, name) == 0) return &node->attributes[i];
  return NULL;
}

/* Reads tensor operand `name` into *id (-1 when absent and optional); returns a refusal or NULL. */
static const char* tensor_operand(const NrtGraph* g, const NrtNode* node, const char* name, int optional, int32_t* id,
                                  size_t* rank) {
  const NrtAttribute* a = find_attr(node, name);
  *id = -1;
  if (!a || a->kind == NRT_ATTR_NONE) return optional ? NULL : "a required tensor argument is missing";
  if (a->kind != NRT_ATTR_VALUE || a->i < 0 || (size_t)a->i >= g->num_values) return "an operand is not a single tensor";
  const NrtValueInfo* v = &g->values[a->i];
  if (v->kind != NRT_VALUE_TENSOR) return "an operand is a symbolic scalar, not a tensor";
  if (v->dtype != NRT_DTYPE_FLOAT32) return "only float32 tensors are supported";
  if (v->rank > MTIA_MAX_RANK) return "rank above 8 is not supported";
  *id = (int32_t)a->i;
  if (rank) *rank = v->rank;
  return NULL;
}

/* Reads a number attribute (int or float) with a default. */
static const char* number_attr(const NrtNode* node, const char* name, double dflt, double* out) {
  const NrtAttribute* a = find_attr(node, name);
  *out = dflt;
  if (!a) return NULL;
  if (a->kind == NRT_ATTR_INT || a->kind == NRT_ATTR_BOOL) *out = (double)a->i;
  else if (a->kind == NRT_ATTR_FLOAT) *out = a->f;
  else return "a scalar argument is symbolic or not a number";
  return NULL;
}

/* Reads a 2-element int list (a 1-element list is repeated) with a default. */
static const char* pair_attr(const NrtNode* node, const char* name, int64_t dflt, int64_t out[2]) {
  const NrtAttribute* a = find_attr(node, name);
  out[0] = out[1] = dflt;
  if (!a) return NULL;
  if (a->kind != NRT_ATTR_INTS || a->num_ints < 1 || a->num_ints > 2) return "conv2d stride/padding/dilation must be 1 or 2 ints";
  out[0] = a->ints[0];
  out[1] = a->ints[a->num_ints - 1];
  return NULL;
}

#define TRY(expr)                   \
  do {                              \
    const char* why_ = (expr);      \
    if (why_) return why_;          \
  } while (0)

const char* mtia_op_decode(const NrtGraph* g, const NrtNode* node, MtiaNode* out) {
  memset(out, 0, sizeof(*out));
  out->operands[0] = out->operands[1] = out->operands[2] = -1;
  out->alpha = out->beta = 1.0;
  size_t i = 0, n_ops = sizeof(OP_TABLE) / sizeof(OP_TABLE[0]);
  while (i < n_ops && strcmp(OP_TABLE[i].target, node->target) != 0) i++;
  if (i == n_ops) return "operator not supported by mtia-stub";
  out->op = OP_TABLE[i].op;
  if (node->num_outputs != 1) return "only single-output nodes are supported";
  const NrtValueInfo* o = &g->values[node->outputs[0]];
  if (o->kind != NRT_VALUE_TENSOR || o->dtype != NRT_DTYPE_FLOAT32) return "only float32 outputs are supported";
  out->output = node->outputs[0];
  size_t r0 = 0, r1 = 0, r2 = 0;
  switch (out->op) {
    case MTIA_OP_LINEAR:
      TRY(tensor_operand(g, node, "input", 0, &out->operands[0], &r0));
      TRY(tensor_operand(g, node, "weight", 0, &out->operands[1], &r1));
      TRY(tensor_operand(g, node, "bias", 1, &out->operands[2], &r2));
      if (r0 < 1 || r1 != 2 || (out->operands[2] >= 0 && r2 != 1)) return "linear needs input rank >= 1, 2-D weight, 1-D bias";
      return NULL;
    case MTIA_OP_MM:
      TRY(tensor_operand(g, node, "self", 0, &out->operands[0], &r0));
      TRY(tensor_operand(g, node, "mat2", 0, &out->operands[1], &r1));
      return r0 == 2 && r1 == 2 ? NULL : "mm needs 2-D operands";
    case MTIA_OP_MATMUL:
      TRY(tensor_operand(g, node, "self", 0, &out->operands[0], &r0));
      TRY(tensor_operand(g, node, "other", 0, &out->operands[1], &r1));
      return r0 >= 2 && r1 == 2 ? NULL : "matmul is supported for [..., M, K] @ [K, N] only";
    case MTIA_OP_ADDMM:
      TRY(tensor_operand(g, node, "self", 0, &out->operands[2], &r2));
      TRY(tensor_operand(g, node, "mat1", 0, &out->operands[0], &r0));
      TRY(tensor_operand(g, node, "mat2", 0, &out->operands[1], &r1));
      TRY(number_attr(node, "beta", 1.0, &out->beta));
      TRY(number_attr(node, "alpha", 1.0, &out->alpha));
      return r0 == 2 && r1 == 2 && r2 <= 2 ? NULL : "addmm needs 2-D mat1/mat2 and a bias of rank <= 2";
    case MTIA_OP_T:
      TRY(tensor_operand(g, node, "self", 0, &out->operands[0], &r0));
      return r0 == 2 ? NULL : "t is supported on 2-D tensors only";
    case MTIA_OP_PERMUTE: {
      TRY(tensor_operand(g, node, "self", 0, &out->operands[0], &r0));
      const NrtAttribute* dims = find_attr(node, "dims");
      if (r0 != 2 || !dims || dims->kind != NRT_ATTR_INTS || dims->num_ints != 2) return "permute is supported as a 2-D transpose only";
      int64_t d0 = dims->ints[0] < 0 ? dims->ints[0] + 2 : dims->ints[0];
      return d0 == 1 ? NULL : "permute is supported as a 2-D transpose only";
    }
    case MTIA_OP_CONV2D:
      TRY(tensor_operand(g, node, "input", 0, &out->operands[0], &r0));
      TRY(tensor_operand(g, node, "weight", 0, &out->operands[1], &r1));
      TRY(tensor_operand(g, node, "bias", 1, &out->operands[2], &r2));
      if (r0 != 4 || r1 != 4) return "conv2d needs 4-D NCHW input and weight";
      TRY(pair_attr(node, "stride", 1, out->stride));
      TRY(pair_attr(node, "padding", 0, out->padding));
      TRY(pair_attr(node, "dilation", 1, out->dilation));
      {
        double groups;
        TRY(number_attr(node, "groups", 1.0, &groups));
        out->groups = (int64_t)groups;
      }
      return out->groups >= 1 ? NULL : "conv2d groups must be >= 1";
    case MTIA_OP_ADD:
    case MTIA_OP_SUB:
    case MTIA_OP_MUL:
    case MTIA_OP_DIV: {
      TRY(tensor_operand(g, node, "self", 0, &out->operands[0], &r0));
      const NrtAttribute* other = find_attr(node, "other");
      if (other && (other->kind == NRT_ATTR_INT || other->kind == NRT_ATTR_FLOAT || other->kind == NRT_ATTR_BOOL))
        TRY(number_attr(node, "other", 0.0, &out->scalar_other));
      else
        TRY(tensor_operand(g, node, "other", 0, &out->operands[1], &r1));
      return number_attr(node, "alpha", 1.0, &out->alpha);
    }
    case MTIA_OP_RELU:
      return tensor_operand(g, node, "self", 0, &out->operands[0], &r0);
    case MTIA_OP_GELU: {
      TRY(tensor_operand(g, node, "self", 0, &out->operands[0], &r0));
      const NrtAttribute* approx = find_attr(node, "approximate");
      if (!approx) return NULL;
      if (approx->kind != NRT_ATTR_STRING) return "gelu approximate must be a string";
      if (strcmp(approx->s, "tanh") == 0) out->tanh_approx = 1;
      else if (strcmp(approx->s, "none") != 0) return "gelu approximate must be 'none' or 'tanh'";
      return NULL;
    }
    case MTIA_OP_SOFTMAX: {
      TRY(tensor_operand(g, node, "self", 0, &out->operands[0], &r0));
      double dim, half_to_float;
      TRY(number_attr(node, "dim", 0.0, &dim));
      TRY(number_attr(node, "half_to_float", 0.0, &half_to_float));
      const NrtAttribute* dtype = find_attr(node, "dtype");
      if (dtype && dtype->kind == NRT_ATTR_DTYPE && dtype->i != NRT_DTYPE_FLOAT32) return "softmax to a dtype other than float32";
      out->dim = (int64_t)dim;
      if (!(out->dim == -1 || (r0 > 0 && out->dim == (int64_t)r0 - 1)) || half_to_float != 0.0) return "softmax over the last dim only";
      return NULL;
    }
    case MTIA_OP_COUNT:
      break;
  }
  return "operator not supported by mtia-stub";
}

static NrtStatus shape_error(const char* what, const MtiaValue* a, const MtiaValue* b) {
  char sa[160] = "", sb[160] = "";
  for (size_t d = 0; d < a->rank; d++) snprintf(sa + strlen(sa), sizeof(sa) - strlen(sa), d ? ", %lld" : "%lld", (long long)a->sizes[d]);
  if (b)
    for (size_t d = 0; d < b->rank; d++) snprintf(sb + strlen(sb), sizeof(sb) - strlen(sb), d ? ", %lld" : "%lld", (long long)b->sizes[d]);
  return mtia_fail(NATIVERT_STATUS_INVALID_INPUT, "mtia-stub: %s: shapes [%s] and [%s] do not fit", what, sa, sb);
}

/* Numpy broadcasting of a and b into out; returns 0 when they do not broadcast. */
static int broadcast_shape(const MtiaValue* a, const MtiaValue* b, MtiaValue* out) {
  size_t r = a->rank > b->rank ? a->rank : b->rank;
  out->rank = r;
  for (size_t i = 0; i < r; i++) {
    int64_t da = i < r - a->rank ? 1 : a->sizes[i - (r - a->rank)];
    int64_t db = i < r - b->rank ? 1 : b->sizes[i - (r - b->rank)];
    if (da != db && da != 1 && db != 1) return 0;
    out->sizes[i] = da == 1 ? db : da;
  }
  return 1;
}

NrtStatus mtia_op_infer(const MtiaNode* n, const MtiaValue* values, MtiaValue* out) {
  const MtiaValue* a = &values[n->operands[0]];
  const MtiaValue* b = n->operands[1] >= 0 ? &values[n->operands[1]] : NULL;
  const MtiaValue* c = n->operands[2] >= 0 ? &values[n->operands[2]] : NULL;
  switch (n->op) {
    case MTIA_OP_LINEAR:
      if (a->sizes[a->rank - 1] != b->sizes[1] || (c && c->sizes[0] != b->sizes[0])) return shape_error("linear", a, b);
      *out = *a;
      out->sizes[a->rank - 1] = b->sizes[0];
      return NATIVERT_STATUS_OK;
    case MTIA_OP_MM:
    case MTIA_OP_MATMUL:
    case MTIA_OP_ADDMM:
      if (a->sizes[a->rank - 1] != b->sizes[0]) return shape_error("matmul", a, b);
      *out = *a;
      out->sizes[a->rank - 1] = b->sizes[1];
      if (c) {
        MtiaValue bc;
        if (!broadcast_shape(c, out, &bc) || bc.rank != 2 || bc.sizes[0] != out->sizes[0] || bc.sizes[1] != out->sizes[1])
          return shape_error("addmm bias", c, out);
      }
      return NATIVERT_STATUS_OK;
    case MTIA_OP_T:
    case MTIA_OP_PERMUTE:
      out->rank = 2;
      out->sizes[0] = a->sizes[1];
      out->sizes[1] = a->sizes[0];
      return NATIVERT_STATUS_OK;
    case MTIA_OP_CONV2D: {
      int64_t cin = a->sizes[1], cout = b->sizes[0];
      if (cin != b->sizes[1] * n->groups || cout % n->groups != 0 || (c && (c->rank != 1 || c->sizes[0] != cout)))
        return shape_error("conv2d", a, b);
      out->rank = 4;
      out->sizes[0] = a->sizes[0];
      out->sizes[1] = cout;
      for (int d = 0; d < 2; d++) {
        int64_t span = n->dilation[d] * (b->sizes[2 + d] - 1) + 1;
        out->sizes[2 + d] = (a->sizes[2 + d] + 2 * n->padding[d] - span) / n->stride[d] + 1;
        if (out->sizes[2 + d] < 0) return shape_error("conv2d window", a, b);
      }
      return NATIVERT_STATUS_OK;
    }
    case MTIA_OP_ADD:
    case MTIA_OP_SUB:
    case MTIA_OP_MUL:
    case MTIA_OP_DIV:
      if (!b) {
        *out = *a;
        return NATIVERT_STATUS_OK;
      }
      return broadcast_shape(a, b, out) ? NATIVERT_STATUS_OK : shape_error("broadcast", a, b);
    case MTIA_OP_RELU:
    case MTIA_OP_GELU:
    case MTIA_OP_SOFTMAX:
      *out = *a;
      return NATIVERT_STATUS_OK;
    case MTIA_OP_COUNT:
      break;
  }
  return mtia_fail(NATIVERT_STATUS_INTERNAL, "mtia-stub: unknown op %d", (int)n->op);
}

/* C[M,N] = A[M,K] @ B, B given as [K,N] (b_trans 0) or [N,K] (b_trans 1), row-major. */
static void gemm(size_t M, size_t N, size_t K, const float* A, const float* B, int b_trans, float* C) {
  for (size_t i = 0; i < M; i++) {
    float* c = C + i * N;
    if (b_trans) {
      for (size_t j = 0; j < N; j++) {
        const float *x = A + i * K, *w = B + j * K;
        float acc = 0.f;
        for (size_t k = 0; k < K; k++) acc += x[k] * w[k];
        c[j] = acc;
      }
    } else {
      memset(c, 0, N * sizeof(float));
      for (size_t k = 0; k < K; k++) {
        float aik = A[i * K + k];
        const float* b = B + k * N;
        for (size_t j = 0; j < N; j++) c[j] += aik * b[j];
      }
    }
  }
}

/* Element strides of `v` read as broadcast to the rank-`rank` shape: 0 on broadcast dims. */
static void broadcast_strides(const MtiaValue* v, size_t rank, const int64_t* out_sizes, size_t* strides) {
  size_t s = 1;
  for (size_t i = rank; i-- > 0;) {
    size_t lead = rank - v->rank;
    if (i < lead) {
      strides[i] = 0;
      continue;
    }
    int64_t d = v->sizes[i - lead];
    strides[i] = (d == 1 && out_sizes[i] != 1) ? 0 : s;
    s *= (size_t)d;
  }
}

static float apply(MtiaOp op, float x, float y, float alpha) {
  switch (op) {
    case MTIA_OP_ADD: return x + alpha * y;
    case MTIA_OP_SUB: return x - alpha * y;
    case MTIA_OP_MUL: return x * y;
    default: return x / y;
  }
}

static void binary(const MtiaNode* n, const MtiaValue* a, const MtiaValue* b, MtiaValue* out) {
  size_t total = mtia_numel(out);
  float alpha = (float)n->alpha;
  if (!b) {
    float y = (float)n->scalar_other;
    for (size_t i = 0; i < total; i++) out->data[i] = apply(n->op, a->data[i], y, alpha);
    return;
  }
  size_t r = out->rank, sa[MTIA_MAX_RANK], sb[MTIA_MAX_RANK];
  int64_t idx[MTIA_MAX_RANK] = { 0 };
  broadcast_strides(a, r, out->sizes, sa);
  broadcast_strides(b, r, out->sizes, sb);
  size_t oa = 0, ob = 0;
  for (size_t i = 0; i < total; i++) {
    out->data[i] = apply(n->op, a->data[oa], b->data[ob], alpha);
    for (size_t d = r; d-- > 0;) {
      oa += sa[d];
      ob += sb[d];
      if (++idx[d] < out->sizes[d]) break;
      oa -= sa[d] * (size_t)out->sizes[d];
      ob -= sb[d] * (size_t)out->sizes[d];
      idx[d] = 0;
    }
  }
}

static void conv2d(const MtiaNode* n, const MtiaValue* x, const MtiaValue* w, const MtiaValue* bias, MtiaValue* out) {
  int64_t N = x->sizes[0], C = x->sizes[1], H = x->sizes[2], W = x->sizes[3];
  int64_t O = w->sizes[0], KH = w->sizes[2], KW = w->sizes[3], OH = out->sizes[2], OW = out->sizes[3];
  int64_t cg = C / n->groups, og = O / n->groups;
  for (int64_t b = 0; b < N; b++)
    for (int64_t o = 0; o < O; o++) {
      int64_t g = o / og;
      for (int64_t oh = 0; oh < OH; oh++)
        for (int64_t ow = 0; ow < OW; ow++) {
          float acc = bias ? bias->data[o] : 0.f;
          for (int64_t c = 0; c < cg; c++)
            for (int64_t kh = 0; kh < KH; kh++) {
              int64_t ih = oh * n->stride[0] - n->padding[0] + kh * n->dilation[0];
              if (ih < 0 || ih >= H) continue;
              for (int64_t kw = 0; kw < KW; kw++) {
                int64_t iw = ow * n->stride[1] - n->padding[1] + kw * n->dilation[1];
                if (iw < 0 || iw >= W) continue;
                acc += x->data[((b * C + g * cg + c) * H + ih) * W + iw] * w->data[((o * cg + c) * KH + kh) * KW + kw];
              }
            }
          out->data[((b * O + o) * OH + oh) * OW + ow] = acc;
        }
    }
}

static void softmax_last(const MtiaValue* a, MtiaValue* out) {
  size_t inner = a->rank ? (size_t)a->sizes[a->rank - 1] : 1, rows = inner ? mtia_numel(a) / inner : 0;
  for (size_t r = 0; r < rows; r++) {
    const float* x = a->data + r * inner;
    float* y = out->data + r * inner;
    float m = -INFINITY;
    for (size_t j = 0; j < inner; j++) m = x[j] > m ? x[j] : m;
    double sum = 0;
    for (size_t j = 0; j < inner; j++) sum += (y[j] = expf(x[j] - m));
    for (size_t j = 0; j < inner; j++) y[j] = (float)(y[j] / sum);
  }
}

void mtia_op_run(const MtiaNode* n, const MtiaValue* values, MtiaValue* out) {
  const MtiaValue* a = &values[n->operands[0]];
  const MtiaValue* b = n->operands[1] >= 0 ? &values[n->operands[1]] : NULL;
  const MtiaValue* c = n->operands[2] >= 0 ? &values[n->operands[2]] : NULL;
  size_t total = mtia_numel(out);
  switch (n->op) {
    case MTIA_OP_LINEAR: {
      size_t N = (size_t)b->sizes[0], K = (size_t)b->sizes[1], M = N ? total / N : 0;
      gemm(M, N, K, a->data, b->data, 1, out->data);
      if (c)
        for (size_t i = 0; i < total; i++) out->data[i] += c->data[i % N];
      return;
    }
    case MTIA_OP_MM:
    case MTIA_OP_MATMUL:
    case MTIA_OP_ADDMM: {
      size_t K = (size_t)b->sizes[0], N = (size_t)b->sizes[1], M = N ? total / N : 0;
      gemm(M, N, K, a->data, b->data, 0, out->data);
      if (n->op == MTIA_OP_ADDMM) {
        size_t bias_strides[2];
        broadcast_strides(c, 2, out->sizes, bias_strides);
        for (size_t i = 0; i < M; i++)
          for (size_t j = 0; j < N; j++)
            out->data[i * N + j] = (float)(n->beta * c->data[i * bias_strides[0] + j * bias_strides[1]] + n->alpha * out->data[i * N + j]);
      }
      return;
    }
    case MTIA_OP_T:
    case MTIA_OP_PERMUTE: {
      size_t R = (size_t)a->sizes[0], C = (size_t)a->sizes[1];
      for (size_t i = 0; i < R; i++)
        for (size_t j = 0; j < C; j++) out->data[j * R + i] = a->data[i * C + j];
      return;
    }
    case MTIA_OP_CONV2D:
      conv2d(n, a, b, c, out);
      return;
    case MTIA_OP_ADD:
    case MTIA_OP_SUB:
    case MTIA_OP_MUL:
    case MTIA_OP_DIV:
      binary(n, a, b, out);
      return;
    case MTIA_OP_RELU:
      for (size_t i = 0; i < total; i++) out->data[i] = a->data[i] > 0.f ? a->data[i] : 0.f;
      return;
    case MTIA_OP_GELU:
      for (size_t i = 0; i < total; i++) {
        double x = a->data[i];
        out->data[i] = (float)(n->tanh_approx ? 0.5 * x * (1.0 + tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)))
                                              : 0.5 * x * (1.0 + erf(x * 0.7071067811865476)));
      }
      return;
    case MTIA_OP_SOFTMAX:
      softmax_last(a, out);
      return;
    case MTIA_OP_COUNT:
      return;
  }
}
