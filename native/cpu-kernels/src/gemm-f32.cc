// Float32 GEMM: BLIS-style cache blocking (NC x KC panels of B, MC x KC blocks of A, both packed)
// around a 6x16 register-blocked micro-kernel. The AVX2+FMA kernel is chosen at run time with
// __builtin_cpu_supports; a portable scalar kernel over the same packed layout is the fallback.
#include <immintrin.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "gemm.h"
#include "parallel.h"

namespace nativert {
namespace {

constexpr int64_t kMr = 6;
constexpr int64_t kNr = 16;
constexpr int64_t kMc = 144;   // A block: 144 x 256 floats = 144 KiB, sits in L2.
constexpr int64_t kKc = 256;   // one B micro-panel: 256 x 16 floats = 16 KiB, sits in L1.
constexpr int64_t kNc = 3072;  // B panel: 256 x 3072 floats = 3 MiB, sits in L3.

using MicroKernel = void (*)(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, float alpha,
                             float beta, int64_t m, int64_t n);

// Writes the m x n corner of a full 6x16 tile of accumulators into C.
inline void StoreTile(const float* tile, float* c, int64_t ldc, float alpha, float beta, int64_t m, int64_t n) {
  for (int64_t i = 0; i < m; ++i) {
    float* row = c + i * ldc;
    for (int64_t j = 0; j < n; ++j) {
      const float v = alpha * tile[i * kNr + j];
      row[j] = beta == 0.0f ? v : v + beta * row[j];
    }
  }
}

void KernelScalar(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, float alpha, float beta,
                  int64_t m, int64_t n) {
  alignas(32) float acc[kMr * kNr] = {};
  for (int64_t k = 0; k < kc; ++k, a += kMr, b += kNr) {
    for (int64_t i = 0; i < kMr; ++i) {
      const float av = a[i];
      for (int64_t j = 0; j < kNr; ++j) acc[i * kNr + j] += av * b[j];
    }
  }
  StoreTile(acc, c, ldc, alpha, beta, m, n);
}

#define NATIVERT_ROW_FMA(i)                                  \
  av = _mm256_broadcast_ss(a + (i));                         \
  c##i##0 = _mm256_fmadd_ps(av, b0, c##i##0);                \
  c##i##1 = _mm256_fmadd_ps(av, b1, c##i##1);

#define NATIVERT_ROW_STORE(i)                                               \
  {                                                                         \
    float* row = c + (i) * ldc;                                             \
    __m256 r0 = _mm256_mul_ps(va, c##i##0), r1 = _mm256_mul_ps(va, c##i##1); \
    if (beta != 0.0f) {                                                     \
      r0 = _mm256_fmadd_ps(vb, _mm256_loadu_ps(row), r0);                   \
      r1 = _mm256_fmadd_ps(vb, _mm256_loadu_ps(row + 8), r1);               \
    }                                                                       \
    _mm256_storeu_ps(row, r0);                                              \
    _mm256_storeu_ps(row + 8, r1);                                          \
  }

#define NATIVERT_ROW_SPILL(i)                        \
  _mm256_store_ps(tile + (i) * kNr, c##i##0);        \
  _mm256_store_ps(tile + (i) * kNr + 8, c##i##1);

__attribute__((target("avx2,fma"))) void KernelAvx2(int64_t kc, const float* a, const float* b, float* c,
                                                    int64_t ldc, float alpha, float beta, int64_t m, int64_t n) {
  __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
  __m256 c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
  for (int64_t k = 0; k < kc; ++k, a += kMr, b += kNr) {
    const __m256 b0 = _mm256_load_ps(b), b1 = _mm256_load_ps(b + 8);
    __m256 av;
    NATIVERT_ROW_FMA(0) NATIVERT_ROW_FMA(1) NATIVERT_ROW_FMA(2)
    NATIVERT_ROW_FMA(3) NATIVERT_ROW_FMA(4) NATIVERT_ROW_FMA(5)
  }
  if (m == kMr && n == kNr) {
    const __m256 va = _mm256_set1_ps(alpha), vb = _mm256_set1_ps(beta);
    NATIVERT_ROW_STORE(0) NATIVERT_ROW_STORE(1) NATIVERT_ROW_STORE(2)
    NATIVERT_ROW_STORE(3) NATIVERT_ROW_STORE(4) NATIVERT_ROW_STORE(5)
    return;
  }
  alignas(32) float tile[kMr * kNr];
  NATIVERT_ROW_SPILL(0) NATIVERT_ROW_SPILL(1) NATIVERT_ROW_SPILL(2)
  NATIVERT_ROW_SPILL(3) NATIVERT_ROW_SPILL(4) NATIVERT_ROW_SPILL(5)
  StoreTile(tile, c, ldc, alpha, beta, m, n);
}

MicroKernel ChooseKernel() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return KernelAvx2;
  return KernelScalar;
}

const MicroKernel kKernel = ChooseKernel();

// A 32-byte aligned scratch buffer per thread, grown on demand.
struct Scratch {
  float* data = nullptr;
  size_t size = 0;
  ~Scratch() { std::free(data); }
  float* Get(size_t n) {
    if (n > size) {
      std::free(data);
      data = static_cast<float*>(std::aligned_alloc(32, ((n * sizeof(float) + 31) / 32) * 32));
      size = n;
    }
    return data;
  }
};

// Packs rows [0, mc) x cols [0, kc) of A into MR-row panels, column by column, zero-padding the last.
void PackA(const float* a, int64_t rsa, int64_t csa, int64_t mc, int64_t kc, float* dst) {
  for (int64_t i0 = 0; i0 < mc; i0 += kMr) {
    const int64_t mr = std::min(kMr, mc - i0);
    const float* src = a + i0 * rsa;
    for (int64_t k = 0; k < kc; ++k, dst += kMr) {
      const float* col = src + k * csa;
      int64_t r = 0;
      for (; r < mr; ++r) dst[r] = col[r * rsa];
      for (; r < kMr; ++r) dst[r] = 0.0f;
    }
  }
}

// Packs rows [0, kc) x cols [0, nc) of B into NR-column panels, row by row, zero-padding the last.
void PackB(const float* b, int64_t rsb, int64_t csb, int64_t kc, int64_t nc, float* dst) {
  for (int64_t j0 = 0; j0 < nc; j0 += kNr) {
    const int64_t nr = std::min(kNr, nc - j0);
    const float* src = b + j0 * csb;
    for (int64_t k = 0; k < kc; ++k, dst += kNr) {
      const float* row = src + k * rsb;
      int64_t c = 0;
      if (csb == 1) {
        std::memcpy(dst, row, nr * sizeof(float));
        c = nr;
      } else {
        for (; c < nr; ++c) dst[c] = row[c * csb];
      }
      for (; c < kNr; ++c) dst[c] = 0.0f;
    }
  }
}

// C[m0:m1, n0:n1] of one problem, single-threaded.
void SgemmBlock(const GemmProblem<float>& p, int64_t m0, int64_t m1, int64_t n0, int64_t n1) {
  if (m0 >= m1 || n0 >= n1) return;
  if (p.k == 0) {
    for (int64_t i = m0; i < m1; ++i)
      for (int64_t j = n0; j < n1; ++j) p.c[i * p.ldc + j] = p.beta == 0.0f ? 0.0f : p.beta * p.c[i * p.ldc + j];
    return;
  }
  thread_local Scratch packA, packB;
  float* bufA = packA.Get(kMc * kKc);
  float* bufB = packB.Get(kKc * (std::min(kNc, n1 - n0) + kNr));
  for (int64_t jc = n0; jc < n1; jc += kNc) {
    const int64_t nc = std::min(kNc, n1 - jc);
    for (int64_t pc = 0; pc < p.k; pc += kKc) {
      const int64_t kc = std::min(kKc, p.k - pc);
      const float beta = pc == 0 ? p.beta : 1.0f;
      PackB(p.b + pc * p.rsb + jc * p.csb, p.rsb, p.csb, kc, nc, bufB);
      for (int64_t ic = m0; ic < m1; ic += kMc) {
        const int64_t mc = std::min(kMc, m1 - ic);
        PackA(p.a + ic * p.rsa + pc * p.csa, p.rsa, p.csa, mc, kc, bufA);
        for (int64_t jr = 0; jr < nc; jr += kNr) {
          const int64_t nr = std::min(kNr, nc - jr);
          for (int64_t ir = 0; ir < mc; ir += kMr) {
            const int64_t mr = std::min(kMr, mc - ir);
            kKernel(kc, bufA + ir * kc, bufB + jr * kc, p.c + (ic + ir) * p.ldc + jc + jr, p.ldc, p.alpha, beta, mr,
                    nr);
          }
        }
      }
    }
  }
}

GemmProblem<float> At(const GemmProblem<float>& p, int64_t i, const int64_t* aOff, const int64_t* bOff,
                      const int64_t* cOff) {
  GemmProblem<float> q = p;
  q.a += aOff[i];
  q.b += bOff[i];
  q.c += cOff[i];
  return q;
}

// Rows [m0, m1) x columns [n0, n1) (n0 a multiple of kNr) of a packed-weight GEMM, single-threaded.
void PackedBlock(int64_t m0, int64_t m1, int64_t n0, int64_t n1, int64_t n, int64_t k, const float* a, int64_t rsa,
                 int64_t csa, const float* packed, const float* bias, float* c, int64_t ldc, Unary act) {
  if (m0 >= m1 || n0 >= n1) return;
  const int64_t np = (n + kNr - 1) / kNr * kNr;
  if (bias != nullptr || k == 0) {
    for (int64_t i = m0; i < m1; ++i) {
      float* row = c + i * ldc;
      for (int64_t j = n0; j < n1; ++j) row[j] = bias == nullptr ? 0.0f : bias[j];
    }
  }
  thread_local Scratch packA;
  float* bufA = packA.Get(kMc * kKc);
  for (int64_t pc = 0; pc < k; pc += kKc) {
    const int64_t kc = std::min(kKc, k - pc);
    const float beta = pc == 0 && bias == nullptr ? 0.0f : 1.0f;
    const float* block = packed + pc * np;
    for (int64_t ic = m0; ic < m1; ic += kMc) {
      const int64_t mc = std::min(kMc, m1 - ic);
      PackA(a + ic * rsa + pc * csa, rsa, csa, mc, kc, bufA);
      for (int64_t jr = n0; jr < n1; jr += kNr) {
        const int64_t nr = std::min(kNr, n1 - jr);
        for (int64_t ir = 0; ir < mc; ir += kMr) {
          kKernel(kc, bufA + ir * kc, block + jr * kc, c + (ic + ir) * ldc + jr, ldc, 1.0f, beta,
                  std::min(kMr, mc - ir), nr);
        }
      }
    }
  }
  if (act != Unary::kIdentity) {
    for (int64_t i = m0; i < m1; ++i) ApplyUnary(act, c + i * ldc + n0, n1 - n0);
  }
}

}  // namespace

int64_t PackedWeightsSize(int64_t k, int64_t n) { return k * ((n + kNr - 1) / kNr * kNr); }

void PackWeightsF32(const float* b, int64_t rsb, int64_t csb, int64_t k, int64_t n, float* dst) {
  const int64_t np = (n + kNr - 1) / kNr * kNr;
  for (int64_t pc = 0; pc < k; pc += kKc) PackB(b + pc * rsb, rsb, csb, std::min(kKc, k - pc), n, dst + pc * np);
}

void SgemmPacked(int64_t m, int64_t n, int64_t k, const float* a, int64_t rsa, int64_t csa, const float* packed,
                 const float* bias, float* c, int64_t ldc, Unary act, int threads) {
  if (m == 0 || n == 0) return;
  const double work = static_cast<double>(m) * n * std::max<int64_t>(k, 1);
  const int nt = std::max(1, std::min(threads, static_cast<int>(work / (64.0 * 64 * 64)) + 1));
  const bool splitN = n >= m;
  const int parts = static_cast<int>(std::min<int64_t>(nt, splitN ? (n + kNr - 1) / kNr : (m + kMr - 1) / kMr));
  ParallelParts(parts, [&](int part, int count) {
    int64_t lo, hi;
    if (splitN) {
      SplitRange(n, part, count, kNr, &lo, &hi);
      PackedBlock(0, m, lo, hi, n, k, a, rsa, csa, packed, bias, c, ldc, act);
    } else {
      SplitRange(m, part, count, kMr, &lo, &hi);
      PackedBlock(lo, hi, 0, n, n, k, a, rsa, csa, packed, bias, c, ldc, act);
    }
  });
}

const char* SgemmKernelName() { return kKernel == KernelAvx2 ? "avx2-fma-6x16" : "scalar-6x16"; }

void SgemmBatched(const GemmProblem<float>& p, int64_t batch, const int64_t* aOff, const int64_t* bOff,
                  const int64_t* cOff, int threads) {
  if (batch <= 0 || p.m == 0 || p.n == 0) return;
  // Below ~64^3 flops per thread the thread start costs more than it saves.
  const double work = static_cast<double>(p.m) * p.n * std::max<int64_t>(p.k, 1) * batch;
  int nt = std::max(1, std::min(threads, static_cast<int>(work / (64.0 * 64 * 64)) + 1));
  if (batch >= nt) {
    ParallelParts(nt, [&](int part, int parts) {
      int64_t b0, b1;
      SplitRange(batch, part, parts, 1, &b0, &b1);
      for (int64_t i = b0; i < b1; ++i) SgemmBlock(At(p, i, aOff, bOff, cOff), 0, p.m, 0, p.n);
    });
    return;
  }
  for (int64_t i = 0; i < batch; ++i) {
    const GemmProblem<float> q = At(p, i, aOff, bOff, cOff);
    const bool splitN = p.n >= p.m;
    const int parts = static_cast<int>(std::min<int64_t>(nt, splitN ? (p.n + kNr - 1) / kNr : (p.m + kMr - 1) / kMr));
    ParallelParts(parts, [&](int part, int count) {
      int64_t lo, hi;
      if (splitN) {
        SplitRange(p.n, part, count, kNr, &lo, &hi);
        SgemmBlock(q, 0, p.m, lo, hi);
      } else {
        SplitRange(p.m, part, count, kMr, &lo, &hi);
        SgemmBlock(q, lo, hi, 0, p.n);
      }
    });
  }
}

}  // namespace nativert
