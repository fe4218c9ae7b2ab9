// The shim's float32 GEMM on AVX2+FMA: B packed into 16-column panels per K block, A read in place
// when its rows are unit-stride (packed into 6-row panels otherwise), and a 6x16 register-blocked
// kernel whose loop keeps nothing live but its 12 accumulators, the two B vectors and one
// broadcast (15 of 16 ymm registers: no spill in the loop). alpha and beta are applied when the
// tile is stored.
#include "sgemm.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "parallel.h"
#include "vec-f32.h"

namespace {

constexpr int64_t kMr = 6;
constexpr int64_t kNr = 16;
constexpr int64_t kKc = 256;   // one B micro-panel: 256 x 16 floats = 16 KiB, sits in L1
constexpr int64_t kMc = 96;    // rows of A per block: 96 x 256 floats = 96 KiB, sits in L2
constexpr int64_t kNc = 4096;  // B panel columns: 256 x 4096 floats = 4 MiB at most

// A 32-byte aligned scratch buffer per thread, grown on demand.
struct Scratch {
  float* data = nullptr;
  size_t size = 0;
  ~Scratch() { std::free(data); }
  float* Get(size_t n) {
    if (n > size) {
      std::free(data);
      data = static_cast<float*>(std::aligned_alloc(32, ((n * sizeof(float) + 31) / 32) * 32));
      size = data != nullptr ? n : 0;
    }
    return data;
  }
};

// dst[r * 16 + c] = src[c * ld + r] for r, c in [0, 8): an 8x8 transpose of rows of `src`.
NATIVERT_AVX2 void Transpose8x8(const float* src, int64_t ld, float* dst) {
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

// Packs rows [0, kc) x cols [0, nc) of B into 16-column panels, row by row, zero-padding the last.
// A transposed B (rsb == 1: a weight used as W^T) goes through 8x8 register transposes.
void PackB(const float* b, int64_t rsb, int64_t csb, int64_t kc, int64_t nc, float* dst) {
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
    if (rsb == 1 && nr == kNr) {
      for (; k0 + 8 <= kc; k0 += 8) {
        Transpose8x8(src + k0, csb, dst + k0 * kNr);
        Transpose8x8(src + 8 * csb + k0, csb, dst + k0 * kNr + 8);
      }
    }
    // The rest column by column, so a transposed B is still read along its rows.
    for (int64_t c = 0; c < kNr; ++c) {
      const float* col = src + c * csb;
      for (int64_t k = k0; k < kc; ++k) dst[k * kNr + c] = c < nr ? col[k * rsb] : 0.0f;
    }
  }
}

// Packs rows [0, mc) x cols [0, kc) of A into 6-row panels (6 values per k), zero-padding the last.
void PackA(const float* a, int64_t rsa, int64_t csa, int64_t mc, int64_t kc, float* dst) {
  for (int64_t i0 = 0; i0 < mc; i0 += kMr) {
    const int64_t mr = std::min(kMr, mc - i0);
    for (int64_t k = 0; k < kc; ++k, dst += kMr) {
      const float* col = a + i0 * rsa + k * csa;
      int64_t r = 0;
      for (; r < mr; ++r) dst[r] = col[r * rsa];
      for (; r < kMr; ++r) dst[r] = 0.0f;
    }
  }
}

#define SHIM_FMA_ROW(i, av)                    \
  c##i##0 = _mm256_fmadd_ps(av, b0, c##i##0); \
  c##i##1 = _mm256_fmadd_ps(av, b1, c##i##1);

#define SHIM_SPILL_ROW(i)                       \
  _mm256_store_ps(tile + (i) * kNr, c##i##0);   \
  _mm256_store_ps(tile + (i) * kNr + 8, c##i##1);

// tile = A(6 x kc) · Bpanel(kc x 16), where A row r, column k is rows[r][k * kCsa] (kCsa 1: rows
// read in place; 6: a packed panel).
template <int64_t kCsa>
NATIVERT_AVX2 void Kernel6x16(int64_t kc, const float* const* rows, const float* b, float* tile) {
  __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
  __m256 c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
  const float *a0 = rows[0], *a1 = rows[1], *a2 = rows[2], *a3 = rows[3], *a4 = rows[4], *a5 = rows[5];
  for (int64_t k = 0; k < kc; ++k, b += kNr) {
    const __m256 b0 = _mm256_load_ps(b), b1 = _mm256_load_ps(b + 8);
    const int64_t o = k * kCsa;
    __m256 av = _mm256_broadcast_ss(a0 + o);
    SHIM_FMA_ROW(0, av)
    av = _mm256_broadcast_ss(a1 + o);
    SHIM_FMA_ROW(1, av)
    av = _mm256_broadcast_ss(a2 + o);
    SHIM_FMA_ROW(2, av)
    av = _mm256_broadcast_ss(a3 + o);
    SHIM_FMA_ROW(3, av)
    av = _mm256_broadcast_ss(a4 + o);
    SHIM_FMA_ROW(4, av)
    av = _mm256_broadcast_ss(a5 + o);
    SHIM_FMA_ROW(5, av)
  }
  SHIM_SPILL_ROW(0) SHIM_SPILL_ROW(1) SHIM_SPILL_ROW(2) SHIM_SPILL_ROW(3) SHIM_SPILL_ROW(4) SHIM_SPILL_ROW(5)
}

// C[0:m, 0:n] = alpha * tile + beta * C (beta 0: C ignored).
NATIVERT_AVX2 void StoreTile(const float* tile, float* c, int64_t ldc, float alpha, float beta, int64_t m, int64_t n) {
  const __m256 va = _mm256_set1_ps(alpha), vb = _mm256_set1_ps(beta);
  for (int64_t i = 0; i < m; ++i) {
    float* row = c + i * ldc;
    const float* t = tile + i * kNr;
    if (n == kNr) {
      __m256 r0 = _mm256_mul_ps(va, _mm256_load_ps(t)), r1 = _mm256_mul_ps(va, _mm256_load_ps(t + 8));
      if (beta != 0.0f) {
        r0 = _mm256_fmadd_ps(vb, _mm256_loadu_ps(row), r0);
        r1 = _mm256_fmadd_ps(vb, _mm256_loadu_ps(row + 8), r1);
      }
      _mm256_storeu_ps(row, r0);
      _mm256_storeu_ps(row + 8, r1);
      continue;
    }
    for (int64_t j = 0; j < n; ++j) row[j] = beta == 0.0f ? alpha * t[j] : alpha * t[j] + beta * row[j];
  }
}

// C[m0:m1, n0:n1] of one problem on the calling thread.
void Block(const nativert::GemmProblem<float>& p, int64_t m0, int64_t m1, int64_t n0, int64_t n1) {
  if (m0 >= m1 || n0 >= n1) return;
  if (p.k == 0) {
    for (int64_t i = m0; i < m1; ++i)
      for (int64_t j = n0; j < n1; ++j) p.c[i * p.ldc + j] = p.beta == 0.0f ? 0.0f : p.beta * p.c[i * p.ldc + j];
    return;
  }
  thread_local Scratch packB, packA;
  const bool directA = p.csa == 1;
  float* bufB = packB.Get(static_cast<size_t>(kKc * (std::min(kNc, n1 - n0) + kNr)));
  float* bufA = directA ? nullptr : packA.Get(static_cast<size_t>(kKc * (kMc + kMr)));
  alignas(32) float tile[kMr * kNr];
  for (int64_t jc = n0; jc < n1; jc += kNc) {
    const int64_t nc = std::min(kNc, n1 - jc);
    for (int64_t pc = 0; pc < p.k; pc += kKc) {
      const int64_t kc = std::min(kKc, p.k - pc);
      const float beta = pc == 0 ? p.beta : 1.0f;
      PackB(p.b + pc * p.rsb + jc * p.csb, p.rsb, p.csb, kc, nc, bufB);
      for (int64_t ic = m0; ic < m1; ic += kMc) {
        const int64_t mc = std::min(kMc, m1 - ic);
        if (!directA) PackA(p.a + ic * p.rsa + pc * p.csa, p.rsa, p.csa, mc, kc, bufA);
        for (int64_t jr = 0; jr < nc; jr += kNr) {
          const int64_t nr = std::min(kNr, nc - jr);
          for (int64_t ir = 0; ir < mc; ir += kMr) {
            const int64_t mr = std::min(kMr, mc - ir);
            // Rows past the end of M repeat the last one (computed, never stored).
            const float* rows[kMr];
            for (int64_t r = 0; r < kMr; ++r) {
              const int64_t rr = std::min(r, mr - 1);
              rows[r] = directA ? p.a + (ic + ir + rr) * p.rsa + pc : bufA + ir * kc + rr;
            }
            if (directA) Kernel6x16<1>(kc, rows, bufB + jr * kc, tile);
            else Kernel6x16<kMr>(kc, rows, bufB + jr * kc, tile);
            StoreTile(tile, p.c + (ic + ir) * p.ldc + jc + jr, p.ldc, p.alpha, beta, mr, nr);
          }
        }
      }
    }
  }
}

}  // namespace

void ShimSgemm(const nativert::GemmProblem<float>& p, int64_t batch, int64_t strideA, int64_t strideB, int64_t strideC,
               int threads) {
  if (batch <= 0 || p.m == 0 || p.n == 0) return;
  if (!ShimHasAvx2Fma()) {
    std::vector<int64_t> ao(batch), bo(batch), co(batch);
    for (int64_t i = 0; i < batch; ++i) {
      ao[i] = i * strideA;
      bo[i] = i * strideB;
      co[i] = i * strideC;
    }
    nativert::SgemmBatched(p, batch, ao.data(), bo.data(), co.data(), threads);
    return;
  }
  const auto at = [&](int64_t i) {
    nativert::GemmProblem<float> q = p;
    q.a += i * strideA;
    q.b += i * strideB;
    q.c += i * strideC;
    return q;
  };
  const double work = static_cast<double>(p.m) * p.n * std::max<int64_t>(p.k, 1) * batch;
  const int nt = nativert::PartsFor(work, 64.0 * 64 * 64, threads);
  if (batch >= nt) {
    nativert::ParallelParts(nt, [&](int part, int parts) {
      int64_t b0, b1;
      nativert::SplitRange(batch, part, parts, 1, &b0, &b1);
      for (int64_t i = b0; i < b1; ++i) Block(at(i), 0, p.m, 0, p.n);
    });
    return;
  }
  for (int64_t i = 0; i < batch; ++i) {
    const nativert::GemmProblem<float> q = at(i);
    const bool splitN = p.n >= p.m;
    const int parts = static_cast<int>(std::min<int64_t>(nt, splitN ? (p.n + kNr - 1) / kNr : (p.m + kMr - 1) / kMr));
    nativert::ParallelParts(parts, [&](int part, int count) {
      int64_t lo, hi;
      if (splitN) {
        nativert::SplitRange(p.n, part, count, kNr, &lo, &hi);
        Block(q, 0, p.m, lo, hi);
      } else {
        nativert::SplitRange(p.m, part, count, kMr, &lo, &hi);
        Block(q, lo, hi, 0, p.n);
      }
    });
  }
}
