// The float32 fast path of the shim's flash attention: the shared attention kernel of
// @nativert/cpu-kernels (kernels.h AttentionF32, the one the interpreter runs) over the shim's
// strided 4-d tensors, one head per (batch, head) pair.
#include "attention-f32.h"

#include <vector>

#include "kernels.h"

namespace {

const float* F32Data(const ShimTensor& t) { return reinterpret_cast<const float*>(ShimDataPtr(t)); }

}  // namespace

bool AttentionF32(const ShimTensor& q, const ShimTensor& k, const ShimTensor& v, const ShimTensor* mask,
                  const std::vector<int64_t>& mst, bool causal, float scale, const ShimTensor& out,
                  const ShimTensor& lse) {
  for (const ShimTensor* t : {&q, &k, &v, &out, &lse})
    if (t->dtype != kF32) return false;
  if (mask != nullptr && mask->dtype != kF32 && mask->dtype != kBool) return false;
  // The kernel writes output rows with unit column stride.
  if (out.strides[3] != 1 && v.sizes[3] > 1) return false;
  nativert::AttentionProblem p{};
  p.l = q.sizes[2], p.s = k.sizes[2], p.e = q.sizes[3], p.ev = v.sizes[3];
  p.scale = scale;
  p.causal = causal;
  p.q = F32Data(q), p.rsq = q.strides[2], p.csq = q.strides[3];
  p.k = F32Data(k), p.rsk = k.strides[2], p.csk = k.strides[3];
  p.v = F32Data(v), p.rsv = v.strides[2], p.csv = v.strides[3];
  if (mask != nullptr) {
    if (mask->dtype == kBool) p.maskB = reinterpret_cast<const uint8_t*>(ShimDataPtr(*mask));
    else p.maskF = F32Data(*mask);
    p.rsm = mst[2], p.csm = mst[3];
  }
  p.o = reinterpret_cast<float*>(ShimDataPtr(out)), p.rso = out.strides[2];
  p.lse = reinterpret_cast<float*>(ShimDataPtr(lse)), p.rsl = lse.strides[2];
  p.zeroMaskedRows = true;
  const int64_t B = q.sizes[0], H = q.sizes[1], heads = B * H;
  std::vector<int64_t> qo(heads), ko(heads), vo(heads), mo(mask != nullptr ? heads : 0), oo(heads), lo(heads);
  for (int64_t i = 0; i < heads; ++i) {
    const int64_t b = i / H, h = i % H;
    qo[i] = b * q.strides[0] + h * q.strides[1];
    ko[i] = b * k.strides[0] + h * k.strides[1];
    vo[i] = b * v.strides[0] + h * v.strides[1];
    oo[i] = b * out.strides[0] + h * out.strides[1];
    lo[i] = b * lse.strides[0] + h * lse.strides[1];
    if (mask != nullptr) mo[i] = b * mst[0] + h * mst[1];
  }
  nativert::AttentionF32(p, heads, qo.data(), ko.data(), vo.data(), mask != nullptr ? mo.data() : nullptr, oo.data(),
                         lo.data(), ShimThreads());
  return true;
}
