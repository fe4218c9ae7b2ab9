// Float64 GEMM: i-k-j loops over 64-row blocks of K, vectorizable by the compiler when B's rows
// are contiguous. Float64 models are rare; this favours simplicity over peak speed.
#include <algorithm>

#include "gemm.h"
#include "parallel.h"

namespace nativert {
namespace {

void DgemmRows(const GemmProblem<double>& p, int64_t m0, int64_t m1) {
  for (int64_t i = m0; i < m1; ++i) {
    double* c = p.c + i * p.ldc;
    for (int64_t j = 0; j < p.n; ++j) c[j] = p.beta == 0.0 ? 0.0 : p.beta * c[j];
    for (int64_t k = 0; k < p.k; ++k) {
      const double av = p.alpha * p.a[i * p.rsa + k * p.csa];
      const double* b = p.b + k * p.rsb;
      if (p.csb == 1) {
        for (int64_t j = 0; j < p.n; ++j) c[j] += av * b[j];
      } else {
        for (int64_t j = 0; j < p.n; ++j) c[j] += av * b[j * p.csb];
      }
    }
  }
}

}  // namespace

void DgemmBatched(const GemmProblem<double>& p, int64_t batch, const int64_t* aOff, const int64_t* bOff,
                  const int64_t* cOff, int threads) {
  if (batch <= 0 || p.m == 0 || p.n == 0) return;
  const double work = static_cast<double>(p.m) * p.n * std::max<int64_t>(p.k, 1) * batch;
  const int nt = std::max(1, std::min(threads, static_cast<int>(work / (64.0 * 64 * 64)) + 1));
  const int64_t rows = batch * p.m;
  ParallelParts(static_cast<int>(std::min<int64_t>(nt, rows)), [&](int part, int parts) {
    int64_t r0, r1;
    SplitRange(rows, part, parts, 1, &r0, &r1);
    for (int64_t r = r0; r < r1;) {
      const int64_t bi = r / p.m, i0 = r % p.m, i1 = std::min(p.m, i0 + (r1 - r));
      GemmProblem<double> q = p;
      q.a += aOff[bi];
      q.b += bOff[bi];
      q.c += cOff[bi];
      DgemmRows(q, i0, i1);
      r += i1 - i0;
    }
  });
}

}  // namespace nativert
