// An empty library built under the other libtorch names an AOTInductor CUDA .so needs
// (libtorch.so, libtorch_cuda.so). Loaded before the model, it satisfies those NEEDED entries by
// SONAME; every function the model imports comes from the shim (libtorch_cpu.so), the CUDA
// runtime the plugin loads, or the driver.
#define NATIVERT_STUB_EXPORT extern "C" __attribute__((visibility("default")))

/** Marks the file as nativert's stub (tests read it from the dynamic symbol table). */
NATIVERT_STUB_EXPORT int nativert_aoti_stub_library() { return 1; }
