// Declarations shared by the files implementing PyTorch's aoti_torch_* C shim (shim.h,
// c_shim_cpu.h). Signatures are PyTorch's; AtenTensorHandle is a ShimTensor*.
#pragma once

#include <cstdint>

#include "shim-tensor.h"

using AOTITorchError = int32_t;
using AtenTensorHandle = ShimTensor*;

constexpr AOTITorchError kSuccess = 0;

#define AOTI_SHIM_EXPORT extern "C" __attribute__((visibility("default")))

/** A std::vector over a C array of `n` int64 (sizes, strides, op attributes). */
inline std::vector<int64_t> ShimInts(const int64_t* p, int64_t n) {
  return p == nullptr ? std::vector<int64_t>() : std::vector<int64_t>(p, p + n);
}
