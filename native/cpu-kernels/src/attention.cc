// Scaled dot-product attention, float32: per head and block of query rows, scores = scale·Q·Kᵀ by
// the GEMM, mask and causal limit applied, softmax in place, then O = P·V. Blocks keep the score
// buffer in cache and give the pool independent units of work; causal blocks skip the keys every
// row of the block hides.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "gemm.h"
#include "kernels.h"
#include "parallel.h"

namespace nativert {
namespace {

// 128 query rows per block: K is re-packed per block, and 32 made whisper's attention ~30% slower.
constexpr int64_t kRowBlock = 128;

struct HeadOffsets {
  const int64_t *q, *k, *v, *m, *o, *l;
};

// Masks, then softmaxes one row of `cols` scores of query qi in place; returns its log-sum-exp.
float ScoreRow(const AttentionProblem& p, int64_t maskBase, int64_t qi, float* row, int64_t cols) {
  const float ninf = -std::numeric_limits<float>::infinity();
  if (p.maskF) {
    for (int64_t j = 0; j < cols; ++j) row[j] += p.maskF[maskBase + qi * p.rsm + j * p.csm];
  } else if (p.maskB) {
    for (int64_t j = 0; j < cols; ++j) if (!p.maskB[maskBase + qi * p.rsm + j * p.csm]) row[j] = ninf;
  }
  if (p.causal) std::fill(row + std::min(cols, qi + 1), row + cols, ninf);
  if (p.zeroMaskedRows && std::all_of(row, row + cols, [&](float x) { return x == ninf; })) {
    std::fill(row, row + cols, 0.0f);
    return 0.0f;
  }
  return SoftmaxRow(row, row, cols, false);
}

void AttentionBlock(const AttentionProblem& p, const HeadOffsets& off, int64_t head, int64_t r0, int64_t r1,
                    std::vector<float>& scores) {
  const int64_t rows = r1 - r0, cols = p.causal ? std::min(p.s, r1) : p.s, zero = 0;
  float* o = p.o + off.o[head] + r0 * p.rso;
  float* lse = p.lse ? p.lse + off.l[head] + r0 * p.rsl : nullptr;
  scores.resize(static_cast<size_t>(rows * std::max<int64_t>(cols, 1)));
  if (cols > 0) {
    // scores = scale * Q[r0:r1] · Kᵀ: Kᵀ is K read with its row and column strides swapped.
    GemmProblem<float> qk{rows, cols, p.e, p.scale, 0.0f,
                          p.q + off.q[head] + r0 * p.rsq, p.rsq, p.csq,
                          p.k + off.k[head], p.csk, p.rsk,
                          scores.data(), cols};
    SgemmBatched(qk, 1, &zero, &zero, &zero, 1);
  }
  const int64_t maskBase = off.m ? off.m[head] : 0;
  for (int64_t i = 0; i < rows; ++i) {
    const float l = ScoreRow(p, maskBase, r0 + i, scores.data() + i * cols, cols);
    if (lse) lse[i * p.rsl] = cols > 0 ? l : 0.0f;
  }
  if (cols == 0) {
    for (int64_t i = 0; i < rows; ++i) std::fill(o + i * p.rso, o + i * p.rso + p.ev, 0.0f);
    return;
  }
  GemmProblem<float> pv{rows, p.ev, cols, 1.0f, 0.0f,
                        scores.data(), cols, 1,
                        p.v + off.v[head], p.rsv, p.csv,
                        o, p.rso};
  SgemmBatched(pv, 1, &zero, &zero, &zero, 1);
}

}  // namespace

void AttentionF32(const AttentionProblem& p, int64_t batch, const int64_t* qOff, const int64_t* kOff,
                  const int64_t* vOff, const int64_t* mOff, const int64_t* oOff, const int64_t* lOff, int threads) {
  if (batch <= 0 || p.l == 0) return;
  const HeadOffsets off{qOff, kOff, vOff, mOff, oOff, lOff};
  const int64_t blocks = (p.l + kRowBlock - 1) / kRowBlock, units = batch * blocks;
  const double work = static_cast<double>(batch) * p.l * p.s * (p.e + p.ev);
  const int parts = static_cast<int>(std::min<int64_t>(PartsFor(work, 1 << 17, threads), units));
  ParallelParts(parts, [&](int part, int count) {
    thread_local std::vector<float> scores;
    int64_t u0, u1;
    SplitRange(units, part, count, 1, &u0, &u1);
    for (int64_t u = u0; u < u1; ++u) {
      const int64_t head = u / blocks, r0 = (u % blocks) * kRowBlock;
      AttentionBlock(p, off, head, r0, std::min(p.l, r0 + kRowBlock), scores);
    }
  });
}

}  // namespace nativert
