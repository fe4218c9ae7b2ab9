// nativert's additions to the AOTInductor C shim, used by the TypeScript plugin through koffi.
// Every aoti_torch_* function the shim implements keeps PyTorch's signature (shim.h); these
// extra functions are the shim's own and carry the nativert_aoti_ prefix.
#pragma once

#include <cstdint>

#define NATIVERT_AOTI_EXPORT extern "C" __attribute__((visibility("default")))

/** Version of this extension API; bumped when a function is added. */
NATIVERT_AOTI_EXPORT int32_t nativert_aoti_shim_version();

/**
 * The calling thread's last shim error message (empty when none). Borrowed: valid until the
 * next failing shim call on this thread.
 */
NATIVERT_AOTI_EXPORT const char* nativert_aoti_last_error();

/** Forgets the last error, so a later failure's report holds only its own messages. Since version 2. */
NATIVERT_AOTI_EXPORT void nativert_aoti_clear_last_error();

/**
 * The storage behind `tensor`: its base address and size in bytes, the tensor's offset in
 * elements from that base, and whether the shim allocated it (1) or borrows caller memory (0:
 * an input's buffer, a constant inside the model .so). Owned storage stays alive while `tensor`
 * (or any handle sharing it) does.
 */
NATIVERT_AOTI_EXPORT int32_t nativert_aoti_tensor_storage(void* tensor, void** ret_base, int64_t* ret_nbytes,
                                                          int64_t* ret_offset, int32_t* ret_owned);

/**
 * Sets the OpenMP thread count of the calling thread (the one that then calls the model's Run):
 * both the generated kernels and the shim's fallback ops use it. Ignored when `threads` < 1.
 * Since version 2.
 */
NATIVERT_AOTI_EXPORT void nativert_aoti_set_num_threads(int32_t threads);

/** Number of live tensor handles made by the shim (leak checks in tests). */
NATIVERT_AOTI_EXPORT int64_t nativert_aoti_live_handles();

/**
 * 1 while `tensor` is a handle the shim made and nobody has deleted, else 0. A model's Run steals
 * its input handles only once past its input checks: after a failed Run the caller deletes
 * those still live. Since version 2.
 */
NATIVERT_AOTI_EXPORT int32_t nativert_aoti_tensor_is_live(void* tensor);

/**
 * Opens the CUDA runtime (`cudart_path`, RTLD_GLOBAL: a CUDA model .so imports cudaMalloc & co.
 * from the global scope) and, when `cublas_path` is not null or empty, cuBLAS. Idempotent: once
 * loaded, later paths are ignored. Since version 3.
 */
NATIVERT_AOTI_EXPORT int32_t nativert_aoti_cuda_load(const char* cudart_path, const char* cublas_path);

/** 1 when cuBLAS is loaded (CUDA GEMMs run on it), else 0 (they run through the host). Since version 3. */
NATIVERT_AOTI_EXPORT int32_t nativert_aoti_cublas_loaded();

/**
 * The number of CUDA devices and the compute capability of `device_index` (0.0 when there is no
 * such device). Needs nativert_aoti_cuda_load. Since version 3.
 */
NATIVERT_AOTI_EXPORT int32_t nativert_aoti_cuda_device_info(int32_t device_index, int32_t* ret_count,
                                                            int32_t* ret_major, int32_t* ret_minor);

/**
 * Copies `nbytes` between host memory `host` and the start of `tensor`'s storage (CPU or CUDA):
 * into the tensor when `to_tensor` is 1, out of it when 0. CUDA copies wait for the calling
 * thread's current stream. Since version 3.
 */
NATIVERT_AOTI_EXPORT int32_t nativert_aoti_copy_storage(void* tensor, void* host, int64_t nbytes, int32_t to_tensor);
