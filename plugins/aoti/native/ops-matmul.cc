// Matrix-product fallback ops of c_shim_cpu.h: addmm_out, mm_out, bmm_out, baddbmm_out.
// float32 and float64 go through the strided GEMMs of @nativert/cpu-kernels (gemm.h); other
// dtypes through a double-precision loop.
#include <stdexcept>
#include <string>
#include <vector>

#include "gemm.h"
#include "shim-api.h"

namespace {

// A batched 3-d view [B, M, N] of a 2-d or 3-d tensor (2-d gets batch 1, batch stride 0).
struct View3 {
  const ShimTensor* t;
  int64_t b, r, c;     // sizes
  int64_t sb, sr, sc;  // strides in elements
};

View3 As3(const ShimTensor& t, const char* what) {
  if (t.sizes.size() == 2) return {&t, 1, t.sizes[0], t.sizes[1], 0, t.strides[0], t.strides[1]};
  if (t.sizes.size() == 3) return {&t, t.sizes[0], t.sizes[1], t.sizes[2], t.strides[0], t.strides[1], t.strides[2]};
  throw std::invalid_argument(std::string(what) + ": expected a 2-d or 3-d tensor, got " +
                              std::to_string(t.sizes.size()) + " dims");
}

template <typename T>
void GemmTyped(const View3& c, const View3& a, const View3& b, T alpha, T beta) {
  nativert::GemmProblem<T> p{a.r, b.c, a.c, alpha, beta,
                             reinterpret_cast<const T*>(ShimDataPtr(*a.t)), a.sr, a.sc,
                             reinterpret_cast<const T*>(ShimDataPtr(*b.t)), b.sr, b.sc,
                             reinterpret_cast<T*>(ShimDataPtr(*c.t)), c.sr};
  if constexpr (sizeof(T) == 4) {
    nativert::SgemmStrided(p, c.b, a.sb, b.sb, c.sb, ShimThreads());
  } else {
    std::vector<int64_t> ao(c.b), bo(c.b), co(c.b);
    for (int64_t i = 0; i < c.b; ++i) {
      ao[i] = i * a.sb;
      bo[i] = i * b.sb;
      co[i] = i * c.sb;
    }
    nativert::DgemmBatched(p, c.b, ao.data(), bo.data(), co.data(), ShimThreads());
  }
}

// out = alpha * a @ b + beta * out (beta == 0: out's previous contents are ignored).
void MatmulInto(const ShimTensor& out, const ShimTensor& a, const ShimTensor& b, double alpha, double beta,
                const char* op) {
  ShimRequireCpu(out, op);
  ShimRequireCpu(a, op);
  ShimRequireCpu(b, op);
  const View3 vc = As3(out, op), va = As3(a, op), vb = As3(b, op);
  if (va.c != vb.r || vc.r != va.r || vc.c != vb.c || va.b != vb.b || vc.b != va.b) {
    throw std::invalid_argument(std::string(op) + ": shapes do not match: [" + std::to_string(va.b) + "," +
                                std::to_string(va.r) + "," + std::to_string(va.c) + "] @ [" + std::to_string(vb.b) +
                                "," + std::to_string(vb.r) + "," + std::to_string(vb.c) + "] into [" +
                                std::to_string(vc.b) + "," + std::to_string(vc.r) + "," + std::to_string(vc.c) + "]");
  }
  const bool same = out.dtype == a.dtype && a.dtype == b.dtype;
  if (same && (out.dtype == kF32 || out.dtype == kF64) && (vc.sc == 1 || vc.c <= 1)) {
    if (out.dtype == kF32) GemmTyped<float>(vc, va, vb, static_cast<float>(alpha), static_cast<float>(beta));
    else GemmTyped<double>(vc, va, vb, alpha, beta);
    return;
  }
  if (same && (out.dtype == kF32 || out.dtype == kF64)) {
    // Output with a non-unit column stride: compute into a contiguous temporary, then copy.
    ShimTensor* tmp = ShimEmptyLike(out, out.sizes, out.dtype);
    try {
      if (beta != 0.0) ShimCopyInto(*tmp, out);
      MatmulInto(*tmp, a, b, alpha, beta, op);
      ShimCopyInto(out, *tmp);
    } catch (...) {
      ShimRelease(tmp);
      throw;
    }
    ShimRelease(tmp);
    return;
  }
  for (int64_t n = 0; n < vc.b; ++n)
    for (int64_t i = 0; i < vc.r; ++i)
      for (int64_t j = 0; j < vc.c; ++j) {
        double acc = 0;
        for (int64_t k = 0; k < va.c; ++k)
          acc += ShimLoad(a, n * va.sb + i * va.sr + k * va.sc) * ShimLoad(b, n * vb.sb + k * vb.sr + j * vb.sc);
        const int64_t o = n * vc.sb + i * vc.sr + j * vc.sc;
        ShimStore(out, o, alpha * acc + (beta == 0.0 ? 0.0 : beta * ShimLoad(out, o)));
      }
}

// out = beta * broadcast(self) + alpha * a @ b.
void AddMatmulInto(const ShimTensor& out, const ShimTensor& self, const ShimTensor& a, const ShimTensor& b,
                   double beta, double alpha, const char* op) {
  if (beta != 0.0 && &out != &self) ShimCopyInto(out, self);
  MatmulInto(out, a, b, alpha, beta, op);
}

}  // namespace

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_cpu_addmm_out(AtenTensorHandle out, AtenTensorHandle self,
                                                         AtenTensorHandle mat1, AtenTensorHandle mat2, double beta,
                                                         double alpha) {
  return ShimGuard(__func__, [&] {
    AddMatmulInto(*ShimUnwrap(out, "addmm out"), *ShimUnwrap(self, "addmm self"), *ShimUnwrap(mat1, "addmm mat1"),
                  *ShimUnwrap(mat2, "addmm mat2"), beta, alpha, "addmm");
  });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_cpu_mm_out(AtenTensorHandle out, AtenTensorHandle self,
                                                      AtenTensorHandle mat2) {
  return ShimGuard(__func__, [&] {
    MatmulInto(*ShimUnwrap(out, "mm out"), *ShimUnwrap(self, "mm self"), *ShimUnwrap(mat2, "mm mat2"), 1.0, 0.0, "mm");
  });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_cpu_bmm_out(AtenTensorHandle out, AtenTensorHandle self,
                                                       AtenTensorHandle mat2) {
  return ShimGuard(__func__, [&] {
    MatmulInto(*ShimUnwrap(out, "bmm out"), *ShimUnwrap(self, "bmm self"), *ShimUnwrap(mat2, "bmm mat2"), 1.0, 0.0,
               "bmm");
  });
}

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_cpu_baddbmm_out(AtenTensorHandle out, AtenTensorHandle self,
                                                           AtenTensorHandle batch1, AtenTensorHandle batch2,
                                                           double beta, double alpha) {
  return ShimGuard(__func__, [&] {
    AddMatmulInto(*ShimUnwrap(out, "baddbmm out"), *ShimUnwrap(self, "baddbmm self"),
                  *ShimUnwrap(batch1, "baddbmm batch1"), *ShimUnwrap(batch2, "baddbmm batch2"), beta, alpha, "baddbmm");
  });
}
