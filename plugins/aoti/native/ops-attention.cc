// aoti_torch_cpu__scaled_dot_product_flash_attention_for_cpu: softmax(q k^T * scale + mask) v.
// float32 on AVX2+FMA goes through the blocked GEMM path (attention-f32.cc); other dtypes through
// a loop accumulated in double. Output and logsumexp are laid out as ATen does, because the
// generated code reads them with those strides. Output: empty_like(query) strides; logsumexp: [B, L, H] storage transposed to [B, H, L] (ATen's meta function).
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "parallel.h"
#include "attention-f32.h"
#include "shim-api.h"

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_cpu__scaled_dot_product_flash_attention_for_cpu(
    AtenTensorHandle query, AtenTensorHandle key, AtenTensorHandle value, double dropout_p, int32_t is_causal,
    AtenTensorHandle* attn_mask, double* scale, AtenTensorHandle* ret0, AtenTensorHandle* ret1) {
  return ShimGuard(__func__, [&] {
    const ShimTensor& q = *ShimUnwrap(query, "sdpa query");
    const ShimTensor& k = *ShimUnwrap(key, "sdpa key");
    const ShimTensor& v = *ShimUnwrap(value, "sdpa value");
    const ShimTensor* mask = attn_mask != nullptr && *attn_mask != nullptr ? *attn_mask : nullptr;
    ShimRequireCpu(q, "sdpa query");
    for (const ShimTensor* t : {&q, &k, &v}) {
      // Checked here: the per-head loop runs on worker threads, where an exception cannot escape.
      if (t->dtype != kF32 && t->dtype != kF64 && t->dtype != kF16 && t->dtype != kBF16)
        throw std::invalid_argument("sdpa: floating query/key/value expected, got dtype code " + std::to_string(t->dtype));
    }
    if (mask != nullptr && (mask->dtype == kC32 || mask->dtype == kC64 || mask->dtype == kC128 || (mask->dtype >= kF8E5M2 && mask->dtype <= kF8E4M3FNUZ)))
      throw std::invalid_argument("sdpa: attn_mask of dtype code " + std::to_string(mask->dtype) + " is not supported");
    if (dropout_p != 0.0) throw std::invalid_argument("sdpa: dropout_p must be 0 at inference, got " + std::to_string(dropout_p));
    if (q.sizes.size() != 4 || k.sizes.size() != 4 || v.sizes.size() != 4)
      throw std::invalid_argument("sdpa: expected 4-d query/key/value [B, H, L, E]");
    const int64_t B = q.sizes[0], H = q.sizes[1], L = q.sizes[2], E = q.sizes[3];
    const int64_t S = k.sizes[2], Ev = v.sizes[3];
    if (k.sizes[0] != B || k.sizes[1] != H || v.sizes[2] != S || k.sizes[3] != E)
      throw std::invalid_argument("sdpa: key/value shapes do not match the query");
    const double sc = scale != nullptr ? *scale : 1.0 / std::sqrt(static_cast<double>(E));
    std::vector<int64_t> mst;
    if (mask != nullptr) mst = ShimBroadcastStrides(*mask, {B, H, L, S}, "sdpa attn_mask");
    const bool bool_mask = mask != nullptr && mask->dtype == kBool;

    const std::vector<int64_t> ost = Ev == E ? ShimPreserveStrides(q) : ShimContiguousStrides({B, H, L, Ev});
    ShimTensor* out = ShimAllocate({B, H, L, Ev}, ost, q.dtype, kDevCPU, 0);
    const int32_t lse_dtype = q.dtype == kF64 ? kF64 : kF32;
    ShimTensor* lse = ShimAllocate({B, H, L}, {L * H, 1, H}, lse_dtype, kDevCPU, 0);
    if (AttentionF32(q, k, v, mask, mst, is_causal != 0, static_cast<float>(sc), *out, *lse)) {
      *ret0 = out;
      *ret1 = lse;
      return;
    }
    const int64_t heads = B * H;
    nativert::ParallelParts(static_cast<int>(std::min<int64_t>(ShimThreads(), heads)), [&](int part, int parts) {
      std::vector<double> scores(static_cast<size_t>(S)), acc(static_cast<size_t>(Ev));
      for (int64_t bh = heads * part / parts; bh < heads * (part + 1) / parts; ++bh) {
        const int64_t b = bh / H, h = bh % H;
        for (int64_t i = 0; i < L; ++i) {
          double mx = -std::numeric_limits<double>::infinity();
          for (int64_t j = 0; j < S; ++j) {
            double s;
            if (is_causal != 0 && j > i) {
              s = -std::numeric_limits<double>::infinity();
            } else {
              double dot = 0;
              for (int64_t e = 0; e < E; ++e)
                dot += ShimLoad(q, b * q.strides[0] + h * q.strides[1] + i * q.strides[2] + e * q.strides[3]) *
                       ShimLoad(k, b * k.strides[0] + h * k.strides[1] + j * k.strides[2] + e * k.strides[3]);
              s = dot * sc;
              if (mask != nullptr) {
                const double m = ShimLoad(*mask, b * mst[0] + h * mst[1] + i * mst[2] + j * mst[3]);
                if (bool_mask) s = m != 0.0 ? s : -std::numeric_limits<double>::infinity();
                else s += m;
              }
            }
            scores[j] = s;
            mx = std::max(mx, s);
          }
          double sum = 0;
          for (int64_t j = 0; j < S; ++j) {
            scores[j] = std::exp(scores[j] - mx);
            sum += scores[j];
          }
          std::fill(acc.begin(), acc.end(), 0.0);
          for (int64_t j = 0; j < S; ++j) {
            const double p = scores[j] / sum;
            if (p == 0.0) continue;
            for (int64_t e = 0; e < Ev; ++e)
              acc[e] += p * ShimLoad(v, b * v.strides[0] + h * v.strides[1] + j * v.strides[2] + e * v.strides[3]);
          }
          for (int64_t e = 0; e < Ev; ++e)
            ShimStore(*out, b * out->strides[0] + h * out->strides[1] + i * out->strides[2] + e * out->strides[3], acc[e]);
          ShimStore(*lse, b * lse->strides[0] + h * lse->strides[1] + i * lse->strides[2], mx + std::log(sum));
        }
      }
    });
    *ret0 = out;
    *ret1 = lse;
  });
}
