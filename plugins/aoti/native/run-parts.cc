// The shim's own nativert::RunParts (declared by the interpreter's parallel.h, which its GEMM
// uses): plain fork-join on fresh std::threads. The shim runs inside model code that also drives
// OpenMP threads, so it keeps no spinning worker pool of its own; a GEMM region is long enough
// that thread start-up does not matter.
#include <thread>
#include <vector>

#include "../../interpreter/native/parallel.h"

namespace nativert {

void RunParts(int parts, PartFn fn) {
  if (parts <= 1) {
    fn.call(fn.self, 0, 1);
    return;
  }
  std::vector<std::thread> workers;
  workers.reserve(static_cast<size_t>(parts - 1));
  for (int p = 1; p < parts; ++p) workers.emplace_back([fn, p, parts] { fn.call(fn.self, p, parts); });
  fn.call(fn.self, 0, parts);
  for (auto& w : workers) w.join();
}

}  // namespace nativert
