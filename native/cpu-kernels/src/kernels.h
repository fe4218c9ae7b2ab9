// Float32 kernels of the interpreter's native addon besides GEMM: elementwise maps, normalizations,
// attention, convolution and pooling. Pointers address the first element of each operand; sizes and
// strides are in elements. Every function splits its work over up to `threads` pool workers.
#pragma once

#include <cstdint>

namespace nativert {

/** Elementwise unary maps; also the activation epilogues of fused conv/linear. Append-only. */
enum class Unary : int {
  kIdentity = 0, kRelu = 1, kGelu = 2, kGeluTanh = 3, kHardswish = 4, kHardsigmoid = 5,
  kSigmoid = 6, kSilu = 7, kTanh = 8, kSquare = 9, kCube = 10, kExp = 11, kRelu6 = 12,
};

/** Binary arithmetic; add and sub scale b by alpha; kFirst copies a (a strided copy). Append-only. */
enum class Binary : int { kAdd = 0, kSub = 1, kMul = 2, kDiv = 3, kFirst = 4 };

/** y[i] = op(x[i]) for n contiguous elements (y may equal x). */
void UnaryF32(Unary op, const float* x, float* y, int64_t n, int threads);

/** Applies `op` in place to n contiguous elements, single-threaded (epilogues of other kernels). */
void ApplyUnary(Unary op, float* y, int64_t n);

/**
 * out = a op b over a contiguous output of `rank` dims `shape`; a and b are read through their
 * own strides (0 where broadcast).
 */
void BinaryF32(Binary op, float alpha, int rank, const int64_t* shape, const float* a, const int64_t* sa,
               const float* b, const int64_t* sb, float* out, int threads);

/** Layer norm over the last `cols` of `rows` contiguous rows; weight/bias may be null. */
void LayerNormF32(const float* x, const float* weight, const float* bias, float* y, int64_t rows, int64_t cols,
                  float eps, int threads);

/** Softmax (or log-softmax) over the last `cols` of `rows` contiguous rows. */
void SoftmaxF32(const float* x, float* y, int64_t rows, int64_t cols, bool log, int threads);

/**
 * Softmax (or log-softmax) of one row of n elements into y (y may equal x), single-threaded.
 * Returns the row's log-sum-exp, max + log(sum(exp(x - max))); NaN for a NaN row or one of all -inf.
 */
float SoftmaxRow(const float* x, float* y, int64_t n, bool log);

/**
 * One attention head batch: Q (L x E), K (S x E), V (S x Ev) strided, O (L x Ev) rows of stride rso.
 * Shared by the interpreter (aten sdpa) and the AOTI shim (_scaled_dot_product_flash_attention_for_cpu).
 */
struct AttentionProblem {
  int64_t l, s, e, ev;
  float scale;
  bool causal;  // key j hidden from query i when j > i
  const float* q; int64_t rsq, csq;
  const float* k; int64_t rsk, csk;
  const float* v; int64_t rsv, csv;
  /** Additive float mask or boolean (uint8, 0 = masked) mask, or both null. */
  const float* maskF; const uint8_t* maskB; int64_t rsm, csm;
  float* o; int64_t rso;
  /** Log-sum-exp of each query's scores (row stride rsl), or null when not wanted. */
  float* lse; int64_t rsl;
  /** A query whose keys are all masked: zeros and lse 0 (ATen's flash kernel) rather than NaN (its math path). */
  bool zeroMaskedRows;
};

/**
 * Runs `batch` heads; head i adds qOff[i] ... to the base pointers (mOff null without a mask, lOff
 * null without lse). Splits (head, block of query rows) units over up to `threads` parts.
 */
void AttentionF32(const AttentionProblem& p, int64_t batch, const int64_t* qOff, const int64_t* kOff,
                  const int64_t* vOff, const int64_t* mOff, const int64_t* oOff, const int64_t* lOff, int threads);

/** A 2-d convolution, NCHW, weight [Cout, Cin/groups, KH, KW]; bias may be null; act applied last. */
struct Conv2dProblem {
  int64_t n, cin, h, w, cout, kh, kw, oh, ow;
  int64_t sh, sw, ph, pw, dh, dw, groups;
  const float* x; const float* weight; const float* bias;
  float* y;
  Unary act;
};

/** Runs a 2-d convolution (im2col + GEMM, or a direct loop for depthwise) with its epilogue. */
void Conv2dF32(const Conv2dProblem& p, int threads);

/** Max pooling over NCHW planes (`planes` = N*C), -inf padding, no indices. */
void MaxPool2dF32(const float* x, float* y, int64_t planes, int64_t h, int64_t w, int64_t oh, int64_t ow, int64_t kh,
                  int64_t kw, int64_t sh, int64_t sw, int64_t ph, int64_t pw, int64_t dh, int64_t dw, int threads);

}  // namespace nativert
