// PyTorch's aoti_torch_* tensor functions (torch/csrc/inductor/aoti_torch/c/shim.h) over the
// shim's own tensor object: dtype/device/layout codes, creation, inspection, views and copies.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

#include "cuda-runtime.h"
#include "cuda-tensor.h"
#include "scalar-convert.h"
#include "shim-api.h"

// ---- dtype, device, layout and memory-format codes (c10 numbering) ----
#define SHIM_CODE(name, value) \
  AOTI_SHIM_EXPORT int32_t aoti_torch_##name() { return value; }
SHIM_CODE(device_type_cpu, kDevCPU)
SHIM_CODE(device_type_cuda, kDevCUDA)
SHIM_CODE(device_type_meta, kDevMeta)
SHIM_CODE(device_type_xpu, kDevXPU)
SHIM_CODE(device_type_mps, kDevMPS)
SHIM_CODE(device_type_privateuse1, kDevPrivateUse1)
SHIM_CODE(dtype_float8_e5m2, kF8E5M2)
SHIM_CODE(dtype_float8_e4m3fn, kF8E4M3FN)
SHIM_CODE(dtype_float8_e5m2fnuz, kF8E5M2FNUZ)
SHIM_CODE(dtype_float8_e4m3fnuz, kF8E4M3FNUZ)
SHIM_CODE(dtype_bfloat16, kBF16)
SHIM_CODE(dtype_float16, kF16)
SHIM_CODE(dtype_float32, kF32)
SHIM_CODE(dtype_float64, kF64)
SHIM_CODE(dtype_uint8, kU8)
SHIM_CODE(dtype_uint16, kU16)
SHIM_CODE(dtype_uint32, kU32)
SHIM_CODE(dtype_uint64, kU64)
SHIM_CODE(dtype_int8, kI8)
SHIM_CODE(dtype_int16, kI16)
SHIM_CODE(dtype_int32, kI32)
SHIM_CODE(dtype_int64, kI64)
SHIM_CODE(dtype_bool, kBool)
SHIM_CODE(dtype_complex32, kC32)
SHIM_CODE(dtype_complex64, kC64)
SHIM_CODE(dtype_complex128, kC128)
SHIM_CODE(layout_strided, 0)
SHIM_CODE(memory_format_contiguous_format, 0)
SHIM_CODE(memory_format_preserve_format, 1)
SHIM_CODE(memory_format_channels_last, 2)
SHIM_CODE(memory_format_channels_last_3d, 3)
#undef SHIM_CODE

AOTI_SHIM_EXPORT size_t aoti_torch_dtype_element_size(int32_t dtype) { return ShimElementSize(dtype); }

// ---- grad mode: inference only, but the flag round-trips as code expects ----
namespace {
thread_local bool t_grad_mode = true;

}  // namespace

AOTI_SHIM_EXPORT bool aoti_torch_grad_mode_is_enabled() { return t_grad_mode; }
AOTI_SHIM_EXPORT void aoti_torch_grad_mode_set_enabled(bool enabled) { t_grad_mode = enabled; }

// ---- inspection ----
AOTI_SHIM_EXPORT AOTITorchError aoti_torch_delete_tensor_object(AtenTensorHandle tensor) {
  return ShimGuard(__func__, [&] { ShimRelease(tensor); });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_get_data_ptr(AtenTensorHandle tensor, void** ret) {
  return ShimGuard(__func__, [&] { *ret = ShimDataPtr(*ShimUnwrap(tensor, "get_data_ptr")); });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_get_storage_size(AtenTensorHandle tensor, int64_t* ret) {
  return ShimGuard(__func__, [&] { *ret = ShimUnwrap(tensor, "get_storage_size")->storage->nbytes; });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_get_storage_numel(AtenTensorHandle tensor, int64_t* ret) {
  return ShimGuard(__func__, [&] {
    const ShimTensor* t = ShimUnwrap(tensor, "get_storage_numel");
    *ret = t->storage->nbytes / static_cast<int64_t>(ShimElementSize(t->dtype));
  });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_get_dim(AtenTensorHandle tensor, int64_t* ret) {
  return ShimGuard(__func__, [&] { *ret = static_cast<int64_t>(ShimUnwrap(tensor, "get_dim")->sizes.size()); });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_get_numel(AtenTensorHandle tensor, int64_t* ret) {
  return ShimGuard(__func__, [&] { *ret = ShimNumel(ShimUnwrap(tensor, "get_numel")->sizes); });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_get_sizes(AtenTensorHandle tensor, int64_t** ret) {
  return ShimGuard(__func__, [&] { *ret = ShimUnwrap(tensor, "get_sizes")->sizes.data(); });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_get_size(AtenTensorHandle tensor, int64_t d, int64_t* ret) {
  return ShimGuard(__func__, [&] { *ret = ShimUnwrap(tensor, "get_size")->sizes.at(static_cast<size_t>(d)); });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_get_strides(AtenTensorHandle tensor, int64_t** ret) {
  return ShimGuard(__func__, [&] { *ret = ShimUnwrap(tensor, "get_strides")->strides.data(); });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_get_stride(AtenTensorHandle tensor, int64_t d, int64_t* ret) {
  return ShimGuard(__func__, [&] { *ret = ShimUnwrap(tensor, "get_stride")->strides.at(static_cast<size_t>(d)); });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_get_dtype(AtenTensorHandle tensor, int32_t* ret) {
  return ShimGuard(__func__, [&] { *ret = ShimUnwrap(tensor, "get_dtype")->dtype; });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_get_device_type(AtenTensorHandle tensor, int32_t* ret) {
  return ShimGuard(__func__, [&] { *ret = ShimUnwrap(tensor, "get_device_type")->storage->device_type; });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_get_device_index(AtenTensorHandle tensor, int32_t* ret) {
  return ShimGuard(__func__, [&] { *ret = ShimUnwrap(tensor, "get_device_index")->storage->device_index; });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_get_layout(AtenTensorHandle tensor, int32_t* ret) {
  return ShimGuard(__func__, [&] {
    ShimUnwrap(tensor, "get_layout");
    *ret = 0;
  });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_get_storage_offset(AtenTensorHandle tensor, int64_t* ret) {
  return ShimGuard(__func__, [&] { *ret = ShimUnwrap(tensor, "get_storage_offset")->offset; });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_is_contiguous(AtenTensorHandle tensor, bool* ret) {
  return ShimGuard(__func__, [&] {
    const ShimTensor* t = ShimUnwrap(tensor, "is_contiguous");
    const std::vector<int64_t> c = ShimContiguousStrides(t->sizes);
    bool ok = true;
    for (size_t i = 0; i < c.size(); ++i) ok = ok && (t->sizes[i] == 1 || t->strides[i] == c[i]);
    *ret = ok;
  });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_is_defined(AtenTensorHandle tensor, bool* ret) {
  return ShimGuard(__func__, [&] { *ret = tensor != nullptr; });
}

// ---- creation and views ----
AOTI_SHIM_EXPORT AOTITorchError aoti_torch_new_tensor_handle(AtenTensorHandle orig, AtenTensorHandle* ret) {
  return ShimGuard(__func__, [&] { *ret = ShimAlias(*ShimUnwrap(orig, "new_tensor_handle")); });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_empty_strided(int64_t ndim, const int64_t* sizes, const int64_t* strides,
                                                         int32_t dtype, int32_t device_type, int32_t device_index,
                                                         AtenTensorHandle* ret) {
  return ShimGuard(__func__, [&] {
    *ret = ShimAllocate(ShimInts(sizes, ndim), ShimInts(strides, ndim), dtype, device_type, device_index);
  });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_empty_strided_pinned(int64_t ndim, const int64_t* sizes,
                                                                const int64_t* strides, int32_t dtype,
                                                                int32_t device_type, int32_t device_index,
                                                                AtenTensorHandle* ret) {
  return aoti_torch_empty_strided(ndim, sizes, strides, dtype, device_type, device_index, ret);
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_create_tensor_from_blob(void* data, int64_t ndim, const int64_t* sizes,
                                                                   const int64_t* strides, int64_t storage_offset,
                                                                   int32_t dtype, int32_t device_type,
                                                                   int32_t device_index, AtenTensorHandle* ret) {
  return ShimGuard(__func__, [&] {
    std::vector<int64_t> sz = ShimInts(sizes, ndim), st = ShimInts(strides, ndim);
    // As at::for_blob: `data` is the storage base; the storage covers the view and its offset.
    const int64_t nbytes = ShimStorageElements(sz, st, storage_offset) * static_cast<int64_t>(ShimElementSize(dtype));
    *ret = ShimBorrow(data, nbytes, sz, st, storage_offset, dtype, device_type, device_index);
  });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_create_tensor_from_blob_v2(
    void* data, int64_t ndim, const int64_t* sizes, const int64_t* strides, int64_t storage_offset, int32_t dtype,
    int32_t device_type, int32_t device_index, AtenTensorHandle* ret, int32_t layout, const uint8_t* opaque_metadata,
    int64_t opaque_metadata_size) {
  (void)opaque_metadata;
  if (layout != 0 || opaque_metadata_size != 0) {
    ShimSetLastError("aoti_torch_create_tensor_from_blob_v2: only the strided layout without opaque metadata is "
                     "supported, got layout " + std::to_string(layout));
    return 1;
  }
  return aoti_torch_create_tensor_from_blob(data, ndim, sizes, strides, storage_offset, dtype, device_type,
                                            device_index, ret);
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch__reinterpret_tensor(AtenTensorHandle self, int64_t ndim,
                                                               const int64_t* sizes, const int64_t* strides,
                                                               int64_t offset_increment, AtenTensorHandle* ret) {
  return ShimGuard(__func__, [&] {
    const ShimTensor* t = ShimUnwrap(self, "_reinterpret_tensor");
    // As inductor's _reinterpret_tensor: the offset is added to self's own storage offset.
    *ret = ShimView(*t, ShimInts(sizes, ndim), ShimInts(strides, ndim), t->offset + offset_increment, t->dtype);
  });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_as_strided(AtenTensorHandle self, const int64_t* sizes,
                                                      const int64_t* strides, AtenTensorHandle* ret) {
  return ShimGuard(__func__, [&] {
    const ShimTensor* t = ShimUnwrap(self, "as_strided");
    const int64_t nd = static_cast<int64_t>(t->sizes.size());
    *ret = ShimView(*t, ShimInts(sizes, nd), ShimInts(strides, nd), t->offset, t->dtype);
  });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch__alloc_from_pool(AtenTensorHandle self, int64_t offset_bytes,
                                                            int32_t dtype, int64_t ndim, const int64_t* sizes,
                                                            const int64_t* strides, AtenTensorHandle* ret) {
  return ShimGuard(__func__, [&] {
    const ShimTensor* t = ShimUnwrap(self, "_alloc_from_pool");
    const int64_t es = static_cast<int64_t>(ShimElementSize(dtype));
    const int64_t byte = t->offset * static_cast<int64_t>(ShimElementSize(t->dtype)) + offset_bytes;
    if (byte % es != 0) throw std::invalid_argument("pool offset " + std::to_string(byte) + " is not aligned");
    *ret = ShimView(*t, ShimInts(sizes, ndim), ShimInts(strides, ndim), byte / es, dtype);
  });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_clone(AtenTensorHandle self, AtenTensorHandle* ret) {
  return ShimGuard(__func__, [&] {
    const ShimTensor* t = ShimUnwrap(self, "clone");
    const std::vector<int64_t> st = ShimPreserveStrides(*t);  // memory_format=preserve
    ShimTensor* out = ShimAllocate(t->sizes, st, t->dtype, t->storage->device_type, t->storage->device_index);
    ShimCopyInto(*out, *t);
    *ret = out;
  });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_clone_preserve_strides(AtenTensorHandle self, AtenTensorHandle* ret) {
  return ShimGuard(__func__, [&] {
    const ShimTensor* t = ShimUnwrap(self, "clone_preserve_strides");
    ShimTensor* out = ShimAllocate(t->sizes, t->strides, t->dtype, t->storage->device_type, t->storage->device_index);
    ShimCopyInto(*out, *t);
    *ret = out;
  });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_copy_(AtenTensorHandle self, AtenTensorHandle src, int32_t non_blocking) {
  (void)non_blocking;
  return ShimGuard(__func__, [&] { ShimCopyInto(*ShimUnwrap(self, "copy_ self"), *ShimUnwrap(src, "copy_ src")); });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_tensor_copy_(AtenTensorHandle src, AtenTensorHandle dst) {
  return aoti_torch_copy_(dst, src, 0);
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_assign_tensors(AtenTensorHandle src, AtenTensorHandle dst) {
  return aoti_torch_copy_(dst, src, 0);
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_assign_tensors_out(AtenTensorHandle src, AtenTensorHandle* ret) {
  return aoti_torch_new_tensor_handle(src, ret);
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_zero_(AtenTensorHandle self) {
  return ShimGuard(__func__, [&] {
    const ShimTensor* t = ShimUnwrap(self, "zero_");
    if (ShimIsCuda(*t) && ShimIsDense(*t)) {
      ShimCudaZero(ShimDataPtr(*t), static_cast<size_t>(ShimSpanBytes(*t)));
      return;
    }
    if (ShimIsCuda(*t)) {
      ShimTensor* zeros = ShimAllocate(t->sizes, t->strides, t->dtype, kDevCPU, 0);
      std::memset(ShimDataPtr(*zeros), 0, static_cast<size_t>(ShimSpanBytes(*zeros)));
      ShimCopyInto(*t, *zeros);
      ShimRelease(zeros);
      return;
    }
    const size_t es = ShimElementSize(t->dtype);
    char* p = ShimDataPtr(*t);
    ShimForEachOffset(*t, [&](int64_t o) { std::memset(p + o * static_cast<int64_t>(es), 0, es); });
  });
}

// ---- scalars ----
#define SHIM_ITEM(suffix, ctype)                                                             \
  AOTI_SHIM_EXPORT AOTITorchError aoti_torch_item_##suffix(AtenTensorHandle t, ctype* ret) { \
    return ShimGuard(__func__, [&] { *ret = static_cast<ctype>(ShimLoad(*ShimUnwrap(t, "item"), 0)); }); \
  }
SHIM_ITEM(float32, float)
SHIM_ITEM(float64, double)
SHIM_ITEM(uint8, uint8_t)
SHIM_ITEM(uint16, uint16_t)
SHIM_ITEM(uint32, uint32_t)
SHIM_ITEM(int8, int8_t)
SHIM_ITEM(int16, int16_t)
SHIM_ITEM(int32, int32_t)
SHIM_ITEM(bool, bool)
#undef SHIM_ITEM

// 64-bit integers are read exactly, not through double.
AOTI_SHIM_EXPORT AOTITorchError aoti_torch_item_int64(AtenTensorHandle t, int64_t* ret) {
  return ShimGuard(__func__, [&] {
    const ShimTensor* x = ShimUnwrap(t, "item_int64");
    if (x->dtype == kI64) std::memcpy(ret, ShimDataPtr(*x), 8);
    else *ret = static_cast<int64_t>(ShimLoad(*x, 0));
  });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_item_uint64(AtenTensorHandle t, uint64_t* ret) {
  return ShimGuard(__func__, [&] {
    const ShimTensor* x = ShimUnwrap(t, "item_uint64");
    if (x->dtype == kU64) std::memcpy(ret, ShimDataPtr(*x), 8);
    else *ret = static_cast<uint64_t>(ShimLoad(*x, 0));
  });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_item_float16(AtenTensorHandle t, uint16_t* ret) {
  return ShimGuard(__func__, [&] { *ret = FloatToHalf(static_cast<float>(ShimLoad(*ShimUnwrap(t, "item"), 0))); });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_item_bfloat16(AtenTensorHandle t, uint16_t* ret) {
  return ShimGuard(__func__, [&] { *ret = FloatToBFloat16(static_cast<float>(ShimLoad(*ShimUnwrap(t, "item"), 0))); });
}

#define SHIM_SCALAR(suffix, ctype, code)                                                                \
  AOTI_SHIM_EXPORT AOTITorchError aoti_torch_scalar_to_tensor_##suffix(ctype value, AtenTensorHandle* ret) { \
    return ShimGuard(__func__, [&] {                                                                    \
      ShimTensor* t = ShimAllocate({}, {}, code, kDevCPU, 0);                                           \
      std::memcpy(ShimDataPtr(*t), &value, sizeof(ctype));                                              \
      *ret = t;                                                                                         \
    });                                                                                                 \
  }
SHIM_SCALAR(float32, float, kF32)
SHIM_SCALAR(float64, double, kF64)
SHIM_SCALAR(uint8, uint8_t, kU8)
SHIM_SCALAR(uint16, uint16_t, kU16)
SHIM_SCALAR(uint32, uint32_t, kU32)
SHIM_SCALAR(uint64, uint64_t, kU64)
SHIM_SCALAR(int8, int8_t, kI8)
SHIM_SCALAR(int16, int16_t, kI16)
SHIM_SCALAR(int32, int32_t, kI32)
SHIM_SCALAR(int64, int64_t, kI64)
SHIM_SCALAR(bool, bool, kBool)
#undef SHIM_SCALAR

// ---- checks and diagnostics ----
AOTI_SHIM_EXPORT void aoti_torch_check(bool cond, const char* func, const char* file, uint32_t line,
                                       const char* msg) {
  if (cond) return;
  // The generated code calls this from C++ and expects an exception, as from TORCH_CHECK.
  throw std::runtime_error(std::string(msg != nullptr ? msg : "check failed") + " (in " +
                           (func != nullptr ? func : "?") + " at " + (file != nullptr ? file : "?") + ":" +
                           std::to_string(line) + ")");
}

AOTI_SHIM_EXPORT void aoti_torch_warn(const char* func, const char* file, uint32_t line, const char* msg) {
  std::fprintf(stderr, "nativert aoti: warning: %s (in %s at %s:%u)\n", msg, func, file, line);
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_check_inf_and_nan(const char* name, AtenTensorHandle tensor) {
  return ShimGuard(__func__, [&] {
    const ShimTensor* t = ShimUnwrap(tensor, "check_inf_and_nan");
    ShimForEachOffset(*t, [&](int64_t o) {
      const double v = ShimLoad(*t, o);
      if (v != v || v - v != 0.0) throw std::runtime_error(std::string("found NaN or Inf in ") + name);
    });
  });
}
