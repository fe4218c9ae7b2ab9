// Row-wise float32 normalizations: layer norm (two-pass mean/variance in double for stability)
// and softmax / log-softmax (max-shifted, AVX2 exp where available).
#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels.h"
#include "parallel.h"
#include "vec-math.h"

namespace nativert {
namespace {

void LayerNormRow(const float* x, const float* w, const float* b, float* y, int64_t n, float eps) {
  double sum = 0.0;
  for (int64_t i = 0; i < n; ++i) sum += x[i];
  const double mean = sum / static_cast<double>(n);
  double sq = 0.0;
  for (int64_t i = 0; i < n; ++i) {
    const double d = x[i] - mean;
    sq += d * d;
  }
  const float rstd = static_cast<float>(1.0 / std::sqrt(sq / static_cast<double>(n) + eps));
  const float m = static_cast<float>(mean);
  for (int64_t i = 0; i < n; ++i) {
    float v = (x[i] - m) * rstd;
    if (w) v *= w[i];
    if (b) v += b[i];
    y[i] = v;
  }
}

__attribute__((target("avx2,fma"))) inline float HSum8(__m256 v) {
  alignas(32) float lanes[8];
  _mm256_store_ps(lanes, v);
  float s = 0.0f;
  for (float l : lanes) s += l;
  return s;
}

// LayerNormRow with 8-lane float partial sums (two passes: mean, then centred squares); the
// scalar version's double accumulators form one serial dependency chain per row.
__attribute__((target("avx2,fma"))) void LayerNormRowAvx2(const float* x, const float* w, const float* b, float* y, int64_t n,
                                                        float eps) {
  __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    s0 = _mm256_add_ps(s0, _mm256_loadu_ps(x + i));
    s1 = _mm256_add_ps(s1, _mm256_loadu_ps(x + i + 8));
  }
  for (; i + 8 <= n; i += 8) s0 = _mm256_add_ps(s0, _mm256_loadu_ps(x + i));
  double sum = HSum8(_mm256_add_ps(s0, s1));
  for (; i < n; ++i) sum += x[i];
  const float m = static_cast<float>(sum / static_cast<double>(n));
  const __m256 mv = _mm256_set1_ps(m);
  __m256 q0 = _mm256_setzero_ps(), q1 = _mm256_setzero_ps();
  i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m256 d0 = _mm256_sub_ps(_mm256_loadu_ps(x + i), mv), d1 = _mm256_sub_ps(_mm256_loadu_ps(x + i + 8), mv);
    q0 = _mm256_fmadd_ps(d0, d0, q0);
    q1 = _mm256_fmadd_ps(d1, d1, q1);
  }
  for (; i + 8 <= n; i += 8) {
    const __m256 d0 = _mm256_sub_ps(_mm256_loadu_ps(x + i), mv);
    q0 = _mm256_fmadd_ps(d0, d0, q0);
  }
  double sq = HSum8(_mm256_add_ps(q0, q1));
  for (; i < n; ++i) sq += static_cast<double>(x[i] - m) * (x[i] - m);
  const float rstd = static_cast<float>(1.0 / std::sqrt(sq / static_cast<double>(n) + eps));
  const __m256 rv = _mm256_set1_ps(rstd);
  i = 0;
  for (; i + 8 <= n; i += 8) {
    __m256 v = _mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(x + i), mv), rv);
    if (w) v = _mm256_mul_ps(v, _mm256_loadu_ps(w + i));
    if (b) v = _mm256_add_ps(v, _mm256_loadu_ps(b + i));
    _mm256_storeu_ps(y + i, v);
  }
  for (; i < n; ++i) {
    float v = (x[i] - m) * rstd;
    if (w) v *= w[i];
    if (b) v += b[i];
    y[i] = v;
  }
}

// exp(x - shift) into y, returning the sum.
__attribute__((target("avx2,fma"))) float ExpShiftAvx2(const float* x, float* y, int64_t n, float shift) {
  const __m256 s = _mm256_set1_ps(shift);
  __m256 acc = _mm256_setzero_ps();
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 e = Exp8(_mm256_sub_ps(_mm256_loadu_ps(x + i), s));
    _mm256_storeu_ps(y + i, e);
    acc = _mm256_add_ps(acc, e);
  }
  alignas(32) float lanes[8];
  _mm256_store_ps(lanes, acc);
  float sum = 0.0f;
  for (float v : lanes) sum += v;
  for (; i < n; ++i) sum += (y[i] = std::exp(x[i] - shift));
  return sum;
}

float ExpShift(const float* x, float* y, int64_t n, float shift) {
  if (HasAvx2Fma()) return ExpShiftAvx2(x, y, n, shift);
  float sum = 0.0f;
  for (int64_t i = 0; i < n; ++i) sum += (y[i] = std::exp(x[i] - shift));
  return sum;
}

}  // namespace

float SoftmaxRow(const float* x, float* y, int64_t n, bool log) {
  float mx = -std::numeric_limits<float>::infinity();
  bool nan = false;
  for (int64_t i = 0; i < n; ++i) {
    mx = std::max(mx, x[i]);
    nan |= std::isnan(x[i]);
  }
  if (nan || mx == -std::numeric_limits<float>::infinity()) {
    // PyTorch: a NaN anywhere, or a row of all -inf (0/0), gives a NaN row.
    std::fill(y, y + n, std::numeric_limits<float>::quiet_NaN());
    return std::numeric_limits<float>::quiet_NaN();
  }
  if (log) {
    double sum = 0.0;
    for (int64_t i = 0; i < n; ++i) sum += std::exp(static_cast<double>(x[i]) - mx);
    const float lse = mx + static_cast<float>(std::log(sum));
    for (int64_t i = 0; i < n; ++i) y[i] = x[i] - lse;
    return lse;
  }
  const float sum = ExpShift(x, y, n, mx);
  const float inv = 1.0f / sum;
  for (int64_t i = 0; i < n; ++i) y[i] *= inv;
  return mx + std::log(sum);
}

void LayerNormF32(const float* x, const float* weight, const float* bias, float* y, int64_t rows, int64_t cols,
                  float eps, int threads) {
  ParallelParts(PartsFor(static_cast<double>(rows) * cols, 1 << 15, threads), [&](int part, int count) {
    int64_t lo, hi;
    SplitRange(rows, part, count, 1, &lo, &hi);
    const bool avx2 = HasAvx2Fma();
    for (int64_t r = lo; r < hi; ++r) {
      if (avx2) LayerNormRowAvx2(x + r * cols, weight, bias, y + r * cols, cols, eps);
      else LayerNormRow(x + r * cols, weight, bias, y + r * cols, cols, eps);
    }
  });
}

void SoftmaxF32(const float* x, float* y, int64_t rows, int64_t cols, bool log, int threads) {
  ParallelParts(PartsFor(static_cast<double>(rows) * cols, 1 << 15, threads), [&](int part, int count) {
    int64_t lo, hi;
    SplitRange(rows, part, count, 1, &lo, &hi);
    for (int64_t r = lo; r < hi; ++r) SoftmaxRow(x + r * cols, y + r * cols, cols, log);
  });
}

}  // namespace nativert
