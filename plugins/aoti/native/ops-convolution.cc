// aoti_torch_cpu_convolution: 1-3d convolution, grouped, dilated, padded, and transposed.
// Forward: im2col per (batch, group) + the GEMM; transposed: a direct scatter loop. The output
// is channels-last when the input or weight is (as ATen's CPU convolution chooses), since the
// generated code that follows reads it with those strides.
#include <stdexcept>
#include <string>
#include <vector>

#include "../../interpreter/native/gemm.h"
#include "shim-api.h"

namespace {

struct ConvGeometry {
  int64_t n, cin, cout, groups;
  int64_t in[3], out[3], k[3], stride[3], pad[3], dil[3];
};

// Strides of a channels-last layout for sizes [N, C, spatial...].
std::vector<int64_t> ChannelsLastStrides(const std::vector<int64_t>& sizes) {
  std::vector<int64_t> st(sizes.size());
  int64_t acc = 1;
  st[1] = acc;
  acc *= sizes[1];
  for (size_t d = sizes.size() - 1; d >= 2; --d) {
    st[d] = acc;
    acc *= sizes[d];
  }
  st[0] = acc;
  return st;
}

bool LooksChannelsLast(const ShimTensor& t) {
  return (t.sizes.size() == 4 || t.sizes.size() == 5) && t.sizes[1] > 1 && t.strides[1] == 1;
}

int64_t At(const int64_t* p, int64_t len, int64_t i, int64_t fallback) {
  if (len == 0) return fallback;
  return len == 1 ? p[0] : p[i];
}

// Offset of input element (n, c, x0, x1, x2) given padded-to-3 spatial strides.
struct Strides5 {
  int64_t n, c, s[3];
};

Strides5 StridesOf(const ShimTensor& t, int64_t spatial) {
  Strides5 r{t.strides[0], t.strides[1], {0, 0, 0}};
  for (int64_t d = 0; d < spatial; ++d) r.s[3 - spatial + d] = t.strides[2 + d];
  return r;
}

template <typename T>
void ForwardTyped(const ConvGeometry& g, const ShimTensor& input, const ShimTensor& weight, const ShimTensor* bias,
                  const ShimTensor& out, int64_t spatial) {
  const T* x = reinterpret_cast<const T*>(ShimDataPtr(input));
  const T* w = reinterpret_cast<const T*>(ShimDataPtr(weight));
  T* y = reinterpret_cast<T*>(ShimDataPtr(out));
  const Strides5 xs = StridesOf(input, spatial), ys = StridesOf(out, spatial), ws = StridesOf(weight, spatial);
  const int64_t cing = g.cin / g.groups, coutg = g.cout / g.groups;
  const int64_t kk = g.k[0] * g.k[1] * g.k[2], rows = cing * kk, cols = g.out[0] * g.out[1] * g.out[2];
  std::vector<T> col(static_cast<size_t>(rows * cols)), res(static_cast<size_t>(coutg * cols));
  std::vector<T> wmat(static_cast<size_t>(coutg * rows));
  for (int64_t grp = 0; grp < g.groups; ++grp) {
    // Weight block [coutg, cing*kk] gathered once per group (any weight layout).
    for (int64_t oc = 0; oc < coutg; ++oc)
      for (int64_t ic = 0; ic < cing; ++ic)
        for (int64_t k0 = 0; k0 < g.k[0]; ++k0)
          for (int64_t k1 = 0; k1 < g.k[1]; ++k1)
            for (int64_t k2 = 0; k2 < g.k[2]; ++k2)
              wmat[oc * rows + ((ic * g.k[0] + k0) * g.k[1] + k1) * g.k[2] + k2] =
                  w[(grp * coutg + oc) * ws.n + ic * ws.c + k0 * ws.s[0] + k1 * ws.s[1] + k2 * ws.s[2]];
    for (int64_t n = 0; n < g.n; ++n) {
      for (int64_t ic = 0; ic < cing; ++ic)
        for (int64_t k0 = 0; k0 < g.k[0]; ++k0)
          for (int64_t k1 = 0; k1 < g.k[1]; ++k1)
            for (int64_t k2 = 0; k2 < g.k[2]; ++k2) {
              T* row = col.data() + (((ic * g.k[0] + k0) * g.k[1] + k1) * g.k[2] + k2) * cols;
              const T* base = x + n * xs.n + (grp * cing + ic) * xs.c;
              int64_t p = 0;
              for (int64_t o0 = 0; o0 < g.out[0]; ++o0) {
                const int64_t i0 = o0 * g.stride[0] - g.pad[0] + k0 * g.dil[0];
                for (int64_t o1 = 0; o1 < g.out[1]; ++o1) {
                  const int64_t i1 = o1 * g.stride[1] - g.pad[1] + k1 * g.dil[1];
                  for (int64_t o2 = 0; o2 < g.out[2]; ++o2, ++p) {
                    const int64_t i2 = o2 * g.stride[2] - g.pad[2] + k2 * g.dil[2];
                    const bool inside = i0 >= 0 && i0 < g.in[0] && i1 >= 0 && i1 < g.in[1] && i2 >= 0 && i2 < g.in[2];
                    row[p] = inside ? base[i0 * xs.s[0] + i1 * xs.s[1] + i2 * xs.s[2]] : T(0);
                  }
                }
              }
            }
      nativert::GemmProblem<T> prob{coutg, cols, rows, T(1), T(0), wmat.data(), rows, 1, col.data(), cols, 1,
                                    res.data(), cols};
      const int64_t zero = 0;
      if constexpr (sizeof(T) == 4) nativert::SgemmBatched(prob, 1, &zero, &zero, &zero, ShimThreads());
      else nativert::DgemmBatched(prob, 1, &zero, &zero, &zero, ShimThreads());
      for (int64_t oc = 0; oc < coutg; ++oc) {
        const int64_t c = grp * coutg + oc;
        const T b = bias != nullptr ? static_cast<T>(ShimLoad(*bias, c * bias->strides[0])) : T(0);
        T* dst = y + n * ys.n + c * ys.c;
        int64_t p = 0;
        for (int64_t o0 = 0; o0 < g.out[0]; ++o0)
          for (int64_t o1 = 0; o1 < g.out[1]; ++o1)
            for (int64_t o2 = 0; o2 < g.out[2]; ++o2, ++p)
              dst[o0 * ys.s[0] + o1 * ys.s[1] + o2 * ys.s[2]] = res[oc * cols + p] + b;
      }
    }
  }
}

// Transposed convolution (weight [cin, cout/groups, k...]) in double precision, any dtype.
void TransposedGeneric(const ConvGeometry& g, const ShimTensor& input, const ShimTensor& weight,
                       const ShimTensor* bias, const ShimTensor& out, int64_t spatial) {
  const Strides5 xs = StridesOf(input, spatial), ys = StridesOf(out, spatial), ws = StridesOf(weight, spatial);
  const int64_t cing = g.cin / g.groups, coutg = g.cout / g.groups;
  const int64_t plane = g.out[0] * g.out[1] * g.out[2];
  std::vector<double> acc(static_cast<size_t>(g.cout * plane));
  for (int64_t n = 0; n < g.n; ++n) {
    for (int64_t c = 0; c < g.cout; ++c) {
      const double b = bias != nullptr ? ShimLoad(*bias, c * bias->strides[0]) : 0.0;
      std::fill(acc.begin() + c * plane, acc.begin() + (c + 1) * plane, b);
    }
    for (int64_t grp = 0; grp < g.groups; ++grp)
      for (int64_t ic = 0; ic < cing; ++ic) {
        const int64_t ci = grp * cing + ic;
        for (int64_t i0 = 0; i0 < g.in[0]; ++i0)
          for (int64_t i1 = 0; i1 < g.in[1]; ++i1)
            for (int64_t i2 = 0; i2 < g.in[2]; ++i2) {
              const double v = ShimLoad(input, n * xs.n + ci * xs.c + i0 * xs.s[0] + i1 * xs.s[1] + i2 * xs.s[2]);
              for (int64_t oc = 0; oc < coutg; ++oc)
                for (int64_t k0 = 0; k0 < g.k[0]; ++k0) {
                  const int64_t o0 = i0 * g.stride[0] - g.pad[0] + k0 * g.dil[0];
                  if (o0 < 0 || o0 >= g.out[0]) continue;
                  for (int64_t k1 = 0; k1 < g.k[1]; ++k1) {
                    const int64_t o1 = i1 * g.stride[1] - g.pad[1] + k1 * g.dil[1];
                    if (o1 < 0 || o1 >= g.out[1]) continue;
                    for (int64_t k2 = 0; k2 < g.k[2]; ++k2) {
                      const int64_t o2 = i2 * g.stride[2] - g.pad[2] + k2 * g.dil[2];
                      if (o2 < 0 || o2 >= g.out[2]) continue;
                      const double wv =
                          ShimLoad(weight, ci * ws.n + oc * ws.c + k0 * ws.s[0] + k1 * ws.s[1] + k2 * ws.s[2]);
                      acc[(grp * coutg + oc) * plane + (o0 * g.out[1] + o1) * g.out[2] + o2] += v * wv;
                    }
                  }
                }
            }
      }
    for (int64_t c = 0; c < g.cout; ++c)
      for (int64_t o0 = 0; o0 < g.out[0]; ++o0)
        for (int64_t o1 = 0; o1 < g.out[1]; ++o1)
          for (int64_t o2 = 0; o2 < g.out[2]; ++o2)
            ShimStore(out, n * ys.n + c * ys.c + o0 * ys.s[0] + o1 * ys.s[1] + o2 * ys.s[2],
                      acc[c * plane + (o0 * g.out[1] + o1) * g.out[2] + o2]);
  }
}

}  // namespace

AOTI_SHIM_EXPORT AOTITorchError aoti_torch_cpu_convolution(
    AtenTensorHandle input, AtenTensorHandle weight, AtenTensorHandle* bias, const int64_t* stride,
    int64_t stride_len, const int64_t* padding, int64_t padding_len, const int64_t* dilation, int64_t dilation_len,
    int32_t transposed, const int64_t* output_padding, int64_t output_padding_len, int64_t groups,
    AtenTensorHandle* ret0) {
  return ShimGuard(__func__, [&] {
    const ShimTensor& x = *ShimUnwrap(input, "convolution input");
    const ShimTensor& w = *ShimUnwrap(weight, "convolution weight");
    const ShimTensor* b = bias != nullptr && *bias != nullptr ? *bias : nullptr;
    ShimRequireCpu(x, "convolution input");
    const int64_t nd = static_cast<int64_t>(x.sizes.size()), spatial = nd - 2;
    if (spatial < 1 || spatial > 3 || static_cast<int64_t>(w.sizes.size()) != nd) {
      throw std::invalid_argument("convolution: expected input and weight of 3-5 dims with the same rank, got " +
                                  std::to_string(nd) + " and " + std::to_string(w.sizes.size()));
    }
    ConvGeometry g{};
    g.n = x.sizes[0];
    g.cin = x.sizes[1];
    g.groups = groups;
    g.cout = transposed != 0 ? w.sizes[1] * groups : w.sizes[0];
    for (int64_t d = 0; d < 3; ++d) {
      g.in[d] = g.out[d] = g.k[d] = g.stride[d] = g.dil[d] = 1;
      g.pad[d] = 0;
    }
    for (int64_t d = 0; d < spatial; ++d) {
      const int64_t s = 3 - spatial + d;
      g.in[s] = x.sizes[2 + d];
      g.k[s] = w.sizes[2 + d];
      g.stride[s] = At(stride, stride_len, d, 1);
      g.pad[s] = At(padding, padding_len, d, 0);
      g.dil[s] = At(dilation, dilation_len, d, 1);
      const int64_t eff = g.dil[s] * (g.k[s] - 1) + 1;
      g.out[s] = transposed != 0
                     ? (g.in[s] - 1) * g.stride[s] - 2 * g.pad[s] + eff + At(output_padding, output_padding_len, d, 0)
                     : (g.in[s] + 2 * g.pad[s] - eff) / g.stride[s] + 1;
    }
    std::vector<int64_t> osz{g.n, g.cout};
    for (int64_t d = 0; d < spatial; ++d) osz.push_back(g.out[3 - spatial + d]);
    const std::vector<int64_t> ost = LooksChannelsLast(x) || LooksChannelsLast(w) ? ChannelsLastStrides(osz)
                                                                                   : ShimContiguousStrides(osz);
    ShimTensor* out = ShimAllocate(osz, ost, x.dtype, x.storage->device_type, x.storage->device_index);
    try {
      if (transposed != 0) TransposedGeneric(g, x, w, b, *out, spatial);
      else if (x.dtype == kF32 && w.dtype == kF32) ForwardTyped<float>(g, x, w, b, *out, spatial);
      else if (x.dtype == kF64 && w.dtype == kF64) ForwardTyped<double>(g, x, w, b, *out, spatial);
      else throw std::invalid_argument("convolution: dtype codes " + std::to_string(x.dtype) + "/" +
                                       std::to_string(w.dtype) + " not supported (float32, float64)");
    } catch (...) {
      ShimRelease(out);
      throw;
    }
    *ret0 = out;
  });
}
