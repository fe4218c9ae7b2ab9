// Fork-join over a persistent worker pool for the addon's kernels. Workers are started on first
// use and kept, so a parallel region costs a wake-up (microseconds) rather than thread creation.
#pragma once

#include <cstdint>
#include <type_traits>

namespace nativert {

/** A type-erased `void(int part, int parts)` callable borrowed for one parallel region. */
struct PartFn {
  void* self;
  void (*call)(void* self, int part, int parts);
};

/**
 * Runs fn(part, parts) for part in [0, parts) on the pool (the caller runs part 0) and returns when
 * all have finished. A region started while another is running (nested or from another thread)
 * runs its parts one after another on the caller. fn must not throw.
 */
void RunParts(int parts, PartFn fn);

/** Calls fn(part, parts) for part in [0, parts); see RunParts. */
template <typename Fn>
void ParallelParts(int parts, Fn&& fn) {
  if (parts <= 1) {
    fn(0, 1);
    return;
  }
  using F = typename std::remove_reference<Fn>::type;
  RunParts(parts, PartFn{const_cast<void*>(static_cast<const void*>(&fn)),
                         [](void* self, int part, int count) { (*static_cast<F*>(self))(part, count); }});
}

/**
 * Self-test of fork safety: runs a region of `parts` parts, forks, runs two regions in the child
 * and one more in the parent. 0 when all ran; 3 when the child hung past `timeoutMs` (it is
 * killed); 1, 2, 4, 5 for a wrong sum, a failed fork, a failed child, a failed parent afterwards.
 */
int ForkCheck(int parts, int timeoutMs);

/** The [begin, end) slice of `total` items given to `part` of `parts`, rounded to multiples of `align`. */
inline void SplitRange(int64_t total, int part, int parts, int64_t align, int64_t* begin, int64_t* end) {
  const int64_t units = (total + align - 1) / align;
  const int64_t lo = units * part / parts, hi = units * (part + 1) / parts;
  *begin = lo * align < total ? lo * align : total;
  *end = hi * align < total ? hi * align : total;
}

/** How many parts `work` units deserve: one per `grain` units, at least 1, at most `threads`. */
inline int PartsFor(double work, double grain, int threads) {
  const int byWork = static_cast<int>(work / grain) + 1;
  return threads < 1 ? 1 : (byWork < threads ? byWork : threads);
}

}  // namespace nativert
