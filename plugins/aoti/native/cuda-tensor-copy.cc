// Copies involving CUDA tensors, host mirrors, and nativert_aoti_copy_storage (the plugin's
// transfer of inputs and outputs).
#include <cstring>
#include <stdexcept>
#include <string>

#include "cuda-runtime.h"
#include "cuda-tensor.h"
#include "nativert-aoti.h"

int64_t ShimSpanBytes(const ShimTensor& t) {
  return ShimStorageElements(t.sizes, t.strides, 0) * static_cast<int64_t>(ShimElementSize(t.dtype));
}

namespace {
ShimCopyKind KindOf(bool dst_cuda, bool src_cuda) {
  if (dst_cuda) return src_cuda ? kDeviceToDevice : kHostToDevice;
  return src_cuda ? kDeviceToHost : kHostToHost;
}

void CopyBytes(void* dst, bool dst_cuda, const void* src, bool src_cuda, int64_t nbytes) {
  if (nbytes <= 0) return;
  if (!dst_cuda && !src_cuda) std::memcpy(dst, src, static_cast<size_t>(nbytes));
  else ShimCudaCopy(dst, src, static_cast<size_t>(nbytes), KindOf(dst_cuda, src_cuda));
}
}  // namespace

ShimTensor* ShimHostMirror(const ShimTensor& t) {
  ShimTensor* host = ShimAllocate(t.sizes, t.strides, t.dtype, kDevCPU, 0);
  try {
    CopyBytes(ShimDataPtr(*host), false, ShimDataPtr(t), ShimIsCuda(t), ShimSpanBytes(t));
  } catch (...) {
    ShimRelease(host);
    throw;
  }
  return host;
}

void ShimWriteBack(const ShimTensor& host, const ShimTensor& dev) {
  CopyBytes(ShimDataPtr(dev), ShimIsCuda(dev), ShimDataPtr(host), false, ShimSpanBytes(dev));
}

ShimTensor* ShimDeviceCopyOf(const ShimTensor& host, int32_t device_index) {
  ShimTensor* dev = ShimAllocate(host.sizes, host.strides, host.dtype, kDevCUDA, device_index);
  try {
    ShimWriteBack(host, *dev);
  } catch (...) {
    ShimRelease(dev);
    throw;
  }
  return dev;
}

void ShimCopyIntoCuda(const ShimTensor& dst, const ShimTensor& src) {
  // Same dtype, shape and dense strides: the spans are the same bytes in the same order.
  if (src.dtype == dst.dtype && src.sizes == dst.sizes && src.strides == dst.strides && ShimIsDense(dst)) {
    CopyBytes(ShimDataPtr(dst), ShimIsCuda(dst), ShimDataPtr(src), ShimIsCuda(src), ShimSpanBytes(dst));
    return;
  }
  // Anything else (broadcast, strides, dtype conversion) on the host: correct, not fast.
  ShimTensor* hs = ShimHostMirror(src);
  ShimTensor* hd = nullptr;
  try {
    hd = ShimHostMirror(dst);
    ShimCopyInto(*hd, *hs);
    ShimWriteBack(*hd, dst);
  } catch (...) {
    ShimRelease(hs);
    if (hd != nullptr) ShimRelease(hd);
    throw;
  }
  ShimRelease(hs);
  ShimRelease(hd);
}

NATIVERT_AOTI_EXPORT int32_t nativert_aoti_copy_storage(void* tensor, void* host, int64_t nbytes, int32_t to_tensor) {
  return ShimGuard(__func__, [&] {
    const ShimTensor* t = ShimUnwrap(tensor, "copy_storage");
    if (nbytes < 0 || nbytes > t->storage->nbytes) {
      throw std::invalid_argument("copy_storage: " + std::to_string(nbytes) + " bytes asked, the storage holds " +
                                  std::to_string(t->storage->nbytes));
    }
    const bool cuda = ShimIsCuda(*t);
    if (to_tensor != 0) CopyBytes(t->storage->data, cuda, host, false, nbytes);
    else CopyBytes(host, false, t->storage->data, cuda, nbytes);
  });
}

void ShimCheckHostOp(int32_t rc, const char* what) {
  if (rc != 0) throw std::runtime_error(std::string(what) + " on the host failed: " + nativert_aoti_last_error());
}
