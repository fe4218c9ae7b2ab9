// Float32 attention as ATen's CPU flash attention computes it, blocked by query rows: per
// (batch, head, block of rows) one GEMM for the scores q k^T, a vector softmax over each row,
// one GEMM for p v. The work items are spread over the OpenMP team; the GEMMs inside run on one
// thread each. Causal blocks skip the keys every row of the block masks.
#include "attention-f32.h"

#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <mutex>
#include <vector>

#include "gemm.h"
#include "parallel.h"
#include "vec-f32.h"

namespace {

constexpr int64_t kRowBlock = 48;  // a multiple of the GEMM's 6-row micro-tile

struct Geometry {
  int64_t B, H, L, S, E, Ev;
};

// Adds the mask (or -inf where a bool mask is false, or where causal hides the key) to rows [i0, i1).
NATIVERT_AVX2 void ApplyMask(float* scores, int64_t ld, int64_t i0, int64_t i1, int64_t cols, const ShimTensor* mask,
                             const int64_t* mbase, int64_t msi, int64_t msj, bool causal) {
  const float ninf = -std::numeric_limits<float>::infinity();
  for (int64_t i = i0; i < i1; ++i) {
    float* row = scores + (i - i0) * ld;
    if (mask != nullptr) {
      if (mask->dtype == kBool) {
        const uint8_t* m = reinterpret_cast<const uint8_t*>(ShimDataPtr(*mask)) + *mbase + i * msi;
        for (int64_t j = 0; j < cols; ++j) row[j] = m[j * msj] != 0 ? row[j] : ninf;
      } else {
        const float* m = reinterpret_cast<const float*>(ShimDataPtr(*mask)) + *mbase + i * msi;
        if (msj == 1) {
          int64_t j = 0;
          for (; j + 8 <= cols; j += 8) _mm256_storeu_ps(row + j, _mm256_add_ps(_mm256_loadu_ps(row + j), _mm256_loadu_ps(m + j)));
          for (; j < cols; ++j) row[j] += m[j];
        } else {
          for (int64_t j = 0; j < cols; ++j) row[j] += m[j * msj];
        }
      }
    }
    if (causal)
      for (int64_t j = i + 1; j < cols; ++j) row[j] = ninf;
  }
}

// Softmax of rows [0, rows) in place; lse[r] (stride lst) = max + log(sum). Fully masked rows: p = 0, lse = 0.
NATIVERT_AVX2 void SoftmaxRows(float* scores, int64_t ld, int64_t rows, int64_t cols, float* lse, int64_t lst) {
  for (int64_t r = 0; r < rows; ++r) {
    float* row = scores + r * ld;
    const float mx = MaxF32(row, cols);
    if (mx == -std::numeric_limits<float>::infinity()) {
      std::memset(row, 0, static_cast<size_t>(cols) * sizeof(float));
      lse[r * lst] = 0.0f;
      continue;
    }
    const float sum = ExpShiftSumF32(row, cols, mx);
    ScaleF32(row, cols, 1.0f / sum);
    lse[r * lst] = mx + std::log(sum);
  }
}

NATIVERT_AVX2 void Block(const Geometry& g, const ShimTensor& q, const ShimTensor& k, const ShimTensor& v,
                         const ShimTensor* mask, const std::vector<int64_t>& mst, bool causal, float scale,
                         const ShimTensor& out, const ShimTensor& lse, int64_t bh, int64_t i0, std::vector<float>& scores,
                         std::vector<float>& tmp) {
  const int64_t b = bh / g.H, h = bh % g.H, i1 = std::min(g.L, i0 + kRowBlock), rows = i1 - i0;
  const int64_t cols = causal ? std::min(g.S, i1) : g.S;
  const float* qp = reinterpret_cast<const float*>(ShimDataPtr(q)) + b * q.strides[0] + h * q.strides[1] + i0 * q.strides[2];
  const float* kp = reinterpret_cast<const float*>(ShimDataPtr(k)) + b * k.strides[0] + h * k.strides[1];
  const float* vp = reinterpret_cast<const float*>(ShimDataPtr(v)) + b * v.strides[0] + h * v.strides[1];
  float* op = reinterpret_cast<float*>(ShimDataPtr(out)) + b * out.strides[0] + h * out.strides[1] + i0 * out.strides[2];
  float* lp = reinterpret_cast<float*>(ShimDataPtr(lse)) + b * lse.strides[0] + h * lse.strides[1] + i0 * lse.strides[2];
  if (cols == 0) {
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t e = 0; e < g.Ev; ++e) op[r * out.strides[2] + e * out.strides[3]] = 0.0f;
      lp[r * lse.strides[2]] = 0.0f;
    }
    return;
  }
  scores.resize(static_cast<size_t>(rows * cols));
  // scores = scale * q[i0:i1] @ k^T: k^T is k read with its row and column strides swapped.
  const nativert::GemmProblem<float> qk{rows, cols, g.E, scale, 0.0f, qp, q.strides[2], q.strides[3],
                                        kp, k.strides[3], k.strides[2], scores.data(), cols};
  nativert::SgemmStrided(qk, 1, 0, 0, 0, 1);
  const int64_t mbase = mask != nullptr ? b * mst[0] + h * mst[1] : 0;
  ApplyMask(scores.data(), cols, i0, i1, cols, mask, &mbase, mask != nullptr ? mst[2] : 0, mask != nullptr ? mst[3] : 0,
            causal);
  SoftmaxRows(scores.data(), cols, rows, cols, lp, lse.strides[2]);
  // out[i0:i1] = p @ v, straight into the output when its rows are unit-stride.
  const bool direct = out.strides[3] == 1 || g.Ev == 1;
  if (!direct) tmp.resize(static_cast<size_t>(rows * g.Ev));
  const nativert::GemmProblem<float> pv{rows, g.Ev, cols, 1.0f, 0.0f, scores.data(), cols, 1,
                                        vp, v.strides[2], v.strides[3], direct ? op : tmp.data(),
                                        direct ? out.strides[2] : g.Ev};
  nativert::SgemmStrided(pv, 1, 0, 0, 0, 1);
  if (!direct)
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t e = 0; e < g.Ev; ++e) op[r * out.strides[2] + e * out.strides[3]] = tmp[r * g.Ev + e];
}

}  // namespace

bool AttentionF32(const ShimTensor& q, const ShimTensor& k, const ShimTensor& v, const ShimTensor* mask,
                  const std::vector<int64_t>& mst, bool causal, float scale, const ShimTensor& out,
                  const ShimTensor& lse) {
  for (const ShimTensor* t : {&q, &k, &v, &out, &lse})
    if (t->dtype != kF32) return false;
  if (mask != nullptr && mask->dtype != kF32 && mask->dtype != kBool) return false;
  const Geometry g{q.sizes[0], q.sizes[1], q.sizes[2], k.sizes[2], q.sizes[3], v.sizes[3]};
  const int64_t blocks = (g.L + kRowBlock - 1) / kRowBlock, items = g.B * g.H * blocks;
  const double work = static_cast<double>(items) * kRowBlock * g.S * (g.E + g.Ev);
  // An exception must not leave an OpenMP region (that terminates the process): keep the first.
  std::exception_ptr error;
  std::mutex error_mutex;
  nativert::ParallelParts(nativert::PartsFor(work, 64.0 * 64 * 64, ShimThreads()), [&](int part, int parts) {
    try {
      std::vector<float> scores, tmp;
      int64_t w0, w1;
      nativert::SplitRange(items, part, parts, 1, &w0, &w1);
      for (int64_t w = w0; w < w1; ++w)
        Block(g, q, k, v, mask, mst, causal, scale, out, lse, w / blocks, (w % blocks) * kRowBlock, scores, tmp);
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!error) error = std::current_exception();
    }
  });
  if (error) std::rethrow_exception(error);
  return true;
}
