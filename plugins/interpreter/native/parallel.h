// A minimal fork-join helper over std::thread for the addon's kernels.
#pragma once

#include <cstdint>
#include <thread>
#include <vector>

namespace nativert {

/**
 * Calls fn(part, parts) for part in [0, parts) on `parts` threads (the caller runs part 0) and
 * returns when all have finished. fn must not throw.
 */
template <typename Fn>
void ParallelParts(int parts, Fn&& fn) {
  if (parts <= 1) {
    fn(0, 1);
    return;
  }
  std::vector<std::thread> workers;
  workers.reserve(parts - 1);
  for (int p = 1; p < parts; ++p) workers.emplace_back([&fn, p, parts] { fn(p, parts); });
  fn(0, parts);
  for (auto& w : workers) w.join();
}

/** The [begin, end) slice of `total` items given to `part` of `parts`, rounded to multiples of `align`. */
inline void SplitRange(int64_t total, int part, int parts, int64_t align, int64_t* begin, int64_t* end) {
  const int64_t units = (total + align - 1) / align;
  const int64_t lo = units * part / parts, hi = units * (part + 1) / parts;
  *begin = lo * align < total ? lo * align : total;
  *end = hi * align < total ? hi * align : total;
}

}  // namespace nativert
