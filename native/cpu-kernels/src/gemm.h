// Strided GEMM kernels of the interpreter's native addon.
//
// Every operand is addressed by a base pointer and a (row stride, column stride) pair in elements,
// so transposed and broadcast (stride-0) views are read in place, without a copy.
// C is row-major with leading dimension ldc. Semantics: C = alpha * A·B + beta * C, where beta == 0
// means C is overwritten (its previous contents, NaN included, are ignored), as in BLAS.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels.h"

namespace nativert {

/** One GEMM problem. A is M x K, B is K x N, C is M x N. */
template <typename T>
struct GemmProblem {
  int64_t m, n, k;
  T alpha, beta;
  const T* a; int64_t rsa, csa;
  const T* b; int64_t rsb, csb;
  T* c; int64_t ldc;
};

/**
 * Runs `batch` float32 GEMMs sharing sizes and strides; problem i uses a + aOff[i], b + bOff[i],
 * c + cOff[i]. Splits the work over up to `threads` std::threads (batch first, then N or M).
 */
void SgemmBatched(const GemmProblem<float>& p, int64_t batch, const int64_t* aOff, const int64_t* bOff,
                  const int64_t* cOff, int threads);

/** SgemmBatched where problem i adds i * strideA / strideB / strideC elements to p's a / b / c. */
void SgemmStrided(const GemmProblem<float>& p, int64_t batch, int64_t strideA, int64_t strideB, int64_t strideC,
                  int threads);

/** The float64 counterpart of SgemmBatched (simple blocked loops, no micro-kernel). */
void DgemmBatched(const GemmProblem<double>& p, int64_t batch, const int64_t* aOff, const int64_t* bOff,
                  const int64_t* cOff, int threads);

/** Floats a k x n B operand takes once packed by PackWeightsF32. */
int64_t PackedWeightsSize(int64_t k, int64_t n);

/**
 * Packs B (k x n, strided) once for SgemmPacked: KC-row blocks, each a run of NR-column panels
 * (zero-padded), block pc starting at pc * roundup(n, NR) and panel j0 at + j0 * kc. dst must be
 * 32-byte aligned.
 */
void PackWeightsF32(const float* b, int64_t rsb, int64_t csb, int64_t k, int64_t n, float* dst);

/**
 * C (m x n, row stride ldc) = act(A·B + bias) with B packed by PackWeightsF32; bias (n values, one
 * per column) may be null. Splits over up to `threads` pool workers.
 */
void SgemmPacked(int64_t m, int64_t n, int64_t k, const float* a, int64_t rsa, int64_t csa, const float* packed,
                 const float* bias, float* c, int64_t ldc, Unary act, int threads);

/** Floats an m x k A operand takes once packed by PackAF32. */
int64_t PackedASize(int64_t m, int64_t k);

/**
 * Packs A (m x k, strided) once for SgemmPackedA, so a GEMM run many times over blocks of B
 * (a convolution's pixel blocks) packs its A once: KC-column blocks of MR-row panels (zero-padded),
 * block pc at pc * roundup(m, MR).
 */
void PackAF32(const float* a, int64_t rsa, int64_t csa, int64_t m, int64_t k, float* dst);

/** One SgemmBatched problem whose A (p.m x p.k) was packed by PackAF32; p.a, p.rsa, p.csa are unused. */
void SgemmPackedA(const GemmProblem<float>& p, const float* packedA, int threads);

/** Name of the float32 micro-kernel chosen for this CPU ("avx2-fma-6x16" or "scalar-6x16"). */
const char* SgemmKernelName();

}  // namespace nativert
