// aoti_torch_cuda_convolution and _scaled_dot_product_efficient_attention through the shim's CPU
// kernels: the operands are copied to the host, the CPU op runs, and its result is copied to a
// new CUDA tensor in the layout ATen's CUDA op returns. Correct on any CUDA host with no kernel of
// our own to compile; the price is two transfers and a stream sync per call.
#include <stdexcept>
#include <string>

#include "cuda-tensor.h"
#include "ops-cpu.h"

namespace {
const ShimTensor* Optional(AtenTensorHandle* h) { return h != nullptr ? *h : nullptr; }

void RequireCuda(const ShimTensor& t, const char* what) {
  if (!ShimIsCuda(t)) {
    throw std::invalid_argument(std::string(what) + ": expected a CUDA tensor, got device type " +
                                std::to_string(t.storage->device_type));
  }
}
}  // namespace

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_cuda_convolution(
    AtenTensorHandle input, AtenTensorHandle weight, AtenTensorHandle* bias, const int64_t* stride,
    int64_t stride_len, const int64_t* padding, int64_t padding_len, const int64_t* dilation, int64_t dilation_len,
    int32_t transposed, const int64_t* output_padding, int64_t output_padding_len, int64_t groups,
    AtenTensorHandle* ret0) {
  return ShimGuard(__func__, [&] {
    const ShimTensor& x = *ShimUnwrap(input, "convolution input");
    RequireCuda(x, "convolution input");
    ShimMirrors host;
    AtenTensorHandle hb = host.Add(Optional(bias));
    AtenTensorHandle hout = nullptr;
    ShimCheckHostOp(aoti_torch_cpu_convolution(host.Add(&x), host.Add(ShimUnwrap(weight, "convolution weight")),
                                               hb != nullptr ? &hb : nullptr, stride, stride_len, padding,
                                               padding_len, dilation, dilation_len, transposed, output_padding,
                                               output_padding_len, groups, &hout),
                    "convolution");
    host.Own(hout);
    // The CPU op already picks ATen's output layout (channels-last when the input or weight is).
    *ret0 = ShimDeviceCopyOf(*hout, x.storage->device_index);
  });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_cuda__scaled_dot_product_efficient_attention(
    AtenTensorHandle query, AtenTensorHandle key, AtenTensorHandle value, AtenTensorHandle* attn_bias,
    int32_t compute_log_sumexp, double dropout_p, int32_t is_causal, double* scale, AtenTensorHandle* ret0,
    AtenTensorHandle* ret1, AtenTensorHandle* ret2, AtenTensorHandle* ret3) {
  return ShimGuard(__func__, [&] {
    const ShimTensor& q = *ShimUnwrap(query, "sdpa query");
    RequireCuda(q, "sdpa query");
    if (q.sizes.size() != 4) throw std::invalid_argument("sdpa: expected a 4-d query [B, H, L, E]");
    ShimMirrors host;
    AtenTensorHandle hmask = host.Add(Optional(attn_bias));
    AtenTensorHandle hout = nullptr, hlse = nullptr;
    ShimCheckHostOp(aoti_torch_cpu__scaled_dot_product_flash_attention_for_cpu(
                        host.Add(&q), host.Add(ShimUnwrap(key, "sdpa key")), host.Add(ShimUnwrap(value, "sdpa value")),
                        dropout_p, is_causal, hmask != nullptr ? &hmask : nullptr, scale, &hout, &hlse),
                    "scaled_dot_product_attention");
    host.Own(hout);
    host.Own(hlse);
    const int64_t B = hout->sizes[0], H = hout->sizes[1], L = hout->sizes[2], Ev = hout->sizes[3];
    // ATen's efficient attention returns its output as [B, L, H, Ev] storage viewed [B, H, L, Ev]:
    // the generated code reads it back with those strides.
    ShimTensor* out = host.Own(ShimAllocate({B, H, L, Ev}, {L * H * Ev, Ev, H * Ev, 1}, q.dtype, kDevCPU, 0));
    ShimCopyInto(*out, *hout);
    // logsumexp: float32 [B, H, L rounded up to 32] when asked for, else [B, H, 0].
    const int64_t lse_len = compute_log_sumexp != 0 ? (L + 31) / 32 * 32 : 0;
    ShimTensor* lse = host.Own(ShimAllocate({B, H, lse_len}, {H * lse_len, lse_len, 1}, kF32, kDevCPU, 0));
    if (lse_len > 0) {
      ShimTensor* head = host.Own(ShimView(*lse, {B, H, L}, {H * lse_len, lse_len, 1}, 0, kF32));
      ShimCopyInto(*head, *hlse);
    }
    const int32_t dev = q.storage->device_index;
    *ret0 = ShimDeviceCopyOf(*out, dev);
    *ret1 = ShimDeviceCopyOf(*lse, dev);
    // No dropout: the philox seed and offset are empty CPU int64 scalars, as ATen returns them.
    *ret2 = ShimAllocate({}, {}, kI64, kDevCPU, 0);
    *ret3 = ShimAllocate({}, {}, kI64, kDevCPU, 0);
  });
}
