// The CUDA runtime (libcudart) and cuBLAS as the shim sees them: opened with dlopen at run time
// from paths the plugin finds (nativert_aoti_cuda_load), never linked at build time, so the shim
// builds and runs on hosts without CUDA. Device memory of CUDA tensors, copies, the current
// stream (set by stream guards) and the cuBLAS handle live here.
#pragma once

#include <cstddef>
#include <cstdint>

/** cudaMemcpyKind. */
enum ShimCopyKind : int32_t { kHostToHost = 0, kHostToDevice = 1, kDeviceToHost = 2, kDeviceToDevice = 3 };

/** cublasOperation_t. */
enum ShimBlasOp : int32_t { kBlasN = 0, kBlasT = 1 };

/** True once nativert_aoti_cuda_load succeeded. */
bool ShimCudaReady();

/** True when cuBLAS was loaded too (GEMMs run on it; otherwise through the host). */
bool ShimCublasReady();

/** Device memory of `nbytes` on `device_index` (cudaMalloc); throws with the runtime's message. */
void* ShimCudaMalloc(size_t nbytes, int32_t device_index);

/** Frees memory from ShimCudaMalloc; errors are ignored (called from destructors). */
void ShimCudaFree(void* p);

/** Copies `nbytes` on the current stream and waits for it (so host buffers may be reused at once). */
void ShimCudaCopy(void* dst, const void* src, size_t nbytes, ShimCopyKind kind);

/** Sets `nbytes` of device memory to zero on the current stream. */
void ShimCudaZero(void* p, size_t nbytes);

/** Waits for the current stream's work. */
void ShimCudaSyncStream();

/** The calling thread's current stream (cudaStream_t; null = the legacy default stream). */
void* ShimCudaCurrentStream();

/** Makes `stream` the calling thread's current stream (stream guards). */
void ShimCudaSetCurrentStream(void* stream);

/** The calling thread's current device (cudaGetDevice). */
int32_t ShimCudaGetDevice();

/** Makes `device_index` the calling thread's current device (cudaSetDevice). */
void ShimCudaSetDevice(int32_t device_index);

/**
 * Row-major float32 GEMM on the current stream: C[m,n] = alpha * op(A)[m,k] · op(B)[k,n] + beta * C.
 * Each operand is given as the cuBLAS column-major storage of its transpose (see ops-cuda-gemm.cc).
 */
void ShimCublasSgemmRowMajor(int64_t m, int64_t n, int64_t k, float alpha, const float* a, ShimBlasOp op_a,
                             int64_t lda, const float* b, ShimBlasOp op_b, int64_t ldb, float beta, float* c,
                             int64_t ldc);

/** C[m,n] (row-major, ldc) = alpha * op(A) for a row-major-view operand A (cublasSgeam with beta 0). */
void ShimCublasScaledCopyRowMajor(int64_t m, int64_t n, float alpha, const float* a, ShimBlasOp op_a, int64_t lda,
                                  float* c, int64_t ldc);
