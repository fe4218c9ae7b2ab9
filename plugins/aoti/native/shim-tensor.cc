// Tensor object, allocation, conversion and copy helpers shared by the shim's C functions.
#include "shim-tensor.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <unordered_set>
#include <cstdlib>
#include <cstring>

#include "cuda-runtime.h"
#include "cuda-tensor.h"
#include "nativert-aoti.h"
#include "scalar-convert.h"

namespace {
// Every live handle: deleting one twice, or one the shim never made, is an error, not heap
// corruption, and the plugin can tell which of its input handles a failed Run left alive.
std::mutex g_handles_mutex;
std::unordered_set<const ShimTensor*> g_live_handles;
// Global, not thread-local: the plugin may run the model on a worker thread and read it on another.
std::mutex g_error_mutex;
std::string g_last_error;

void ReleaseStorage(ShimStorage* s) {
  if (s->refs.fetch_sub(1) == 1) {
    if (s->owned && s->device_type == kDevCUDA) ShimCudaFree(s->data);
    else if (s->owned) std::free(s->data);
    delete s;
  }
}
}  // namespace

size_t ShimElementSize(int32_t dtype) {
  switch (dtype) {
    case kU8: case kI8: case kBool: case kF8E5M2: case kF8E4M3FN: case kF8E5M2FNUZ: case kF8E4M3FNUZ: return 1;
    case kI16: case kF16: case kBF16: case kU16: return 2;
    case kI32: case kF32: case kC32: case kU32: return 4;
    case kI64: case kF64: case kC64: case kU64: return 8;
    case kC128: return 16;
    default: throw std::invalid_argument("unsupported dtype code " + std::to_string(dtype));
  }
}

int64_t ShimNumel(const std::vector<int64_t>& sizes) {
  int64_t n = 1;
  for (int64_t s : sizes) n *= s;
  return n;
}

std::vector<int64_t> ShimContiguousStrides(const std::vector<int64_t>& sizes) {
  std::vector<int64_t> st(sizes.size());
  int64_t acc = 1;
  for (size_t i = sizes.size(); i-- > 0;) {
    st[i] = acc;
    acc *= sizes[i] > 1 ? sizes[i] : 1;
  }
  return st;
}

int64_t ShimStorageElements(const std::vector<int64_t>& sizes, const std::vector<int64_t>& strides, int64_t offset) {
  if (ShimNumel(sizes) == 0) return offset;
  int64_t span = offset + 1;
  for (size_t i = 0; i < sizes.size(); ++i) span += (sizes[i] - 1) * strides[i];
  return span;
}

static ShimTensor* NewHandle(ShimStorage* storage, std::vector<int64_t> sizes, std::vector<int64_t> strides,
                             int64_t offset, int32_t dtype) {
  auto* t = new ShimTensor{storage, std::move(sizes), std::move(strides), offset, dtype};
  std::lock_guard<std::mutex> lock(g_handles_mutex);
  g_live_handles.insert(t);
  return t;
}

bool ShimIsDense(const ShimTensor& t) {
  std::vector<size_t> order(t.sizes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return t.strides[a] < t.strides[b]; });
  int64_t expected = 1;
  for (size_t d : order) {
    if (t.sizes[d] == 1) continue;
    if (t.strides[d] != expected) return false;
    expected *= t.sizes[d];
  }
  return true;
}

std::vector<int64_t> ShimPreserveStrides(const ShimTensor& t) {
  if (ShimIsDense(t)) return t.strides;
  // As ATen's infer_dense_strides: order dims innermost-first by stride (stable), then pack.
  const size_t nd = t.sizes.size();
  std::vector<size_t> perm(nd);
  for (size_t i = 0; i < nd; ++i) perm[i] = nd - 1 - i;
  std::stable_sort(perm.begin(), perm.end(), [&](size_t a, size_t b) {
    if (t.sizes[a] == 1 || t.sizes[b] == 1) return false;
    return t.strides[a] < t.strides[b];
  });
  std::vector<int64_t> st(nd);
  int64_t acc = 1;
  for (size_t d : perm) {
    st[d] = acc;
    acc *= t.sizes[d] > 1 ? t.sizes[d] : 1;
  }
  return st;
}

ShimTensor* ShimAllocate(const std::vector<int64_t>& sizes, const std::vector<int64_t>& strides, int32_t dtype,
                         int32_t device_type, int32_t device_index) {
  if (device_type != kDevCPU && device_type != kDevCUDA) {
    throw std::invalid_argument("device type " + std::to_string(device_type) +
                                " has no allocator in this shim (the CPU, device type 0, and CUDA, 1)");
  }
  const int64_t nbytes = ShimStorageElements(sizes, strides, 0) * static_cast<int64_t>(ShimElementSize(dtype));
  // 64-byte alignment: the vector kernels in model code use aligned loads on fresh buffers
  // (cudaMalloc aligns to 256).
  const size_t rounded = (static_cast<size_t>(nbytes) + 63) / 64 * 64;
  void* data = device_type == kDevCUDA ? ShimCudaMalloc(rounded, device_index)
                                       : std::aligned_alloc(64, rounded == 0 ? 64 : rounded);
  if (data == nullptr) throw std::bad_alloc();
  auto* s = new ShimStorage();
  s->data = data;
  s->nbytes = nbytes;
  s->owned = true;
  s->device_type = device_type;
  s->device_index = device_index;
  return NewHandle(s, sizes, strides, 0, dtype);
}

ShimTensor* ShimEmptyLike(const ShimTensor& like, const std::vector<int64_t>& sizes, int32_t dtype) {
  return ShimAllocate(sizes, ShimContiguousStrides(sizes), dtype, like.storage->device_type, like.storage->device_index);
}

ShimTensor* ShimBorrow(void* data, int64_t nbytes, const std::vector<int64_t>& sizes,
                       const std::vector<int64_t>& strides, int64_t offset, int32_t dtype, int32_t device_type,
                       int32_t device_index) {
  auto* s = new ShimStorage();
  s->data = data;
  s->nbytes = nbytes;
  s->owned = false;
  s->device_type = device_type;
  s->device_index = device_index;
  return NewHandle(s, sizes, strides, offset, dtype);
}

ShimTensor* ShimView(const ShimTensor& base, std::vector<int64_t> sizes, std::vector<int64_t> strides, int64_t offset,
                     int32_t dtype) {
  base.storage->refs.fetch_add(1);
  return NewHandle(base.storage, std::move(sizes), std::move(strides), offset, dtype);
}

ShimTensor* ShimAlias(const ShimTensor& t) { return ShimView(t, t.sizes, t.strides, t.offset, t.dtype); }

void ShimRelease(ShimTensor* t) {
  if (t == nullptr) return;
  {
    std::lock_guard<std::mutex> lock(g_handles_mutex);
    if (g_live_handles.erase(t) == 0) throw std::invalid_argument("not a live tensor handle (deleted twice?)");
  }
  ReleaseStorage(t->storage);
  delete t;
}

bool ShimIsLive(const ShimTensor* t) {
  std::lock_guard<std::mutex> lock(g_handles_mutex);
  return g_live_handles.count(t) != 0;
}

double ShimLoad(const ShimTensor& t, int64_t offset) {
  const char* p = ShimDataPtr(t);
  switch (t.dtype) {
    case kU8: return reinterpret_cast<const uint8_t*>(p)[offset];
    case kI8: return reinterpret_cast<const int8_t*>(p)[offset];
    case kI16: return reinterpret_cast<const int16_t*>(p)[offset];
    case kI32: return reinterpret_cast<const int32_t*>(p)[offset];
    case kI64: return static_cast<double>(reinterpret_cast<const int64_t*>(p)[offset]);
    case kU16: return reinterpret_cast<const uint16_t*>(p)[offset];
    case kU32: return reinterpret_cast<const uint32_t*>(p)[offset];
    case kU64: return static_cast<double>(reinterpret_cast<const uint64_t*>(p)[offset]);
    case kBool: return reinterpret_cast<const uint8_t*>(p)[offset] != 0 ? 1.0 : 0.0;
    case kF16: return HalfToFloat(reinterpret_cast<const uint16_t*>(p)[offset]);
    case kBF16: return BFloat16ToFloat(reinterpret_cast<const uint16_t*>(p)[offset]);
    case kF32: return reinterpret_cast<const float*>(p)[offset];
    case kF64: return reinterpret_cast<const double*>(p)[offset];
    default: throw std::invalid_argument("cannot read elements of dtype code " + std::to_string(t.dtype));
  }
}

void ShimStore(const ShimTensor& t, int64_t offset, double v) {
  char* p = ShimDataPtr(t);
  switch (t.dtype) {
    case kU8: reinterpret_cast<uint8_t*>(p)[offset] = static_cast<uint8_t>(static_cast<int64_t>(v)); return;
    case kI8: reinterpret_cast<int8_t*>(p)[offset] = static_cast<int8_t>(v); return;
    case kI16: reinterpret_cast<int16_t*>(p)[offset] = static_cast<int16_t>(v); return;
    case kI32: reinterpret_cast<int32_t*>(p)[offset] = static_cast<int32_t>(v); return;
    case kI64: reinterpret_cast<int64_t*>(p)[offset] = static_cast<int64_t>(v); return;
    case kU16: reinterpret_cast<uint16_t*>(p)[offset] = static_cast<uint16_t>(v); return;
    case kU32: reinterpret_cast<uint32_t*>(p)[offset] = static_cast<uint32_t>(v); return;
    case kU64: reinterpret_cast<uint64_t*>(p)[offset] = static_cast<uint64_t>(v); return;
    case kBool: reinterpret_cast<uint8_t*>(p)[offset] = v != 0.0 ? 1 : 0; return;
    case kF16: reinterpret_cast<uint16_t*>(p)[offset] = FloatToHalf(static_cast<float>(v)); return;
    case kBF16: reinterpret_cast<uint16_t*>(p)[offset] = FloatToBFloat16(static_cast<float>(v)); return;
    case kF32: reinterpret_cast<float*>(p)[offset] = static_cast<float>(v); return;
    case kF64: reinterpret_cast<double*>(p)[offset] = v; return;
    default: throw std::invalid_argument("cannot write elements of dtype code " + std::to_string(t.dtype));
  }
}

std::vector<int64_t> ShimBroadcastStrides(const ShimTensor& t, const std::vector<int64_t>& sizes, const char* what) {
  const size_t nd = sizes.size(), td = t.sizes.size();
  if (td > nd) throw std::invalid_argument(std::string(what) + ": cannot broadcast a " + std::to_string(td) +
                                           "-d tensor to " + std::to_string(nd) + " dims");
  std::vector<int64_t> st(nd, 0);
  for (size_t i = 0; i < td; ++i) {
    const size_t d = nd - td + i;
    if (t.sizes[i] == sizes[d]) st[d] = t.strides[i];
    else if (t.sizes[i] != 1)
      throw std::invalid_argument(std::string(what) + ": size " + std::to_string(t.sizes[i]) + " at dim " +
                                  std::to_string(i) + " does not broadcast to " + std::to_string(sizes[d]));
  }
  return st;
}

namespace {
struct Bytes16 {
  uint64_t lo, hi;
};

// Same-dtype copy as raw T elements, a whole innermost line at a time (memcpy when both lines
// are unit-stride, a fill when the source line is broadcast into a unit-stride line).
template <typename T>
void CopySameType(const ShimTensor& dst, const ShimTensor& src, const std::vector<int64_t>& sst) {
  T* d = reinterpret_cast<T*>(ShimDataPtr(dst));
  const T* s = reinterpret_cast<const T*>(ShimDataPtr(src));
  if (dst.sizes.empty()) {
    *d = *s;
    return;
  }
  std::vector<int64_t> outer = dst.sizes;
  const int64_t n = outer.back(), ds = dst.strides.back(), ss = sst.back();
  outer.back() = 1;
  ShimForEach2(outer, dst.strides, sst, [&](int64_t a, int64_t b) {
    T* dl = d + a;
    const T* sl = s + b;
    if (ds == 1 && ss == 1) std::memcpy(dl, sl, static_cast<size_t>(n) * sizeof(T));
    else if (ss == 0 && ds == 1) std::fill_n(dl, n, *sl);  // a broadcast line
    else
      for (int64_t i = 0; i < n; ++i) dl[i * ds] = sl[i * ss];
  });
}
}  // namespace

void ShimCopyInto(const ShimTensor& dst, const ShimTensor& src) {
  if (ShimIsCuda(dst) || ShimIsCuda(src)) {
    ShimCopyIntoCuda(dst, src);
    return;
  }
  ShimRequireCpu(dst, "copy destination");
  ShimRequireCpu(src, "copy source");
  const std::vector<int64_t> sst = ShimBroadcastStrides(src, dst.sizes, "copy_");
  if (src.dtype == dst.dtype) {
    switch (ShimElementSize(dst.dtype)) {
      case 1: CopySameType<uint8_t>(dst, src, sst); return;
      case 2: CopySameType<uint16_t>(dst, src, sst); return;
      case 4: CopySameType<uint32_t>(dst, src, sst); return;
      case 8: CopySameType<uint64_t>(dst, src, sst); return;
      default: CopySameType<Bytes16>(dst, src, sst); return;
    }
  }
  ShimForEach2(dst.sizes, dst.strides, sst, [&](int64_t a, int64_t b) { ShimStore(dst, a, ShimLoad(src, b)); });
}

void ShimRequireCpu(const ShimTensor& t, const char* what) {
  if (t.storage->device_type != kDevCPU) {
    throw std::invalid_argument(std::string(what) + ": expected a CPU tensor, got device type " +
                                std::to_string(t.storage->device_type));
  }
}

void ShimSetLastError(const std::string& message) {
  std::lock_guard<std::mutex> lock(g_error_mutex);
  g_last_error = message;
}

NATIVERT_AOTI_EXPORT int32_t nativert_aoti_shim_version() { return 3; }

NATIVERT_AOTI_EXPORT void nativert_aoti_clear_last_error() { ShimSetLastError(""); }

NATIVERT_AOTI_EXPORT const char* nativert_aoti_last_error() {
  std::lock_guard<std::mutex> lock(g_error_mutex);
  return g_last_error.c_str();
}

NATIVERT_AOTI_EXPORT int32_t nativert_aoti_tensor_storage(void* tensor, void** ret_base, int64_t* ret_nbytes,
                                                          int64_t* ret_offset, int32_t* ret_owned) {
  return ShimGuard(__func__, [&] {
    const ShimTensor* t = ShimUnwrap(tensor, "tensor");
    *ret_base = t->storage->data;
    *ret_nbytes = t->storage->nbytes;
    *ret_offset = t->offset;
    *ret_owned = t->storage->owned ? 1 : 0;
  });
}

NATIVERT_AOTI_EXPORT int64_t nativert_aoti_live_handles() {
  std::lock_guard<std::mutex> lock(g_handles_mutex);
  return static_cast<int64_t>(g_live_handles.size());
}

NATIVERT_AOTI_EXPORT int32_t nativert_aoti_tensor_is_live(void* tensor) {
  return ShimIsLive(static_cast<const ShimTensor*>(tensor)) ? 1 : 0;
}
