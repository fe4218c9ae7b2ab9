// aoti_torch_cpu_cumsum: cumulative sum along one dim into a new contiguous tensor. Integer and
// bool inputs accumulate exactly in int64 (ATen's default result dtype for them).
#include <stdexcept>
#include <string>

#include "shim-api.h"

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_cpu_cumsum(AtenTensorHandle self, int64_t dim, int32_t* dtype,
                                                      AtenTensorHandle* ret0) {
  return ShimGuard(__func__, [&] {
    const ShimTensor& x = *ShimUnwrap(self, "cumsum self");
    ShimRequireCpu(x, "cumsum");
    const int64_t nd = static_cast<int64_t>(x.sizes.size());
    const int64_t d = dim < 0 ? dim + (nd == 0 ? 1 : nd) : dim;
    if (d < 0 || d >= (nd == 0 ? 1 : nd)) throw std::invalid_argument("cumsum: dim " + std::to_string(dim) + " out of range");
    const bool integral = x.dtype == kBool || x.dtype == kU8 || x.dtype == kI8 || x.dtype == kI16 ||
                          x.dtype == kI32 || x.dtype == kI64;
    const int32_t odt = dtype != nullptr ? *dtype : (integral ? kI64 : x.dtype);
    ShimTensor* out = ShimEmptyLike(x, x.sizes, odt);
    if (nd == 0) {
      ShimCopyInto(*out, x);
      *ret0 = out;
      return;
    }
    // Walk every line along `d`: iterate the other dims with the dim's size set to 1.
    std::vector<int64_t> outer = x.sizes;
    const int64_t len = outer[d];
    outer[d] = 1;
    const int64_t xs = x.strides[d], os = out->strides[d];
    const bool exact = odt == kI64 && integral;
    ShimForEach2(outer, x.strides, out->strides, [&](int64_t xo, int64_t oo) {
      if (exact) {
        int64_t acc = 0;
        auto* o = reinterpret_cast<int64_t*>(ShimDataPtr(*out));
        for (int64_t i = 0; i < len; ++i) {
          acc += x.dtype == kI64 ? reinterpret_cast<const int64_t*>(ShimDataPtr(x))[xo + i * xs]
                                 : static_cast<int64_t>(ShimLoad(x, xo + i * xs));
          o[oo + i * os] = acc;
        }
        return;
      }
      double acc = 0;
      for (int64_t i = 0; i < len; ++i) {
        acc += ShimLoad(x, xo + i * xs);
        ShimStore(*out, oo + i * os, acc);
      }
    });
    *ret0 = out;
  });
}
