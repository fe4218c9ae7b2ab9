// The float32 fast path of the shim's scaled-dot-product attention (attention-f32.cc), on the
// attention kernel of @nativert/cpu-kernels.
#pragma once

#include "shim-tensor.h"

/**
 * out = softmax(q k^T * scale + mask) v and lse = rowmax + log(rowsum) for float32 4-d
 * q/k/v [B, H, L|S, E] with any strides, written into the already allocated `out` [B, H, L, Ev]
 * and float32 `lse` [B, H, L]. `mask` (nullable) is float32 (added) or bool (false = masked),
 * broadcast with strides `mst` over [B, H, L, S]. Rows with every key masked give zeros, as ATen.
 * Returns false when the inputs are outside this path (other dtypes, a mask of another dtype, an
 * output whose last dim is strided), leaving out/lse untouched.
 */
bool AttentionF32(const ShimTensor& q, const ShimTensor& k, const ShimTensor& v, const ShimTensor* mask,
                  const std::vector<int64_t>& mst, bool causal, float scale, const ShimTensor& out,
                  const ShimTensor& lse);
