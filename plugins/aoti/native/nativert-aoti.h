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
