// The worker pool behind RunParts: workers wait on a generation counter, spinning briefly before
// sleeping on a condition variable, so back-to-back kernels do not pay a full wake-up each.
// Fork-safe: a forked child has none of the parent's workers, so a pthread_atfork child handler
// drops the pool (without allocating: the child may be between fork and exec) and the next region
// in the child makes a fresh one.
#include "parallel.h"

#include <pthread.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace nativert {
namespace {

class Pool {
 public:
  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
      ++generation_;
    }
    cv_.notify_all();
    for (auto& t : workers_) t.join();
  }

  bool TryRun(int parts, PartFn fn) {
    std::unique_lock<std::mutex> busy(runMu_, std::try_to_lock);
    if (!busy.owns_lock()) return false;
    Grow(parts - 1);
    {
      std::lock_guard<std::mutex> lock(mu_);
      fn_ = fn;
      parts_ = parts;
      pending_.store(parts - 1, std::memory_order_relaxed);
      generation_.fetch_add(1, std::memory_order_release);
    }
    cv_.notify_all();
    fn.call(fn.self, 0, parts);
    while (pending_.load(std::memory_order_acquire) != 0) std::this_thread::yield();
    return true;
  }

 private:
  void Grow(int n) {
    while (static_cast<int>(workers_.size()) < n) {
      const int index = static_cast<int>(workers_.size()) + 1;
      // The generation before the region about to start: a worker that reads it itself could miss that region.
      const uint64_t start = generation_.load(std::memory_order_acquire);
      workers_.emplace_back([this, index, start] { Loop(index, start); });
    }
  }

  void Loop(int index, uint64_t seen) {
    for (;;) {
      uint64_t now = seen;
      for (int spin = 0; spin < 4000 && (now = generation_.load(std::memory_order_acquire)) == seen; ++spin) {
#if defined(__x86_64__)
        __builtin_ia32_pause();
#endif
      }
      if (now == seen) {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return generation_.load(std::memory_order_acquire) != seen; });
        now = generation_.load(std::memory_order_acquire);
      }
      PartFn fn;
      int parts;
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stop_) return;
        fn = fn_;
        parts = parts_;
        // The region whose fn was just read: a worker outside the previous region may only see the
        // generation after the caller has already started the next one, and must not run that one twice.
        now = generation_.load(std::memory_order_acquire);
      }
      seen = now;
      if (index < parts) {
        fn.call(fn.self, index, parts);
        pending_.fetch_sub(1, std::memory_order_acq_rel);
      }
    }
  }

  std::mutex runMu_, mu_;
  std::condition_variable cv_;
  std::vector<std::thread> workers_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<int> pending_{0};
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
