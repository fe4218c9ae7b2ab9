// The shim's own tensor object: what an AtenTensorHandle points at when a model .so runs over
// this library instead of libtorch. A tensor is a strided view (sizes, strides, offset in
// elements, dtype, device) over a reference-counted storage that either owns its bytes (allocated
// here) or borrows them (caller memory: Node buffers, constants inside the model .so).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

// c10 ScalarType codes, the numbering AOTInductor code uses (aoti_torch_dtype_*).
enum ShimDType : int32_t {
  kU8 = 0, kI8 = 1, kI16 = 2, kI32 = 3, kI64 = 4, kF16 = 5, kF32 = 6, kF64 = 7,
  kC32 = 8, kC64 = 9, kC128 = 10, kBool = 11, kBF16 = 15,
  kF8E5M2 = 23, kF8E4M3FN = 24, kF8E5M2FNUZ = 25, kF8E4M3FNUZ = 26,
  kU16 = 27, kU32 = 28, kU64 = 29,
};

// c10 DeviceType codes. The device is a parameter of every tensor; the CPU and CUDA have memory here.
enum ShimDeviceType : int32_t { kDevCPU = 0, kDevCUDA = 1, kDevXPU = 12, kDevMPS = 13, kDevMeta = 14, kDevPrivateUse1 = 20 };

/** Bytes behind one or more tensors. Freed (if owned) when the last tensor referring to it goes. */
struct ShimStorage {
  std::atomic<int64_t> refs{1};
  void* data = nullptr;
  int64_t nbytes = 0;
  bool owned = false;
  int32_t device_type = kDevCPU;
  int32_t device_index = 0;
};

/** One tensor handle. Each handle holds one reference to its storage. */
struct ShimTensor {
  ShimStorage* storage = nullptr;
  std::vector<int64_t> sizes;
  std::vector<int64_t> strides;
  int64_t offset = 0;  // in elements
  int32_t dtype = kF32;
};

/** Element size in bytes of a c10 dtype code; throws for codes the shim does not know. */
size_t ShimElementSize(int32_t dtype);

/** Product of `sizes`. */
int64_t ShimNumel(const std::vector<int64_t>& sizes);

/** Row-major strides for `sizes`. */
std::vector<int64_t> ShimContiguousStrides(const std::vector<int64_t>& sizes);

/** Dense and non-overlapping: some permutation of the dims is contiguous (empty_like keeps such strides). */
bool ShimIsDense(const ShimTensor& t);

/** Strides of empty_like(t) (memory_format=preserve): t's own when dense, else dense in t's stride order. */
std::vector<int64_t> ShimPreserveStrides(const ShimTensor& t);

/** A new handle over a new owned, uninitialised storage big enough for `sizes`/`strides`. */
ShimTensor* ShimAllocate(const std::vector<int64_t>& sizes, const std::vector<int64_t>& strides, int32_t dtype,
                         int32_t device_type, int32_t device_index);

/** A new contiguous tensor of `sizes`, same device as `like`. */
ShimTensor* ShimEmptyLike(const ShimTensor& like, const std::vector<int64_t>& sizes, int32_t dtype);

/** A new handle over caller memory `data` (storage base, `nbytes` long); the shim never frees it. */
ShimTensor* ShimBorrow(void* data, int64_t nbytes, const std::vector<int64_t>& sizes,
                       const std::vector<int64_t>& strides, int64_t offset, int32_t dtype, int32_t device_type,
                       int32_t device_index);

/** A new handle viewing `base`'s storage with its own geometry and dtype (one more reference). */
ShimTensor* ShimView(const ShimTensor& base, std::vector<int64_t> sizes, std::vector<int64_t> strides, int64_t offset,
                     int32_t dtype);

/** A new handle viewing `t`'s storage with `t`'s geometry (one more reference). */
ShimTensor* ShimAlias(const ShimTensor& t);

/** Elements a view needs from its storage base: offset + 1 + sum((size-1)*stride), or offset when empty. */
int64_t ShimStorageElements(const std::vector<int64_t>& sizes, const std::vector<int64_t>& strides, int64_t offset);

/** Drops a handle and its storage reference; throws for a handle that is not live. */
void ShimRelease(ShimTensor* t);

/** True while `t` is a handle the shim made and nobody has deleted. */
bool ShimIsLive(const ShimTensor* t);

/** Address of element 0 of the view. */
inline char* ShimDataPtr(const ShimTensor& t) {
  return static_cast<char*>(t.storage->data) + t.offset * static_cast<int64_t>(ShimElementSize(t.dtype));
}

/** Reads the element at `offset` (elements from the view's data pointer) as a double. */
double ShimLoad(const ShimTensor& t, int64_t offset);

/** Writes `v` to the element at `offset`, converting to the tensor's dtype. */
void ShimStore(const ShimTensor& t, int64_t offset, double v);

/** Calls fn(offsetA, offsetB) for every index of `sizes` in row-major order, walking two stride sets. */
template <typename Fn>
void ShimForEach2(const std::vector<int64_t>& sizes, const std::vector<int64_t>& sa, const std::vector<int64_t>& sb,
                  Fn&& fn) {
  const size_t nd = sizes.size();
  if (ShimNumel(sizes) == 0) return;
  std::vector<int64_t> idx(nd, 0);
  int64_t a = 0, b = 0;
  while (true) {
    fn(a, b);
    size_t d = nd;
    while (true) {
      if (d == 0) return;
      --d;
      if (++idx[d] < sizes[d]) {
        a += sa[d];
        b += sb[d];
        break;
      }
      a -= sa[d] * (sizes[d] - 1);
      b -= sb[d] * (sizes[d] - 1);
      idx[d] = 0;
    }
  }
}

/** Calls fn(elementOffset) for every element of the view in row-major index order. */
template <typename Fn>
void ShimForEachOffset(const ShimTensor& t, Fn&& fn) {
  ShimForEach2(t.sizes, t.strides, t.strides, [&](int64_t a, int64_t) { fn(a); });
}

/** `t`'s strides broadcast to `sizes` (stride 0 on expanded dims); throws if not broadcastable. */
std::vector<int64_t> ShimBroadcastStrides(const ShimTensor& t, const std::vector<int64_t>& sizes, const char* what);

/** Copies `src` (broadcast to dst's shape, any dtype) into `dst`; either may be a CUDA tensor. */
void ShimCopyInto(const ShimTensor& dst, const ShimTensor& src);

/** Throws unless `t` is a CPU tensor, naming `what` (the op and argument). */
void ShimRequireCpu(const ShimTensor& t, const char* what);

/** Records `message` as the shim's last error (read back with nativert_aoti_last_error). */
void ShimSetLastError(const std::string& message);

/** Threads the shim's own kernels may use: OpenMP's count (1 inside a parallel region). */
int ShimThreads();

/** Runs `body`, turning exceptions into AOTI_TORCH_FAILURE with the message recorded. */
template <typename Fn>
int32_t ShimGuard(const char* fn_name, Fn&& body) {
  try {
    body();
    return 0;
  } catch (const std::exception& e) {
    ShimSetLastError(std::string(fn_name) + ": " + e.what());
  } catch (...) {
    ShimSetLastError(std::string(fn_name) + ": unknown exception");
  }
  return 1;
}

inline ShimTensor* ShimUnwrap(void* handle, const char* what) {
  if (handle == nullptr) throw std::invalid_argument(std::string("null tensor handle for ") + what);
  return static_cast<ShimTensor*>(handle);
}
