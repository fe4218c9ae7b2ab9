// PyTorch's CUDA stream shim functions (shim.h, USE_CUDA): a guard makes a stream and device
// current for the calling thread until it is deleted, as c10::cuda::CUDAStreamGuard does. The
// shim's CUDA fallback ops and copies run on the current stream.
#include <cstdint>

#include "cuda-runtime.h"
#include "shim-api.h"

namespace {
/** What a guard restores when deleted. */
struct StreamGuard {
  void* previous_stream;
  int32_t previous_device;
  int32_t device;
};
}  // namespace

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_create_cuda_stream_guard(void* stream, int32_t device_index,
                                                                    void** ret_guard) {
  return ShimGuard(__func__, [&] {
    const int32_t previous = ShimCudaGetDevice();
    if (previous != device_index) ShimCudaSetDevice(device_index);
    *ret_guard = new StreamGuard{ShimCudaCurrentStream(), previous, device_index};
    ShimCudaSetCurrentStream(stream);
  });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_delete_cuda_stream_guard(void* guard) {
  return ShimGuard(__func__, [&] {
    auto* g = static_cast<StreamGuard*>(guard);
    if (g == nullptr) return;
    ShimCudaSetCurrentStream(g->previous_stream);
    if (g->previous_device != g->device) ShimCudaSetDevice(g->previous_device);
    delete g;
  });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_get_current_cuda_stream(int32_t device_index, void** ret_stream) {
  return ShimGuard(__func__, [&] {
    (void)device_index;
    *ret_stream = ShimCudaCurrentStream();
  });
}
