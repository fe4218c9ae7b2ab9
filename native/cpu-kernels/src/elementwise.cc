// Elementwise float32 maps: unary activations (AVX2 approximations of exp/erf/tanh with a <cmath>
// fallback) and broadcasting binary arithmetic over coalesced strided dims.
#include <algorithm>
#include <cmath>

#include "kernels.h"
#include "parallel.h"
#include "vec-math.h"

namespace nativert {

bool HasAvx2Fma() {
  static const bool has = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  }();
  return has;
}

namespace {

constexpr float kSqrt1_2 = 0.70710678118654752f;
constexpr float kGeluTanhC = 0.7978845608028654f;  // sqrt(2/pi)

float UnaryScalar(Unary op, float x) {
  switch (op) {
    case Unary::kIdentity: return x;
    case Unary::kRelu: return x > 0.0f ? x : (std::isnan(x) ? x : 0.0f);
    case Unary::kGelu: return 0.5f * x * (1.0f + std::erf(x * kSqrt1_2));
    case Unary::kGeluTanh: return 0.5f * x * (1.0f + std::tanh(kGeluTanhC * (x + 0.044715f * x * x * x)));
    case Unary::kHardswish: return x * std::min(std::max(x + 3.0f, 0.0f), 6.0f) / 6.0f;
    case Unary::kHardsigmoid: return std::min(std::max(x + 3.0f, 0.0f), 6.0f) / 6.0f;
    case Unary::kSigmoid: return 1.0f / (1.0f + std::exp(-x));
    case Unary::kSilu: return x / (1.0f + std::exp(-x));
    case Unary::kTanh: return std::tanh(x);
    case Unary::kSquare: return x * x;
    case Unary::kCube: return x * x * x;
    case Unary::kExp: return std::exp(x);
    case Unary::kRelu6: return std::isnan(x) ? x : std::min(std::max(x, 0.0f), 6.0f);
  }
  return x;
}

// NaN-propagating max(x, 0): _mm256_max_ps returns its second operand when either is NaN.
__attribute__((target("avx2,fma"))) inline __m256 Relu8(__m256 x) { return _mm256_max_ps(_mm256_setzero_ps(), x); }

__attribute__((target("avx2,fma"))) inline __m256 Sigmoid8(__m256 x) {
  const __m256 one = _mm256_set1_ps(1.0f);
  return _mm256_div_ps(one, _mm256_add_ps(one, Exp8(_mm256_sub_ps(_mm256_setzero_ps(), x))));
}

__attribute__((target("avx2,fma"))) inline __m256 Unary8(Unary op, __m256 x) {
  const __m256 half = _mm256_set1_ps(0.5f), one = _mm256_set1_ps(1.0f), three = _mm256_set1_ps(3.0f);
  const __m256 six = _mm256_set1_ps(6.0f), sixth = _mm256_set1_ps(1.0f / 6.0f), zero = _mm256_setzero_ps();
  switch (op) {
    case Unary::kIdentity: return x;
    case Unary::kRelu: return Relu8(x);
    case Unary::kGelu:
      return _mm256_mul_ps(_mm256_mul_ps(half, x), _mm256_add_ps(one, Erf8(_mm256_mul_ps(x, _mm256_set1_ps(kSqrt1_2)))));
    case Unary::kGeluTanh: {
      const __m256 inner = _mm256_mul_ps(_mm256_set1_ps(kGeluTanhC),
                                         _mm256_fmadd_ps(_mm256_mul_ps(_mm256_set1_ps(0.044715f), x), _mm256_mul_ps(x, x), x));
      return _mm256_mul_ps(_mm256_mul_ps(half, x), _mm256_add_ps(one, Tanh8(inner)));
    }
    case Unary::kHardswish:
      return _mm256_mul_ps(x, _mm256_mul_ps(_mm256_min_ps(_mm256_max_ps(_mm256_add_ps(x, three), zero), six), sixth));
    case Unary::kHardsigmoid:
      return _mm256_mul_ps(_mm256_min_ps(_mm256_max_ps(_mm256_add_ps(x, three), zero), six), sixth);
    case Unary::kSigmoid: return Sigmoid8(x);
    case Unary::kSilu: return _mm256_mul_ps(x, Sigmoid8(x));
    case Unary::kTanh: return Tanh8(x);
    case Unary::kSquare: return _mm256_mul_ps(x, x);
    case Unary::kCube: return _mm256_mul_ps(_mm256_mul_ps(x, x), x);
    case Unary::kExp: return Exp8(x);
    case Unary::kRelu6: return _mm256_min_ps(six, Relu8(x));
  }
  return x;
}

// Unary8 with NaN inputs passed through (min/max-based formulas would drop them).
__attribute__((target("avx2,fma"))) inline __m256 UnaryNaN8(Unary op, __m256 x) {
  return _mm256_blendv_ps(Unary8(op, x), x, _mm256_cmp_ps(x, x, _CMP_UNORD_Q));
}

__attribute__((target("avx2,fma"))) void UnaryAvx2(Unary op, const float* x, float* y, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, UnaryNaN8(op, _mm256_loadu_ps(x + i)));
  if (i < n) {
    alignas(32) float tail[8] = {};
    for (int64_t j = i; j < n; ++j) tail[j - i] = x[j];
    _mm256_store_ps(tail, UnaryNaN8(op, _mm256_load_ps(tail)));
    for (int64_t j = i; j < n; ++j) y[j] = tail[j - i];
  }
}

void UnaryRange(Unary op, const float* x, float* y, int64_t n) {
  if (op == Unary::kIdentity) {
    if (x != y) std::copy(x, x + n, y);
    return;
  }
  if (HasAvx2Fma()) {
    UnaryAvx2(op, x, y, n);
    return;
  }
  for (int64_t i = 0; i < n; ++i) y[i] = UnaryScalar(op, x[i]);
}

template <Binary kOp>
inline float Apply(float a, float b, float alpha) {
  switch (kOp) {
    case Binary::kAdd: return a + alpha * b;
    case Binary::kSub: return a - alpha * b;
    case Binary::kMul: return a * b;
    case Binary::kDiv: return a / b;
    case Binary::kFirst: return a;
  }
  return 0.0f;
}

// One innermost row of n elements with strides sa, sb (the compiler vectorizes the unit/zero cases).
template <Binary kOp>
void Row(const float* a, int64_t sa, const float* b, int64_t sb, float* out, int64_t n, float alpha) {
  if (sa == 1 && sb == 1) {
    for (int64_t i = 0; i < n; ++i) out[i] = Apply<kOp>(a[i], b[i], alpha);
  } else if (sa == 1 && sb == 0) {
    const float bv = b[0];
    for (int64_t i = 0; i < n; ++i) out[i] = Apply<kOp>(a[i], bv, alpha);
  } else if (sa == 0 && sb == 1) {
    const float av = a[0];
    for (int64_t i = 0; i < n; ++i) out[i] = Apply<kOp>(av, b[i], alpha);
  } else {
    for (int64_t i = 0; i < n; ++i) out[i] = Apply<kOp>(a[i * sa], b[i * sb], alpha);
  }
}

constexpr int kMaxRank = 12;

struct Coalesced {
  int rank = 0;
  int64_t shape[kMaxRank], sa[kMaxRank], sb[kMaxRank];
};

// Drops size-1 dims and merges neighbours that are contiguous in the output and in both inputs.
Coalesced Coalesce(int rank, const int64_t* shape, const int64_t* sa, const int64_t* sb) {
  Coalesced c;
  for (int d = 0; d < rank; ++d) {
    if (shape[d] == 1) continue;
    if (c.rank > 0) {
      const int last = c.rank - 1;
      if (c.sa[last] == sa[d] * shape[d] && c.sb[last] == sb[d] * shape[d]) {
        c.shape[last] *= shape[d];
        c.sa[last] = sa[d];
        c.sb[last] = sb[d];
        continue;
      }
    }
    c.shape[c.rank] = shape[d];
    c.sa[c.rank] = sa[d];
    c.sb[c.rank] = sb[d];
    ++c.rank;
  }
  if (c.rank == 0) {
    c.rank = 1;
    c.shape[0] = 1;
    c.sa[0] = c.sb[0] = 0;
  }
  return c;
}

template <Binary kOp>
void BinaryRows(const Coalesced& c, const float* a, const float* b, float* out, int64_t r0, int64_t r1, float alpha) {
  const int inner = c.rank - 1;
  const int64_t n = c.shape[inner];
  for (int64_t r = r0; r < r1; ++r) {
    int64_t rem = r, oa = 0, ob = 0;
    for (int d = inner - 1; d >= 0; --d) {
      const int64_t i = rem % c.shape[d];
      rem /= c.shape[d];
      oa += i * c.sa[d];
      ob += i * c.sb[d];
    }
    Row<kOp>(a + oa, c.sa[inner], b + ob, c.sb[inner], out + r * n, n, alpha);
  }
}

template <Binary kOp>
void BinaryTyped(const Coalesced& c, const float* a, const float* b, float* out, float alpha, int threads) {
  const int64_t n = c.shape[c.rank - 1];
  int64_t rows = 1;
  for (int d = 0; d < c.rank - 1; ++d) rows *= c.shape[d];
  const int parts = PartsFor(static_cast<double>(rows) * n, 1 << 16, threads);
  if (rows == 1 && parts > 1) {
    ParallelParts(parts, [&](int part, int count) {
      int64_t lo, hi;
      SplitRange(n, part, count, 64, &lo, &hi);
      if (lo < hi) Row<kOp>(a + lo * c.sa[0], c.sa[0], b + lo * c.sb[0], c.sb[0], out + lo, hi - lo, alpha);
    });
    return;
  }
  ParallelParts(std::min<int64_t>(parts, rows), [&](int part, int count) {
    int64_t lo, hi;
    SplitRange(rows, part, count, 1, &lo, &hi);
    BinaryRows<kOp>(c, a, b, out, lo, hi, alpha);
  });
}

}  // namespace

void ApplyUnary(Unary op, float* y, int64_t n) { UnaryRange(op, y, y, n); }

void UnaryF32(Unary op, const float* x, float* y, int64_t n, int threads) {
  const int parts = PartsFor(static_cast<double>(n), 1 << 15, threads);
  ParallelParts(parts, [&](int part, int count) {
    int64_t lo, hi;
    SplitRange(n, part, count, 64, &lo, &hi);
    if (lo < hi) UnaryRange(op, x + lo, y + lo, hi - lo);
  });
}

void BinaryF32(Binary op, float alpha, int rank, const int64_t* shape, const float* a, const int64_t* sa,
               const float* b, const int64_t* sb, float* out, int threads) {
  const Coalesced c = Coalesce(rank, shape, sa, sb);
  switch (op) {
    case Binary::kAdd: BinaryTyped<Binary::kAdd>(c, a, b, out, alpha, threads); break;
    case Binary::kSub: BinaryTyped<Binary::kSub>(c, a, b, out, alpha, threads); break;
    case Binary::kMul: BinaryTyped<Binary::kMul>(c, a, b, out, alpha, threads); break;
    case Binary::kDiv: BinaryTyped<Binary::kDiv>(c, a, b, out, alpha, threads); break;
    case Binary::kFirst: BinaryTyped<Binary::kFirst>(c, a, b, out, alpha, threads); break;
  }
}

}  // namespace nativert
