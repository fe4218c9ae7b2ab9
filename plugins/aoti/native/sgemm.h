// The shim's float32 GEMM (sgemm.cc): C = alpha * A·B + beta * C over strided operands, as the
// interpreter's nativert::GemmProblem describes them (beta == 0: C's previous contents, NaN
// included, are ignored).
#pragma once

#include <cstdint>

#include "gemm.h"

/**
 * Runs `batch` problems shaped like `p`; problem i adds i * strideA / strideB / strideC elements
 * to p's a / b / c. Spreads the work over up to `threads` OpenMP threads (batch first, then N or
 * M). AVX2+FMA hosts use the shim's own 6x16 kernel; others the interpreter's SgemmBatched.
 */
void ShimSgemm(const nativert::GemmProblem<float>& p, int64_t batch, int64_t strideA, int64_t strideB, int64_t strideC,
               int threads);
