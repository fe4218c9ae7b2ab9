// libcudart and cuBLAS opened at run time (dlopen), the calling thread's current stream, and the
// extension functions the plugin uses to load them and to ask about devices.
#include "cuda-runtime.h"

#include <dlfcn.h>

#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string>

#include "nativert-aoti.h"
#include "shim-tensor.h"

namespace {
// cudaError_t and cublasStatus_t are ints; streams and handles are opaque pointers.
struct CudaRuntime {
  int (*malloc_fn)(void**, size_t) = nullptr;
  int (*free_fn)(void*) = nullptr;
  int (*memcpy_async)(void*, const void*, size_t, int, void*) = nullptr;
  int (*memset_async)(void*, int, size_t, void*) = nullptr;
  int (*stream_sync)(void*) = nullptr;
  int (*get_device)(int*) = nullptr;
  int (*set_device)(int) = nullptr;
  int (*device_count)(int*) = nullptr;
  int (*device_attribute)(int*, int, int) = nullptr;
  const char* (*error_string)(int) = nullptr;
};

struct Cublas {
  int (*create)(void**) = nullptr;
  int (*set_stream)(void*, void*) = nullptr;
  int (*sgemm)(void*, int, int, int, int, int, const float*, const float*, int, const float*, int, const float*,
               float*, int) = nullptr;
  int (*sgeam)(void*, int, int, int, int, const float*, const float*, int, const float*, const float*, int, float*,
               int) = nullptr;
  void* handle = nullptr;
};

std::mutex g_load_mutex;
CudaRuntime g_rt;
bool g_rt_ready = false;
Cublas g_blas;
bool g_blas_ready = false;
// One cuBLAS handle shared by every thread: calls are serialised (set stream, then the call).
std::mutex g_blas_mutex;
thread_local void* t_stream = nullptr;

template <typename Fn>
void Bind(void* lib, const char* name, Fn*& slot, const char* path) {
  slot = reinterpret_cast<Fn*>(dlsym(lib, name));
  if (slot == nullptr) throw std::runtime_error(std::string(path) + " does not export " + name);
}

void Check(int rc, const char* what) {
  if (rc == 0) return;
  const char* msg = g_rt.error_string != nullptr ? g_rt.error_string(rc) : "?";
  throw std::runtime_error(std::string(what) + " failed: CUDA error " + std::to_string(rc) + " (" + msg + ")");
}

void CheckBlas(int rc, const char* what) {
  if (rc != 0) throw std::runtime_error(std::string(what) + " failed: cuBLAS status " + std::to_string(rc));
}

void RequireRuntime(const char* what) {
  if (!g_rt_ready) {
    throw std::runtime_error(std::string(what) + ": the CUDA runtime is not loaded (the plugin loads it for CUDA "
                                                 "packages; nativert_aoti_cuda_load was not called or failed)");
  }
}

void LoadRuntime(const char* path) {
  // RTLD_GLOBAL: a CUDA model .so imports cudaMalloc & co. unversioned from the global scope.
  void* lib = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
  if (lib == nullptr) throw std::runtime_error(std::string("dlopen ") + path + ": " + dlerror());
  CudaRuntime rt;
  Bind(lib, "cudaMalloc", rt.malloc_fn, path);
  Bind(lib, "cudaFree", rt.free_fn, path);
  Bind(lib, "cudaMemcpyAsync", rt.memcpy_async, path);
  Bind(lib, "cudaMemsetAsync", rt.memset_async, path);
  Bind(lib, "cudaStreamSynchronize", rt.stream_sync, path);
  Bind(lib, "cudaGetDevice", rt.get_device, path);
  Bind(lib, "cudaSetDevice", rt.set_device, path);
  Bind(lib, "cudaGetDeviceCount", rt.device_count, path);
  Bind(lib, "cudaDeviceGetAttribute", rt.device_attribute, path);
  Bind(lib, "cudaGetErrorString", rt.error_string, path);
  g_rt = rt;
  g_rt_ready = true;
}

void LoadCublas(const char* path) {
  void* lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (lib == nullptr) throw std::runtime_error(std::string("dlopen ") + path + ": " + dlerror());
  Cublas b;
  Bind(lib, "cublasCreate_v2", b.create, path);
  Bind(lib, "cublasSetStream_v2", b.set_stream, path);
  Bind(lib, "cublasSgemm_v2", b.sgemm, path);
  Bind(lib, "cublasSgeam", b.sgeam, path);
  g_blas = b;
  g_blas_ready = true;
}

// cuBLAS takes int dimensions.
int I32(int64_t v, const char* what) {
  if (v < 0 || v > INT32_MAX) throw std::invalid_argument(std::string(what) + " " + std::to_string(v) + " exceeds cuBLAS's int range");
  return static_cast<int>(v);
}

void* BlasHandle() {
  if (g_blas.handle == nullptr) CheckBlas(g_blas.create(&g_blas.handle), "cublasCreate");
  CheckBlas(g_blas.set_stream(g_blas.handle, t_stream), "cublasSetStream");
  return g_blas.handle;
}
}  // namespace

bool ShimCudaReady() { return g_rt_ready; }
bool ShimCublasReady() { return g_blas_ready; }

void* ShimCudaMalloc(size_t nbytes, int32_t device_index) {
  RequireRuntime("cudaMalloc");
  int current = 0;
  Check(g_rt.get_device(&current), "cudaGetDevice");
  if (current != device_index) Check(g_rt.set_device(device_index), "cudaSetDevice");
  void* p = nullptr;
  const int rc = g_rt.malloc_fn(&p, nbytes == 0 ? 1 : nbytes);
  if (current != device_index) g_rt.set_device(current);
  Check(rc, ("cudaMalloc of " + std::to_string(nbytes) + " bytes").c_str());
  return p;
}

void ShimCudaFree(void* p) {
  if (g_rt_ready && p != nullptr) g_rt.free_fn(p);
}

void ShimCudaCopy(void* dst, const void* src, size_t nbytes, ShimCopyKind kind) {
  RequireRuntime("cudaMemcpyAsync");
  if (nbytes == 0) return;
  Check(g_rt.memcpy_async(dst, src, nbytes, kind, t_stream), "cudaMemcpyAsync");
  Check(g_rt.stream_sync(t_stream), "cudaStreamSynchronize");
}

void ShimCudaZero(void* p, size_t nbytes) {
  RequireRuntime("cudaMemsetAsync");
  if (nbytes != 0) Check(g_rt.memset_async(p, 0, nbytes, t_stream), "cudaMemsetAsync");
}

void ShimCudaSyncStream() {
  RequireRuntime("cudaStreamSynchronize");
  Check(g_rt.stream_sync(t_stream), "cudaStreamSynchronize");
}

void* ShimCudaCurrentStream() { return t_stream; }

void ShimCudaSetCurrentStream(void* stream) { t_stream = stream; }

int32_t ShimCudaGetDevice() {
  RequireRuntime("cudaGetDevice");
  int d = 0;
  Check(g_rt.get_device(&d), "cudaGetDevice");
  return d;
}

void ShimCudaSetDevice(int32_t device_index) {
  RequireRuntime("cudaSetDevice");
  Check(g_rt.set_device(device_index), "cudaSetDevice");
}

void ShimCublasSgemmRowMajor(int64_t m, int64_t n, int64_t k, float alpha, const float* a, ShimBlasOp op_a,
                             int64_t lda, const float* b, ShimBlasOp op_b, int64_t ldb, float beta, float* c,
                             int64_t ldc) {
  if (!g_blas_ready) throw std::runtime_error("cuBLAS is not loaded");
  std::lock_guard<std::mutex> lock(g_blas_mutex);
  // Row-major C = A·B is column-major C^T = B^T·A^T: swap the operands and m/n.
  CheckBlas(g_blas.sgemm(BlasHandle(), op_b, op_a, I32(n, "gemm n"), I32(m, "gemm m"), I32(k, "gemm k"), &alpha, b,
                         I32(ldb, "ldb"), a, I32(lda, "lda"), &beta, c, I32(ldc, "ldc")),
            "cublasSgemm");
}

void ShimCublasScaledCopyRowMajor(int64_t m, int64_t n, float alpha, const float* a, ShimBlasOp op_a, int64_t lda,
                                  float* c, int64_t ldc) {
  if (!g_blas_ready) throw std::runtime_error("cuBLAS is not loaded");
  std::lock_guard<std::mutex> lock(g_blas_mutex);
  const float zero = 0.0f;
  // In place over C with beta 0 (cuBLAS allows B == C with ldb == ldc and op N).
  CheckBlas(g_blas.sgeam(BlasHandle(), op_a, kBlasN, I32(n, "geam n"), I32(m, "geam m"), &alpha, a, I32(lda, "lda"),
                         &zero, c, I32(ldc, "ldc"), c, I32(ldc, "ldc")),
            "cublasSgeam");
}

NATIVERT_AOTI_EXPORT int32_t nativert_aoti_cuda_load(const char* cudart_path, const char* cublas_path) {
  return ShimGuard(__func__, [&] {
    std::lock_guard<std::mutex> lock(g_load_mutex);
    if (!g_rt_ready) {
      if (cudart_path == nullptr) throw std::invalid_argument("no CUDA runtime library path given");
      LoadRuntime(cudart_path);
    }
    if (!g_blas_ready && cublas_path != nullptr && cublas_path[0] != '\0') LoadCublas(cublas_path);
  });
}

NATIVERT_AOTI_EXPORT int32_t nativert_aoti_cuda_device_info(int32_t device_index, int32_t* ret_count,
                                                            int32_t* ret_major, int32_t* ret_minor) {
  return ShimGuard(__func__, [&] {
    RequireRuntime("cudaGetDeviceCount");
    int count = 0;
    Check(g_rt.device_count(&count), "cudaGetDeviceCount");
    *ret_count = count;
    *ret_major = *ret_minor = 0;
    if (device_index < count) {
      // cudaDevAttrComputeCapabilityMajor / Minor.
      Check(g_rt.device_attribute(ret_major, 75, device_index), "cudaDeviceGetAttribute");
      Check(g_rt.device_attribute(ret_minor, 76, device_index), "cudaDeviceGetAttribute");
    }
  });
}

NATIVERT_AOTI_EXPORT int32_t nativert_aoti_cublas_loaded() { return g_blas_ready ? 1 : 0; }
