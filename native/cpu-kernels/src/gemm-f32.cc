// Float32 GEMM: BLIS-style cache blocking (NC x KC panels of B, MC x KC blocks of A) around a 6x16
// register-blocked micro-kernel. A is packed into 6-row panels, or read in place when its rows are
// unit-stride and B is only a few panels wide (packing would cost more than it saves). A transposed
// B (a weight used as W^T) is packed through 8x8 register transposes. The AVX2+FMA kernel is chosen
// at run time; a portable scalar kernel over the same layout is the fallback.
#include <immintrin.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "gemm.h"
#include "parallel.h"
#include "vec-math.h"

namespace nativert {
namespace {

constexpr int64_t kMr = 6;
constexpr int64_t kNr = 16;
constexpr int64_t kMc = 144;   // A block: 144 x 256 floats = 144 KiB, sits in L2.
constexpr int64_t kKc = 256;   // one B micro-panel: 256 x 16 floats = 16 KiB, sits in L1.
constexpr int64_t kNc = 3072;  // B panel: 256 x 3072 floats = 3 MiB, sits in L3.
// Up to this many columns of B (4 panels) A is read in place: each A row is then used by few
// panels, so a packed copy would not pay for itself (measured: 512x49x4608 1.2x faster in place,
// 1500x384x384 1.3x slower).
constexpr int64_t kDirectAMaxN = 4 * kNr;

constexpr int64_t RoundUp(int64_t v, int64_t to) { return (v + to - 1) / to * to; }

// The A operand of one micro-tile: row r, column k at rows[r][k * csa] (csa 1: rows read in
// place; kMr: a packed panel).
struct TileA {
  const float* rows[kMr];
  int64_t csa;
};

using MicroKernel = void (*)(int64_t kc, const TileA& a, const float* b, float* c, int64_t ldc, float alpha,
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

void KernelScalar(int64_t kc, const TileA& a, const float* b, float* c, int64_t ldc, float alpha, float beta,
                  int64_t m, int64_t n) {
  alignas(32) float acc[kMr * kNr] = {};
  for (int64_t k = 0; k < kc; ++k, b += kNr) {
    for (int64_t i = 0; i < kMr; ++i) {
      const float av = a.rows[i][k * a.csa];
      for (int64_t j = 0; j < kNr; ++j) acc[i * kNr + j] += av * b[j];
    }
  }
  StoreTile(acc, c, ldc, alpha, beta, m, n);
}

#define NATIVERT_ROW_FMA(i)                                  \
  av = _mm256_broadcast_ss(a##i + o);                        \
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

// The loop keeps only the 12 accumulators, two B vectors and one broadcast live (15 ymm registers).
template <int64_t kCsa>
__attribute__((target("avx2,fma"))) void KernelAvx2(int64_t kc, const TileA& a, const float* b, float* c,
                                                    int64_t ldc, float alpha, float beta, int64_t m, int64_t n) {
  __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
  __m256 c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
  const float *a0 = a.rows[0], *a1 = a.rows[1], *a2 = a.rows[2], *a3 = a.rows[3], *a4 = a.rows[4], *a5 = a.rows[5];
  for (int64_t k = 0; k < kc; ++k, b += kNr) {
    const __m256 b0 = _mm256_load_ps(b), b1 = _mm256_load_ps(b + 8);
    const int64_t o = k * kCsa;
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

// Kernels for packed A panels and for A rows read in place.
struct Kernels {
  MicroKernel packed, direct;
};

Kernels ChooseKernels() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return {KernelAvx2<kMr>, KernelAvx2<1>};
  return {KernelScalar, KernelScalar};
}

const Kernels kKernels = ChooseKernels();

// The micro-tile of A at rows [i0, i0 + mr): a packed panel (csa kMr) or rows in place (csa 1).
// Rows past mr repeat the last one (computed, never stored).
inline TileA TileOf(const float* a, int64_t rsa, int64_t csa, int64_t mr) {
  TileA t;
  t.csa = csa;
  for (int64_t r = 0; r < kMr; ++r) t.rows[r] = a + std::min(r, mr - 1) * rsa;
  return t;
}

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

// dst[r * kNr + c] = src[c * ld + r] for r, c in [0, 8): an 8x8 transpose of rows of `src`.
__attribute__((target("avx2,fma"))) void Transpose8x8(const float* src, int64_t ld, float* dst) {
  __m256 r0 = _mm256_loadu_ps(src), r1 = _mm256_loadu_ps(src + ld), r2 = _mm256_loadu_ps(src + 2 * ld),
         r3 = _mm256_loadu_ps(src + 3 * ld), r4 = _mm256_loadu_ps(src + 4 * ld), r5 = _mm256_loadu_ps(src + 5 * ld),
         r6 = _mm256_loadu_ps(src + 6 * ld), r7 = _mm256_loadu_ps(src + 7 * ld);
  const __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1), t2 = _mm256_unpacklo_ps(r2, r3),
               t3 = _mm256_unpackhi_ps(r2, r3), t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5),
               t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
  r0 = _mm256_shuffle_ps(t0, t2, 0x44);
  r1 = _mm256_shuffle_ps(t0, t2, 0xEE);
  r2 = _mm256_shuffle_ps(t1, t3, 0x44);
  r3 = _mm256_shuffle_ps(t1, t3, 0xEE);
  r4 = _mm256_shuffle_ps(t4, t6, 0x44);
  r5 = _mm256_shuffle_ps(t4, t6, 0xEE);
  r6 = _mm256_shuffle_ps(t5, t7, 0x44);
  r7 = _mm256_shuffle_ps(t5, t7, 0xEE);
  _mm256_storeu_ps(dst + 0 * kNr, _mm256_permute2f128_ps(r0, r4, 0x20));
  _mm256_storeu_ps(dst + 1 * kNr, _mm256_permute2f128_ps(r1, r5, 0x20));
  _mm256_storeu_ps(dst + 2 * kNr, _mm256_permute2f128_ps(r2, r6, 0x20));
  _mm256_storeu_ps(dst + 3 * kNr, _mm256_permute2f128_ps(r3, r7, 0x20));
  _mm256_storeu_ps(dst + 4 * kNr, _mm256_permute2f128_ps(r0, r4, 0x31));
  _mm256_storeu_ps(dst + 5 * kNr, _mm256_permute2f128_ps(r1, r5, 0x31));
  _mm256_storeu_ps(dst + 6 * kNr, _mm256_permute2f128_ps(r2, r6, 0x31));
  _mm256_storeu_ps(dst + 7 * kNr, _mm256_permute2f128_ps(r3, r7, 0x31));
}

// Packs rows [0, kc) x cols [0, nc) of B into NR-column panels, row by row, zero-padding the last.
// A transposed B (rsb == 1) goes through 8x8 register transposes, then column by column, so it is
// still read along its rows.
void PackB(const float* b, int64_t rsb, int64_t csb, int64_t kc, int64_t nc, float* dst) {
  static const bool avx2 = HasAvx2Fma();
  for (int64_t j0 = 0; j0 < nc; j0 += kNr, dst += kc * kNr) {
    const int64_t nr = std::min(kNr, nc - j0);
    const float* src = b + j0 * csb;
    if (csb == 1) {
      for (int64_t k = 0; k < kc; ++k) {
        std::memcpy(dst + k * kNr, src + k * rsb, static_cast<size_t>(nr) * sizeof(float));
        std::fill(dst + k * kNr + nr, dst + (k + 1) * kNr, 0.0f);
      }
      continue;
    }
    int64_t k0 = 0;
    if (avx2 && rsb == 1 && nr == kNr) {
      for (; k0 + 8 <= kc; k0 += 8) {
        Transpose8x8(src + k0, csb, dst + k0 * kNr);
        Transpose8x8(src + 8 * csb + k0, csb, dst + k0 * kNr + 8);
      }
    }
    for (int64_t c = 0; c < kNr; ++c) {
      const float* col = src + c * csb;
      for (int64_t k = k0; k < kc; ++k) dst[k * kNr + c] = c < nr ? col[k * rsb] : 0.0f;
    }
  }
}

// Where a KC block takes its A from: rows read in place (`direct`), rows [0, m) already packed by
// PackAF32 (`prepacked`: the panel of row i at prepacked + i * kc), or else packed here per MC block.
struct SourceA {
  const float* a;
  int64_t rsa, csa;
  const float* prepacked;
  bool direct;
};

// C[m0:m1, 0:nc] = alpha * A[m0:m1, 0:kc] · B + beta * C for one KC block, B packed as nc columns
// of kNr-wide panels at `bp` (panel j at bp + j * kNr * kc). m0 is a multiple of kMr when prepacked.
void MacroBlock(const SourceA& src, int64_t m0, int64_t m1, int64_t kc, const float* bp, int64_t nc, float* c,
                int64_t ldc, float alpha, float beta) {
  thread_local Scratch packA;
  const bool pack = !src.direct && src.prepacked == nullptr;
  float* bufA = pack ? packA.Get(kMc * kKc) : nullptr;
  const MicroKernel kernel = src.direct ? kKernels.direct : kKernels.packed;
  for (int64_t ic = m0; ic < m1; ic += kMc) {
    const int64_t mc = std::min(kMc, m1 - ic);
    if (pack) PackA(src.a + ic * src.rsa, src.rsa, src.csa, mc, kc, bufA);
    const float* panels = pack ? bufA : src.prepacked + ic * kc;
    for (int64_t jr = 0; jr < nc; jr += kNr) {
      const int64_t nr = std::min(kNr, nc - jr);
      for (int64_t ir = 0; ir < mc; ir += kMr) {
        const int64_t mr = std::min(kMr, mc - ir);
        const TileA tile = src.direct ? TileOf(src.a + (ic + ir) * src.rsa, src.rsa, 1, mr)
                                      : TileOf(panels + ir * kc, 1, kMr, mr);
        kernel(kc, tile, bp + jr * kc, c + (ic + ir) * ldc + jr, ldc, alpha, beta, mr, nr);
      }
    }
  }
}

// C[m0:m1, n0:n1] of one problem, single-threaded; A packed by PackAF32 when packedA is not null.
void SgemmBlock(const GemmProblem<float>& p, int64_t m0, int64_t m1, int64_t n0, int64_t n1, const float* packedA) {
  if (m0 >= m1 || n0 >= n1) return;
  if (p.k == 0) {
    for (int64_t i = m0; i < m1; ++i)
      for (int64_t j = n0; j < n1; ++j) p.c[i * p.ldc + j] = p.beta == 0.0f ? 0.0f : p.beta * p.c[i * p.ldc + j];
    return;
  }
  thread_local Scratch packB;
  float* bufB = packB.Get(kKc * (std::min(kNc, n1 - n0) + kNr));
  for (int64_t jc = n0; jc < n1; jc += kNc) {
    const int64_t nc = std::min(kNc, n1 - jc);
    for (int64_t pc = 0; pc < p.k; pc += kKc) {
      const int64_t kc = std::min(kKc, p.k - pc);
      PackB(p.b + pc * p.rsb + jc * p.csb, p.rsb, p.csb, kc, nc, bufB);
      const SourceA src{p.a + pc * p.csa, p.rsa, p.csa, packedA ? packedA + pc * RoundUp(p.m, kMr) : nullptr,
                        !packedA && p.csa == 1 && p.n <= kDirectAMaxN};
      MacroBlock(src, m0, m1, kc, bufB, nc, p.c + jc, p.ldc, p.alpha, pc == 0 ? p.beta : 1.0f);
    }
  }
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
  for (int64_t pc = 0; pc < k; pc += kKc) {
    const int64_t kc = std::min(kKc, k - pc);
    const SourceA src{a + pc * csa, rsa, csa, nullptr, csa == 1 && n <= kDirectAMaxN};
    MacroBlock(src, m0, m1, kc, packed + pc * np + n0 * kc, n1 - n0, c + n0, ldc, 1.0f,
               pc == 0 && bias == nullptr ? 0.0f : 1.0f);
  }
  if (act != Unary::kIdentity) {
    for (int64_t i = m0; i < m1; ++i) ApplyUnary(act, c + i * ldc + n0, n1 - n0);
  }
}

// Runs `batch` problems, problem i being at(i), over up to `threads` parts (batch first, then N or M).
template <typename ProblemAt>
void Batched(const GemmProblem<float>& p, int64_t batch, ProblemAt at, int threads, const float* packedA = nullptr) {
  if (batch <= 0 || p.m == 0 || p.n == 0) return;
  // Below ~64^3 flops per thread the thread start costs more than it saves.
  const double work = static_cast<double>(p.m) * p.n * std::max<int64_t>(p.k, 1) * batch;
  const int nt = PartsFor(work, 64.0 * 64 * 64, threads);
  if (batch >= nt) {
    ParallelParts(nt, [&](int part, int parts) {
      int64_t b0, b1;
      SplitRange(batch, part, parts, 1, &b0, &b1);
      for (int64_t i = b0; i < b1; ++i) SgemmBlock(at(i), 0, p.m, 0, p.n, packedA);
    });
    return;
  }
  for (int64_t i = 0; i < batch; ++i) {
    const GemmProblem<float> q = at(i);
    const bool splitN = p.n >= p.m;
    const int parts = static_cast<int>(std::min<int64_t>(nt, splitN ? (p.n + kNr - 1) / kNr : (p.m + kMr - 1) / kMr));
    ParallelParts(parts, [&](int part, int count) {
      int64_t lo, hi;
      if (splitN) {
        SplitRange(p.n, part, count, kNr, &lo, &hi);
        SgemmBlock(q, 0, p.m, lo, hi, packedA);
      } else {
        SplitRange(p.m, part, count, kMr, &lo, &hi);
        SgemmBlock(q, lo, hi, 0, p.n, packedA);
      }
    });
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

int64_t PackedASize(int64_t m, int64_t k) { return RoundUp(m, kMr) * k; }

void PackAF32(const float* a, int64_t rsa, int64_t csa, int64_t m, int64_t k, float* dst) {
  const int64_t mp = RoundUp(m, kMr);
  for (int64_t pc = 0; pc < k; pc += kKc) PackA(a + pc * csa, rsa, csa, m, std::min(kKc, k - pc), dst + pc * mp);
}

void SgemmPackedA(const GemmProblem<float>& p, const float* packedA, int threads) {
  Batched(p, 1, [&](int64_t) { return p; }, threads, packedA);
}

const char* SgemmKernelName() { return kKernels.packed == KernelScalar ? "scalar-6x16" : "avx2-fma-6x16"; }

void SgemmBatched(const GemmProblem<float>& p, int64_t batch, const int64_t* aOff, const int64_t* bOff,
                  const int64_t* cOff, int threads) {
  Batched(p, batch, [&](int64_t i) {
    GemmProblem<float> q = p;
    q.a += aOff[i];
    q.b += bOff[i];
    q.c += cOff[i];
    return q;
  }, threads);
}

void SgemmStrided(const GemmProblem<float>& p, int64_t batch, int64_t strideA, int64_t strideB, int64_t strideC,
                  int threads) {
  Batched(p, batch, [&](int64_t i) {
    GemmProblem<float> q = p;
    q.a += i * strideA;
    q.b += i * strideB;
    q.c += i * strideC;
    return q;
  }, threads);
}

}  // namespace nativert
