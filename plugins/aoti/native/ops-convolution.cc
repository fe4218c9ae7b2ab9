// aoti_torch_cpu_convolution: 1-3d convolution, grouped, dilated, padded, and transposed.
// Forward: im2col per (batch, group) + the GEMM (1x1 convolutions read the input in place),
// depthwise float32 as a direct loop; transposed: a direct scatter loop. The output
// is channels-last when the input or weight is (as ATen's CPU convolution chooses), since the
// generated code that follows reads it with those strides.
#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "gemm.h"
#include "parallel.h"
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

// Rows of the im2col matrix for one (batch, group): row (ic, k0, k1, k2) holds the input element
// each output position reads through that kernel tap (0 where it falls in the padding). The
// innermost output dim is walked over its in-bounds range only, with memcpy when unit-stride.
template <typename T>
void Im2Col(const ConvGeometry& g, const T* base, const Strides5& xs, int64_t cing, T* col) {
  const int64_t cols = g.out[0] * g.out[1] * g.out[2];
  for (int64_t ic = 0; ic < cing; ++ic)
    for (int64_t k0 = 0; k0 < g.k[0]; ++k0)
      for (int64_t k1 = 0; k1 < g.k[1]; ++k1)
        for (int64_t k2 = 0; k2 < g.k[2]; ++k2) {
          T* row = col + (((ic * g.k[0] + k0) * g.k[1] + k1) * g.k[2] + k2) * cols;
          const T* plane = base + ic * xs.c;
          // Output positions o2 whose input i2 = o2 * stride - pad + k2 * dil lies in [0, in2).
          const int64_t off2 = k2 * g.dil[2] - g.pad[2];
          const int64_t lo = off2 >= 0 ? 0 : (-off2 + g.stride[2] - 1) / g.stride[2];
          const int64_t hi = std::min(g.out[2], g.in[2] - off2 <= 0 ? 0 : (g.in[2] - off2 - 1) / g.stride[2] + 1);
          for (int64_t o0 = 0; o0 < g.out[0]; ++o0) {
            const int64_t i0 = o0 * g.stride[0] - g.pad[0] + k0 * g.dil[0];
            for (int64_t o1 = 0; o1 < g.out[1]; ++o1, row += g.out[2]) {
              const int64_t i1 = o1 * g.stride[1] - g.pad[1] + k1 * g.dil[1];
              if (i0 < 0 || i0 >= g.in[0] || i1 < 0 || i1 >= g.in[1] || lo >= hi) {
                std::fill_n(row, g.out[2], T(0));
                continue;
              }
              const T* line = plane + i0 * xs.s[0] + i1 * xs.s[1] + off2 * xs.s[2];
              std::fill_n(row, lo, T(0));
              if (g.stride[2] == 1 && xs.s[2] == 1) {
                std::memcpy(row + lo, line + lo, static_cast<size_t>(hi - lo) * sizeof(T));
              } else {
                const int64_t step = g.stride[2] * xs.s[2];
                for (int64_t o2 = lo; o2 < hi; ++o2) row[o2] = line[o2 * step];
              }
              std::fill_n(row + hi, g.out[2] - hi, T(0));
            }
          }
        }
}

// True when the spatial dims of `s` (sizes out[]) are one run of unit stride: [.., out1*out2, out2, 1].
bool SpatialFlat(const Strides5& s, const ConvGeometry& g) {
  return (g.out[2] == 1 || s.s[2] == 1) && (g.out[1] == 1 || s.s[1] == g.out[2]) &&
         (g.out[0] == 1 || s.s[0] == g.out[1] * g.out[2]);
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
  // A 1x1, stride-1, unpadded convolution over flat input planes reads the input as the GEMM's B.
  bool pointwise = kk == 1 && SpatialFlat(xs, g);
  for (int64_t d = 0; d < 3; ++d) pointwise = pointwise && g.stride[d] == 1 && g.pad[d] == 0 && g.in[d] == g.out[d];
  // The GEMM writes the output in place when its channel rows are flat planes; else via `res`.
  const bool direct = SpatialFlat(ys, g);
  std::vector<T> col(pointwise ? 0 : static_cast<size_t>(rows * cols));
  std::vector<T> res(direct ? 0 : static_cast<size_t>(coutg * cols));
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
      const T* xin = x + n * xs.n + grp * cing * xs.c;
      if (!pointwise) Im2Col(g, xin, xs, cing, col.data());
      T* dst = y + n * ys.n + grp * coutg * ys.c;
      nativert::GemmProblem<T> prob{coutg, cols, rows, T(1), T(0), wmat.data(), rows, 1,
                                    pointwise ? xin : col.data(), pointwise ? xs.c : cols, 1,
                                    direct ? dst : res.data(), direct ? ys.c : cols};
      const int64_t zero = 0;
      if constexpr (sizeof(T) == 4) nativert::SgemmStrided(prob, 1, 0, 0, 0, ShimThreads());
      else nativert::DgemmBatched(prob, 1, &zero, &zero, &zero, ShimThreads());
      for (int64_t oc = 0; oc < coutg; ++oc) {
        const int64_t c = grp * coutg + oc;
        const T b = bias != nullptr ? static_cast<T>(ShimLoad(*bias, c * bias->strides[0])) : T(0);
        T* plane = dst + oc * ys.c;
        if (direct) {
          if (b != T(0))
            for (int64_t p = 0; p < cols; ++p) plane[p] += b;
          continue;
        }
        int64_t p = 0;
        for (int64_t o0 = 0; o0 < g.out[0]; ++o0)
          for (int64_t o1 = 0; o1 < g.out[1]; ++o1)
            for (int64_t o2 = 0; o2 < g.out[2]; ++o2, ++p)
              plane[o0 * ys.s[0] + o1 * ys.s[1] + o2 * ys.s[2]] = res[oc * cols + p] + b;
      }
    }
  }
}

// Depthwise float32 convolution (groups == cin, each group one or more output channels), as a
// direct loop per output plane: im2col + a GEMM of one row would waste both. Planes are spread
// over the OpenMP team; nothing in the loop throws.
void DepthwiseF32(const ConvGeometry& g, const ShimTensor& input, const ShimTensor& weight, const ShimTensor* bias,
                  const ShimTensor& out, int64_t spatial) {
  const float* x = reinterpret_cast<const float*>(ShimDataPtr(input));
  const float* w = reinterpret_cast<const float*>(ShimDataPtr(weight));
  float* y = reinterpret_cast<float*>(ShimDataPtr(out));
  const Strides5 xs = StridesOf(input, spatial), ys = StridesOf(out, spatial), ws = StridesOf(weight, spatial);
  const int64_t mult = g.cout / g.groups, planes = g.n * g.cout;
  std::vector<float> bv(static_cast<size_t>(g.cout), 0.0f);
  if (bias != nullptr)
    for (int64_t c = 0; c < g.cout; ++c) bv[c] = static_cast<float>(ShimLoad(*bias, c * bias->strides[0]));
  const double work = static_cast<double>(planes) * g.out[0] * g.out[1] * g.out[2] * g.k[0] * g.k[1] * g.k[2];
  nativert::ParallelParts(nativert::PartsFor(work, 64.0 * 64 * 64, ShimThreads()), [&](int part, int parts) {
    int64_t p0, p1;
    nativert::SplitRange(planes, part, parts, 1, &p0, &p1);
    for (int64_t pl = p0; pl < p1; ++pl) {
      const int64_t n = pl / g.cout, c = pl % g.cout, ci = c / mult;
      const float* xp = x + n * xs.n + ci * xs.c;
      const float* wp = w + c * ws.n;
      float* yp = y + n * ys.n + c * ys.c;
      for (int64_t o0 = 0; o0 < g.out[0]; ++o0)
        for (int64_t o1 = 0; o1 < g.out[1]; ++o1)
          for (int64_t o2 = 0; o2 < g.out[2]; ++o2) {
            float acc = bv[c];
            for (int64_t k0 = 0; k0 < g.k[0]; ++k0) {
              const int64_t i0 = o0 * g.stride[0] - g.pad[0] + k0 * g.dil[0];
              if (i0 < 0 || i0 >= g.in[0]) continue;
              for (int64_t k1 = 0; k1 < g.k[1]; ++k1) {
                const int64_t i1 = o1 * g.stride[1] - g.pad[1] + k1 * g.dil[1];
                if (i1 < 0 || i1 >= g.in[1]) continue;
                for (int64_t k2 = 0; k2 < g.k[2]; ++k2) {
                  const int64_t i2 = o2 * g.stride[2] - g.pad[2] + k2 * g.dil[2];
                  if (i2 < 0 || i2 >= g.in[2]) continue;
                  acc += xp[i0 * xs.s[0] + i1 * xs.s[1] + i2 * xs.s[2]] * wp[k0 * ws.s[0] + k1 * ws.s[1] + k2 * ws.s[2]];
                }
              }
            }
            yp[o0 * ys.s[0] + o1 * ys.s[1] + o2 * ys.s[2]] = acc;
          }
    }
  });
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
      else if (x.dtype == kF32 && w.dtype == kF32 && g.groups > 1 && g.groups == g.cin) DepthwiseF32(g, x, w, b, *out, spatial);
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
