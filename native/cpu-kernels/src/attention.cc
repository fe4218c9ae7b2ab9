// Scaled dot-product attention, float32: per head and block of query rows, scores = scale·Q·Kᵀ by
// the GEMM micro-kernel, mask and causal limit applied, softmax in place, then O = P·V. Blocks keep
// the score buffer in cache and give the pool independent units of work.
#include <algorithm>
#include <limits>
#include <vector>

#include "gemm.h"
#include "kernels.h"
#include "parallel.h"

namespace nativert {
namespace {

// 128 query rows per block: K is re-packed per block, and 32 made whisper's attention ~30% slower.
constexpr int64_t kRowBlock = 128;

void AttentionBlock(const AttentionProblem& p, int64_t head, int64_t r0, int64_t r1, const int64_t* qOff,
                    const int64_t* kOff, const int64_t* vOff, const int64_t* mOff, const int64_t* oOff,
                    std::vector<float>& scores) {
  const int64_t rows = r1 - r0;
  scores.resize(static_cast<size_t>(rows * p.s));
  const int64_t zero = 0;
  GemmProblem<float> qk{rows, p.s, p.e, p.scale, 0.0f,
                        p.q + qOff[head] + r0 * p.rsq, p.rsq, p.csq,
                        p.k + kOff[head], p.csk, p.rsk,
                        scores.data(), p.s};
  SgemmBatched(qk, 1, &zero, &zero, &zero, 1);
  const float ninf = -std::numeric_limits<float>::infinity();
  for (int64_t i = 0; i < rows; ++i) {
    float* row = scores.data() + i * p.s;
    const int64_t qi = r0 + i;
    if (p.maskF || p.maskB) {
      const int64_t base = (mOff ? mOff[head] : 0) + qi * p.rsm;
      if (p.maskF) {
        for (int64_t j = 0; j < p.s; ++j) row[j] += p.maskF[base + j * p.csm];
      } else {
        for (int64_t j = 0; j < p.s; ++j) if (!p.maskB[base + j * p.csm]) row[j] = ninf;
      }
    }
    if (p.causal) for (int64_t j = qi + 1; j < p.s; ++j) row[j] = ninf;
    SoftmaxRow(row, row, p.s, false);
  }
  GemmProblem<float> pv{rows, p.ev, p.s, 1.0f, 0.0f,
                        scores.data(), p.s, 1,
                        p.v + vOff[head], p.rsv, p.csv,
                        p.o + oOff[head] + r0 * p.ev, p.ev};
  SgemmBatched(pv, 1, &zero, &zero, &zero, 1);
}

}  // namespace

void AttentionF32(const AttentionProblem& p, int64_t batch, const int64_t* qOff, const int64_t* kOff,
                  const int64_t* vOff, const int64_t* mOff, const int64_t* oOff, int threads) {
  if (batch <= 0 || p.l == 0) return;
  const int64_t blocks = (p.l + kRowBlock - 1) / kRowBlock, units = batch * blocks;
  const double work = static_cast<double>(batch) * p.l * p.s * (p.e + p.ev);
  const int parts = static_cast<int>(std::min<int64_t>(PartsFor(work, 1 << 17, threads), units));
  ParallelParts(parts, [&](int part, int count) {
    thread_local std::vector<float> scores;
    int64_t u0, u1;
    SplitRange(units, part, count, 1, &u0, &u1);
    for (int64_t u = u0; u < u1; ++u) {
      const int64_t head = u / blocks, r0 = (u % blocks) * kRowBlock;
      AttentionBlock(p, head, r0, std::min(p.l, r0 + kRowBlock), qOff, kOff, vOff, mOff, oOff, scores);
    }
  });
}

}  // namespace nativert
