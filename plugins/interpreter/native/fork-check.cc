// A self-test of the pool's fork safety, exposed to the tests: the parent starts its workers, then
// forks; the child runs a parallel region of its own and exits with its verdict.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "parallel.h"

namespace nativert {
namespace {

// Runs a region of `parts` parts that each add part + 1; true when every part ran exactly once.
bool RegionSums(int parts) {
  std::atomic<int> sum{0};
  ParallelParts(parts, [&](int part, int) { sum.fetch_add(part + 1, std::memory_order_relaxed); });
  return sum.load() == parts * (parts + 1) / 2;
}

}  // namespace

int ForkCheck(int parts, int timeoutMs) {
  if (!RegionSums(parts)) return 1;
  const pid_t pid = fork();
  if (pid < 0) return 2;
  if (pid == 0) _exit(RegionSums(parts) && RegionSums(parts) ? 0 : 1);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return 3;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return 4;
  return RegionSums(parts) ? 0 : 5;
}

}  // namespace nativert
