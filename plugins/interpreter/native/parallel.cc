// The worker pool behind RunParts: workers wait on a generation counter, spinning briefly before
// sleeping on a condition variable, so back-to-back kernels do not pay a full wake-up each. Parts
// are claimed, not assigned: the caller runs every part no worker has started, so a worker that
// the OS has not scheduled yet (2 cores shared with other processes) never holds a region up.
// Fork-safe: a forked child has none of the parent's workers, so a pthread_atfork child handler
// drops the pool (without allocating: the child may be between fork and exec) and the next region
// in the child makes a fresh one.
#include "parallel.h"

#include <pthread.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace nativert {
namespace {

// An idle worker spins on the CPU for kSpin, then keeps polling between sched_yield calls until
// kPoll, then sleeps. Measured on 2 cores shared with other processes: long pure spins keep 2-thread
// GEMMs free of wake-up tails when a core is free, but slow whole models down when none is (the
// spinning worker takes CPU time the main thread then loses); yielding gives it back.
constexpr std::chrono::microseconds kSpin{50};
constexpr std::chrono::microseconds kPoll{1000};

class Pool {
 public:
  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
      generation_.fetch_add(1, std::memory_order_release);
    }
    cv_.notify_all();
    for (auto& t : workers_) t.join();
  }

  bool TryRun(int parts, PartFn fn) {
    std::unique_lock<std::mutex> busy(runMu_, std::try_to_lock);
    if (!busy.owns_lock()) return false;
    Grow(parts - 1);
    uint32_t gen;
    {
      std::lock_guard<std::mutex> lock(mu_);
      fn_ = fn;
      parts_ = parts;
      done_.store(0, std::memory_order_relaxed);
      gen = static_cast<uint32_t>(generation_.load(std::memory_order_relaxed) + 1);
      // Part 0 is the caller's; workers claim from part 1.
      next_.store(Claim(gen, 1), std::memory_order_relaxed);
      generation_.fetch_add(1, std::memory_order_release);
    }
    if (sleepers_.load(std::memory_order_acquire) > 0) cv_.notify_all();
    fn.call(fn.self, 0, parts);
    // Parts no worker has claimed yet run here: a descheduled worker (a busy machine) delays
    // nothing it has not started.
    int ran = 1;
    for (int part; (part = TakePart(gen, parts)) >= 0; ++ran) fn.call(fn.self, part, parts);
    const int target = parts - ran;
    for (int spin = 0; done_.load(std::memory_order_acquire) != target; ++spin) {
      if (spin < 2000) Pause();
      else std::this_thread::yield();
    }
    return true;
  }

 private:
  static uint64_t Claim(uint32_t gen, uint32_t part) { return (static_cast<uint64_t>(gen) << 32) | part; }

  static void Pause() {
#if defined(__x86_64__)
    __builtin_ia32_pause();
#endif
  }

  /** The next unclaimed part of region `gen`, or -1 when none is left (or a later region started). */
  int TakePart(uint32_t gen, int parts) {
    uint64_t cur = next_.load(std::memory_order_acquire);
    for (;;) {
      const uint32_t part = static_cast<uint32_t>(cur);
      if (static_cast<uint32_t>(cur >> 32) != gen || part >= static_cast<uint32_t>(parts)) return -1;
      if (next_.compare_exchange_weak(cur, cur + 1, std::memory_order_acq_rel)) return static_cast<int>(part);
    }
  }

  /**
   * The generation once it differs from `seen`, or `seen` after kPoll of polling: kernels of one
   * run follow each other within microseconds, and a futex wake-up costs tens of them.
   */
  uint64_t SpinWhile(uint64_t seen) const {
    const auto start = std::chrono::steady_clock::now();
    for (;;) {
      for (int i = 0; i < 64; ++i) {
        const uint64_t now = generation_.load(std::memory_order_acquire);
        if (now != seen) return now;
        Pause();
      }
      const auto waited = std::chrono::steady_clock::now() - start;
      if (waited > kPoll) return seen;
      if (waited > kSpin) std::this_thread::yield();
    }
  }

  void Grow(int n) {
    while (static_cast<int>(workers_.size()) < n) {
      // The generation before the region about to start: a worker that reads it itself could miss that region.
      const uint64_t start = generation_.load(std::memory_order_acquire);
      workers_.emplace_back([this, start] { Loop(start); });
    }
  }

  void Loop(uint64_t seen) {
    for (;;) {
      uint64_t now = SpinWhile(seen);
      if (now == seen) {
        std::unique_lock<std::mutex> lock(mu_);
        sleepers_.fetch_add(1, std::memory_order_acq_rel);
        cv_.wait(lock, [&] { return generation_.load(std::memory_order_acquire) != seen; });
        sleepers_.fetch_sub(1, std::memory_order_acq_rel);
      }
      PartFn fn;
      int parts;
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stop_) return;
        fn = fn_;
        parts = parts_;
        // The region whose fn was just read; claims against it fail once the caller starts another.
        now = generation_.load(std::memory_order_acquire);
      }
      seen = now;
      const uint32_t gen = static_cast<uint32_t>(now);
      for (int part; (part = TakePart(gen, parts)) >= 0;) {
        fn.call(fn.self, part, parts);
        done_.fetch_add(1, std::memory_order_acq_rel);
      }
    }
  }

  std::mutex runMu_, mu_;
  std::condition_variable cv_;
  std::vector<std::thread> workers_;
  std::atomic<uint64_t> generation_{0};
  /** The region's generation (high 32 bits) and its next unclaimed part (low 32 bits). */
  std::atomic<uint64_t> next_{0};
  /** Parts finished by workers in the current region. */
  std::atomic<int> done_{0};
  std::atomic<int> sleepers_{0};
  PartFn fn_{};
  int parts_ = 0;
  bool stop_ = false;
};

// Never destroyed: workers may outlive static destruction order, and a forked child's copy has
// no workers to join (it is abandoned, its mutexes possibly held by threads that do not exist there).
std::atomic<Pool*> thePool{nullptr};

void DropPoolInChild() { thePool.store(nullptr, std::memory_order_relaxed); }

Pool& ThePool() {
  Pool* pool = thePool.load(std::memory_order_acquire);
  if (pool != nullptr) return *pool;
  static const int registered = pthread_atfork(nullptr, nullptr, DropPoolInChild);
  (void)registered;
  Pool* fresh = new Pool();
  if (!thePool.compare_exchange_strong(pool, fresh, std::memory_order_acq_rel)) {
    delete fresh;
    return *pool;
  }
  return *fresh;
}

}  // namespace

void RunParts(int parts, PartFn fn) {
  if (parts <= 1 || !ThePool().TryRun(parts, fn)) {
    for (int p = 0; p < parts; ++p) fn.call(fn.self, p, parts);
  }
}

}  // namespace nativert
