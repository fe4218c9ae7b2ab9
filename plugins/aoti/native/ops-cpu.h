// The CPU fallback ops (defined in ops-*.cc), declared for the CUDA ops that run through them on
// host mirrors. Signatures are PyTorch's (c_shim_cpu.h).
#pragma once

#include "shim-api.h"

extern "C" {
AOTITorchError aoti_torch_cpu_mm_out(AtenTensorHandle out, AtenTensorHandle self, AtenTensorHandle mat2);
AOTITorchError aoti_torch_cpu_addmm_out(AtenTensorHandle out, AtenTensorHandle self, AtenTensorHandle mat1,
                                        AtenTensorHandle mat2, double beta, double alpha);
AOTITorchError aoti_torch_cpu_convolution(AtenTensorHandle input, AtenTensorHandle weight, AtenTensorHandle* bias,
                                          const int64_t* stride, int64_t stride_len, const int64_t* padding,
                                          int64_t padding_len, const int64_t* dilation, int64_t dilation_len,
                                          int32_t transposed, const int64_t* output_padding,
                                          int64_t output_padding_len, int64_t groups, AtenTensorHandle* ret0);
AOTITorchError aoti_torch_cpu__scaled_dot_product_flash_attention_for_cpu(
    AtenTensorHandle query, AtenTensorHandle key, AtenTensorHandle value, double dropout_p, int32_t is_causal,
    AtenTensorHandle* attn_mask, double* scale, AtenTensorHandle* ret0, AtenTensorHandle* ret1);
}
