// The shim's threads: its own nativert::RunParts (declared by the interpreter's parallel.h, which
// its GEMM uses) runs on the OpenMP team, the same threads the model's generated kernels use.
// A second pool would fight OpenMP's spin-waiting workers for the cores. The thread count is
// OpenMP's (the plugin sets it per run with nativert_aoti_set_num_threads).
#include <omp.h>

#include "parallel.h"
#include "nativert-aoti.h"
#include "shim-tensor.h"

namespace nativert {

void RunParts(int parts, PartFn fn) {
  if (parts <= 1 || omp_in_parallel()) {
    for (int p = 0; p < parts; ++p) fn.call(fn.self, p, parts);
    return;
  }
#pragma omp parallel num_threads(parts)
  {
    // The team may be smaller than asked for: each thread takes every n-th part.
    const int n = omp_get_num_threads();
    for (int p = omp_get_thread_num(); p < parts; p += n) fn.call(fn.self, p, parts);
  }
}

}  // namespace nativert

int ShimThreads() { return omp_in_parallel() ? 1 : omp_get_max_threads(); }

NATIVERT_AOTI_EXPORT void nativert_aoti_set_num_threads(int32_t threads) {
  if (threads > 0) omp_set_num_threads(threads);
}
