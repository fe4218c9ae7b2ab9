// aoti_torch_cuda_mm_out / addmm_out: float32 on cuBLAS when every operand is a row- or
// column-major matrix (what AOTInductor passes: activations row-major, weights as W^T views);
// other dtypes or layouts, or no cuBLAS, through the shim's CPU GEMM on host mirrors.
#include <algorithm>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "cuda-runtime.h"
#include "cuda-tensor.h"
#include "ops-cpu.h"

namespace {
/** A matrix as cuBLAS takes it: the column-major storage of its transpose (op N) or of itself (op T). */
struct BlasMatrix {
  const float* data;
  ShimBlasOp op;
  int64_t ld;
};

/**
 * Describes the rows x cols row-major view at `data` with strides (sr, sc) for cuBLAS, or
 * returns false when it is neither row- nor column-major. Strides of size-1 dims do not matter.
 */
bool Describe(const float* data, int64_t rows, int64_t cols, int64_t sr, int64_t sc, BlasMatrix* m) {
  if ((cols == 1 || sc == 1) && (rows == 1 || sr >= cols)) {
    *m = {data, kBlasN, rows == 1 ? std::max<int64_t>(cols, 1) : std::max<int64_t>(sr, 1)};
    return true;
  }
  if ((rows == 1 || sr == 1) && (cols == 1 || sc >= rows)) {
    *m = {data, kBlasT, cols == 1 ? std::max<int64_t>(rows, 1) : sc};
    return true;
  }
  return false;
}

/** The output: row-major with unit column stride; its leading dimension, or -1 when not. */
int64_t OutputLd(const ShimTensor& c) {
  const int64_t m = c.sizes[0], n = c.sizes[1];
  if ((n == 1 || c.strides[1] == 1) && (m == 1 || c.strides[0] >= n)) return m == 1 ? std::max<int64_t>(n, 1) : c.strides[0];
  return -1;
}

const float* F32(const ShimTensor& t) { return reinterpret_cast<const float*>(ShimDataPtr(t)); }

/** A device vector of `n` ones (grown as needed, kept for the process): the rank-1 GEMM that broadcasts a bias. */
const float* Ones(int64_t n, int32_t device_index) {
  static std::mutex mutex;
  static ShimTensor* ones = nullptr;
  std::lock_guard<std::mutex> lock(mutex);
  if (ones == nullptr || ones->sizes[0] < n || ones->storage->device_index != device_index) {
    if (ones != nullptr) ShimRelease(ones);
    ones = nullptr;
    const int64_t len = std::max<int64_t>(n, 1024);
    std::vector<float> host(static_cast<size_t>(len), 1.0f);
    ShimTensor* t = ShimAllocate({len}, {1}, kF32, kDevCUDA, device_index);
    ShimCudaCopy(ShimDataPtr(*t), host.data(), host.size() * sizeof(float), kHostToDevice);
    ones = t;
  }
  return F32(*ones);
}

bool SameView(const ShimTensor& a, const ShimTensor& b) {
  return ShimDataPtr(a) == ShimDataPtr(b) && a.sizes == b.sizes && a.strides == b.strides && a.dtype == b.dtype;
}

/**
 * C = beta * broadcast(self) on cuBLAS, or false when self's layout does not allow it (a scalar,
 * or a matrix neither row- nor column-major).
 */
bool FillWithBias(const ShimTensor& c, int64_t ldc, const ShimTensor& self, float beta) {
  const int64_t m = c.sizes[0], n = c.sizes[1];
  const std::vector<int64_t> st = ShimBroadcastStrides(self, c.sizes, "addmm self");
  float* cp = reinterpret_cast<float*>(ShimDataPtr(c));
  BlasMatrix ones{}, bias{};
  const int32_t dev = c.storage->device_index;
  if (st[0] == 0 && st[1] != 0) {  // a row broadcast down the rows: ones(m x 1) . row(1 x n)
    if (!Describe(F32(self), 1, n, n, st[1], &bias)) return false;
    Describe(Ones(m, dev), m, 1, 1, 1, &ones);
    ShimCublasSgemmRowMajor(m, n, 1, beta, ones.data, ones.op, ones.ld, bias.data, bias.op, bias.ld, 0.0f, cp, ldc);
    return true;
  }
  if (st[1] == 0 && st[0] != 0) {  // a column broadcast across the columns: col(m x 1) . ones(1 x n)
    if (!Describe(F32(self), m, 1, st[0], 1, &bias)) return false;
    Describe(Ones(n, dev), 1, n, n, 1, &ones);
    ShimCublasSgemmRowMajor(m, n, 1, beta, bias.data, bias.op, bias.ld, ones.data, ones.op, ones.ld, 0.0f, cp, ldc);
    return true;
  }
  if (st[0] != 0 && st[1] != 0 && Describe(F32(self), m, n, st[0], st[1], &bias)) {
    ShimCublasScaledCopyRowMajor(m, n, beta, bias.data, bias.op, bias.ld, cp, ldc);
    return true;
  }
  return false;
}

/** out = beta * self + alpha * a.b on cuBLAS (self null: beta * out); false when it cannot. */
bool CublasAddmm(const ShimTensor& out, const ShimTensor* self, const ShimTensor& a, const ShimTensor& b, float beta,
                 float alpha) {
  if (!ShimCublasReady()) return false;
  for (const ShimTensor* t : {&out, &a, &b, self}) {
    if (t != nullptr && (t->dtype != kF32 || !ShimIsCuda(*t))) return false;
  }
  if (out.sizes.size() != 2 || a.sizes.size() != 2 || b.sizes.size() != 2) return false;
  const int64_t m = a.sizes[0], k = a.sizes[1], n = b.sizes[1];
  if (b.sizes[0] != k || out.sizes[0] != m || out.sizes[1] != n) {
    throw std::invalid_argument("mm: shapes [" + std::to_string(m) + ", " + std::to_string(k) + "] x [" +
                                std::to_string(b.sizes[0]) + ", " + std::to_string(n) + "] do not give out [" +
                                std::to_string(out.sizes[0]) + ", " + std::to_string(out.sizes[1]) + "]");
  }
  const int64_t ldc = OutputLd(out);
  BlasMatrix am{}, bm{};
  if (ldc < 0 || !Describe(F32(a), m, k, a.strides[0], a.strides[1], &am) ||
      !Describe(F32(b), k, n, b.strides[0], b.strides[1], &bm)) {
    return false;
  }
  if (m == 0 || n == 0) return true;
  float gemm_beta = beta;
  if (self != nullptr && beta != 0.0f && !SameView(*self, out)) {
    if (!FillWithBias(out, ldc, *self, beta)) return false;
    gemm_beta = 1.0f;
  }
  if (self == nullptr) gemm_beta = 0.0f;
  ShimCublasSgemmRowMajor(m, n, k, alpha, am.data, am.op, am.ld, bm.data, bm.op, bm.ld, gemm_beta,
                          reinterpret_cast<float*>(ShimDataPtr(out)), ldc);
  return true;
}
}  // namespace

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_cuda_mm_out(AtenTensorHandle out, AtenTensorHandle self,
                                                       AtenTensorHandle mat2) {
  return ShimGuard(__func__, [&] {
    const ShimTensor& o = *ShimUnwrap(out, "mm out");
    const ShimTensor& a = *ShimUnwrap(self, "mm self");
    const ShimTensor& b = *ShimUnwrap(mat2, "mm mat2");
    if (CublasAddmm(o, nullptr, a, b, 0.0f, 1.0f)) return;
    ShimMirrors host;
    ShimTensor* ho = host.Add(&o);
    ShimCheckHostOp(aoti_torch_cpu_mm_out(ho, host.Add(&a), host.Add(&b)), "mm");
    ShimWriteBack(*ho, o);
  });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_cuda_addmm_out(AtenTensorHandle out, AtenTensorHandle self,
                                                          AtenTensorHandle mat1, AtenTensorHandle mat2, double beta,
                                                          double alpha) {
  return ShimGuard(__func__, [&] {
    const ShimTensor& o = *ShimUnwrap(out, "addmm out");
    const ShimTensor& s = *ShimUnwrap(self, "addmm self");
    const ShimTensor& a = *ShimUnwrap(mat1, "addmm mat1");
    const ShimTensor& b = *ShimUnwrap(mat2, "addmm mat2");
    if (CublasAddmm(o, &s, a, b, static_cast<float>(beta), static_cast<float>(alpha))) return;
    ShimMirrors host;
    ShimTensor* ho = host.Add(&o);
    ShimCheckHostOp(aoti_torch_cpu_addmm_out(ho, host.Add(&s), host.Add(&a), host.Add(&b), beta, alpha), "addmm");
    ShimWriteBack(*ho, o);
  });
}
