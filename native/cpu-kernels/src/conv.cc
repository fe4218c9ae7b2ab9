// 2-d convolution and max pooling, float32 NCHW. Convolution: im2col (skipped for 1x1/stride 1/no
// padding) + the GEMM micro-kernel per sample and group, or direct kernels for depthwise; then a
// fused epilogue adds the bias and applies the activation while the output is cache-warm.
#include <algorithm>
#include <limits>
#include <vector>

#include "gemm.h"
#include "kernels.h"
#include "parallel.h"
#include "vec-math.h"

namespace nativert {
namespace {

// [lo, hi): the output positions o where o*stride + shift lies in [0, size).
inline void ValidRange(int64_t out, int64_t stride, int64_t shift, int64_t size, int64_t* lo, int64_t* hi) {
  int64_t a = shift >= 0 ? 0 : (-shift + stride - 1) / stride;
  int64_t b = size - 1 - shift < 0 ? 0 : (size - 1 - shift) / stride + 1;
  *lo = std::min(a, out);
  *hi = std::max(*lo, std::min(b, out));
}

// dst[i] = src[i * stride] for i in [0, n). Stride 2 (strided convs, their im2col and depthwise
// phases) takes 8 even elements from two vector loads per step, and stops where a load would pass
// src[2 * (n - 1)].
__attribute__((target("avx2,fma"))) int64_t CopyStride2Avx2(const float* src, float* dst, int64_t n) {
  int64_t i = 0;
  for (; i + 9 <= n; i += 8) {
    const __m256 lo = _mm256_loadu_ps(src + 2 * i), hi = _mm256_loadu_ps(src + 2 * i + 8);
    const __m256 even = _mm256_shuffle_ps(lo, hi, 0x88);  // lo0 lo2 hi0 hi2 | lo4 lo6 hi4 hi6
    _mm256_storeu_ps(dst + i, _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(even), 0xD8)));
  }
  return i;
}

void CopyStrided(const float* src, int64_t stride, float* dst, int64_t n) {
  static const bool avx2 = HasAvx2Fma();
  int64_t i = 0;
  if (stride == 1) {
    std::copy(src, src + n, dst);
    return;
  }
  if (stride == 2 && avx2) i = CopyStride2Avx2(src, dst, n);
  for (; i < n; ++i) dst[i] = src[i * stride];
}

// Unfolds output pixels [p0, p1) of the (cg*kh*kw) x (oh*ow) column matrix of one sample/group
// into col, a (cg*kh*kw) x (p1 - p0) row-major block.
void Im2colBlock(const Conv2dProblem& p, int64_t k, const float* x, float* col, int64_t p0, int64_t p1) {
  const int64_t width = p1 - p0;
  for (int64_t r = 0; r < k; ++r) {
    const int64_t kx = r % p.kw, ky = (r / p.kw) % p.kh, c = r / (p.kw * p.kh);
    const float* plane = x + c * p.h * p.w;
    float* dst = col + r * width;
    const int64_t shiftW = kx * p.dw - p.pw;
    int64_t owLo, owHi;
    ValidRange(p.ow, p.sw, shiftW, p.w, &owLo, &owHi);
    for (int64_t pix = p0; pix < p1;) {
      const int64_t oy = pix / p.ow, ox0 = pix % p.ow, ox1 = std::min(p.ow, ox0 + (p1 - pix));
      const int64_t iy = oy * p.sh - p.ph + ky * p.dh;
      float* d = dst + (pix - p0) - ox0;  // d[ox] is output column ox of this row
      pix += ox1 - ox0;
      if (iy < 0 || iy >= p.h) {
        std::fill(d + ox0, d + ox1, 0.0f);
        continue;
      }
      const float* src = plane + iy * p.w + shiftW;
      const int64_t lo = std::clamp(owLo, ox0, ox1), hi = std::clamp(owHi, lo, ox1);
      std::fill(d + ox0, d + lo, 0.0f);
      CopyStrided(src + lo * p.sw, p.sw, d + lo, hi - lo);
      std::fill(d + hi, d + ox1, 0.0f);
    }
  }
}

// Output pixels per im2col block: the block (k rows) stays within ~192 KiB of L2 next to the
// GEMM's packed copy of it, instead of a whole k x oh*ow matrix streaming through memory.
int64_t PixelsPerBlock(int64_t k, int64_t ohw) {
  const int64_t fit = (192 * 1024 / 4) / std::max<int64_t>(k, 1) / 16 * 16;
  return std::min(ohw, std::max<int64_t>(fit, 32));
}

// row = act(row + bias) for one output channel of n elements.
void Epilogue(float* row, int64_t n, const float* bias, Unary act) {
  if (bias) {
    const float b = *bias;
    for (int64_t i = 0; i < n; ++i) row[i] += b;
  }
  ApplyUnary(act, row, n);
}

// Depthwise planes. Each input plane is copied once into zero-padded rows split by column phase
// (padded column j goes to phase j % sw, slot j / sw), so every tap of every stride reads a
// unit-stride run and the row loop needs no bounds checks; rows are computed 8 outputs per vector
// with up to 4 vectors sharing each weight broadcast.
struct DwLayout {
  int64_t rows;   // padded input rows the taps read
  int64_t owp;    // output row length rounded up to 8
  int64_t slots;  // floats per phase row: owp + the widest tap shift
};

DwLayout DwLayoutOf(const Conv2dProblem& p) {
  const int64_t owp = (p.ow + 7) / 8 * 8;
  return {(p.oh - 1) * p.sh + (p.kh - 1) * p.dh + 1, owp, owp + (p.kw - 1) * p.dw / p.sw + 1};
}

// phases[q][r][j] = x[r - ph][j * sw + q - pw], 0 outside the plane.
void DwPackPlane(const Conv2dProblem& p, const DwLayout& d, const float* x, float* phases) {
  for (int64_t q = 0; q < p.sw; ++q) {
    for (int64_t r = 0; r < d.rows; ++r) {
      float* dst = phases + (q * d.rows + r) * d.slots;
      const int64_t iy = r - p.ph;
      if (iy < 0 || iy >= p.h) {
        std::fill(dst, dst + d.slots, 0.0f);
        continue;
      }
      const float* src = x + iy * p.w + q - p.pw;
      int64_t lo, hi;
      ValidRange(d.slots, p.sw, q - p.pw, p.w, &lo, &hi);
      std::fill(dst, dst + lo, 0.0f);
      CopyStrided(src + lo * p.sw, p.sw, dst + lo, hi - lo);
      std::fill(dst + hi, dst + d.slots, 0.0f);
    }
  }
}

// Offset of tap t = ky * kw + kx from the start of an output row's reads, for every tap.
std::vector<int64_t> DwTapOffsets(const Conv2dProblem& p, const DwLayout& d) {
  std::vector<int64_t> off(static_cast<size_t>(p.kh * p.kw));
  for (int64_t ky = 0; ky < p.kh; ++ky) {
    for (int64_t kx = 0; kx < p.kw; ++kx) {
      const int64_t shift = kx * p.dw;
      off[ky * p.kw + kx] = ((shift % p.sw) * d.rows + ky * p.dh) * d.slots + shift / p.sw;
    }
  }
  return off;
}

// out[0, 8 * kV) of output row oy starting at column ox0.
// One output row, read from `src` (the row's reads start) at the `taps` offsets.
using DwRowFn = void (*)(const float* src, const int64_t* off, const float* wt, int64_t taps, float bias,
                         int64_t owp, float* out);

template <int kV>
__attribute__((target("avx2,fma"), always_inline)) inline void DwVectorsAvx2(const float* src, const int64_t* off,
                                                                             const float* wt, int64_t taps, float bias,
                                                                             float* out) {
  __m256 acc[kV];
  for (int v = 0; v < kV; ++v) acc[v] = _mm256_set1_ps(bias);
  for (int64_t t = 0; t < taps; ++t) {
    const __m256 wv = _mm256_broadcast_ss(wt + t);
    const float* s = src + off[t];
    for (int v = 0; v < kV; ++v) acc[v] = _mm256_fmadd_ps(wv, _mm256_loadu_ps(s + 8 * v), acc[v]);
  }
  for (int v = 0; v < kV; ++v) _mm256_storeu_ps(out + 8 * v, acc[v]);
}

__attribute__((target("avx2,fma"))) void DwRowAvx2(const float* src, const int64_t* off, const float* wt,
                                                   int64_t taps, float bias, int64_t owp, float* out) {
  int64_t ox = 0;
  for (; ox + 32 <= owp; ox += 32) DwVectorsAvx2<4>(src + ox, off, wt, taps, bias, out + ox);
  switch ((owp - ox) / 8) {
    case 3: DwVectorsAvx2<3>(src + ox, off, wt, taps, bias, out + ox); break;
    case 2: DwVectorsAvx2<2>(src + ox, off, wt, taps, bias, out + ox); break;
    case 1: DwVectorsAvx2<1>(src + ox, off, wt, taps, bias, out + ox); break;
    default: break;
  }
}

void DwRowPortable(const float* src, const int64_t* off, const float* wt, int64_t taps, float bias, int64_t owp,
                   float* out) {
  std::fill(out, out + owp, bias);
  for (int64_t t = 0; t < taps; ++t) {
    const float* s = src + off[t];
    for (int64_t ox = 0; ox < owp; ++ox) out[ox] += wt[t] * s[ox];
  }
}

// Depthwise convolution (groups == cin == cout), plane by plane, bias and activation fused.
void Depthwise(const Conv2dProblem& p, int threads) {
  const DwLayout d = DwLayoutOf(p);
  const int64_t planes = p.n * p.cout, ohw = p.oh * p.ow;
  const double work = static_cast<double>(planes) * ohw * p.kh * p.kw;
  const DwRowFn rowFn = HasAvx2Fma() ? DwRowAvx2 : DwRowPortable;
  const std::vector<int64_t> off = DwTapOffsets(p, d);
  const int64_t taps = p.kh * p.kw;
  ParallelParts(static_cast<int>(std::min<int64_t>(PartsFor(work, 1 << 15, threads), planes)), [&](int part, int count) {
    int64_t lo, hi;
    SplitRange(planes, part, count, 1, &lo, &hi);
    thread_local std::vector<float> phases, row;
    phases.resize(static_cast<size_t>(p.sw * d.rows * d.slots));
    row.resize(static_cast<size_t>(d.owp));
    for (int64_t i = lo; i < hi; ++i) {
      const int64_t c = i % p.cout;
      DwPackPlane(p, d, p.x + i * p.h * p.w, phases.data());
      const float* wt = p.weight + c * p.kh * p.kw;
      const float bias = p.bias ? p.bias[c] : 0.0f;
      float* y = p.y + i * ohw;
      for (int64_t oy = 0; oy < p.oh; ++oy) {
        rowFn(phases.data() + oy * p.sh * d.slots, off.data(), wt, taps, bias, d.owp, row.data());
        std::copy(row.data(), row.data() + p.ow, y + oy * p.ow);
      }
      ApplyUnary(p.act, y, ohw);
    }
  });
}

// Depthwise on rows shorter than one vector, channel-last: a block of channels is copied into a
// zero-padded [h][w][channel] scratch so 8 channels share one FMA (measured: on 7x7 outputs ~1.3x
// the plane-wise kernel above, whose vectors would run 7 of 8 lanes and repack every plane).
constexpr int64_t kDwBlock = 64;

struct DwBlock {
  int64_t c0, cb, cbp, hp, wp;  // first channel, channels, channels padded to 8, padded plane dims
  const float* xt; const float* wt; const float* bias;
  float* yt;  // [oh*ow][cbp]
};

void DwPack(const Conv2dProblem& p, int64_t n, DwBlock* b, float* xt, float* wt, float* bias) {
  std::fill(xt, xt + b->hp * b->wp * b->cbp, 0.0f);
  std::fill(wt, wt + p.kh * p.kw * b->cbp, 0.0f);
  std::fill(bias, bias + b->cbp, 0.0f);
  const int64_t taps = p.kh * p.kw;
  for (int64_t j = 0; j < b->cb; ++j) {
    const int64_t c = b->c0 + j;
    const float* plane = p.x + (n * p.cin + c) * p.h * p.w;
    for (int64_t iy = 0; iy < p.h; ++iy) {
      float* dst = xt + ((iy + p.ph) * b->wp + p.pw) * b->cbp + j;
      for (int64_t ix = 0; ix < p.w; ++ix) dst[ix * b->cbp] = plane[iy * p.w + ix];
    }
    for (int64_t t = 0; t < taps; ++t) wt[t * b->cbp + j] = p.weight[c * taps + t];
    if (p.bias) bias[j] = p.bias[c];
  }
  b->xt = xt;
  b->wt = wt;
  b->bias = bias;
}

__attribute__((target("avx2,fma"))) void DwComputeAvx2(const Conv2dProblem& p, const DwBlock& b) {
  for (int64_t oy = 0; oy < p.oh; ++oy) {
    for (int64_t ox = 0; ox < p.ow; ++ox) {
      float* out = b.yt + (oy * p.ow + ox) * b.cbp;
      for (int64_t g = 0; g < b.cbp; g += 8) {
        __m256 acc = _mm256_loadu_ps(b.bias + g);
        for (int64_t ky = 0; ky < p.kh; ++ky) {
          const float* row = b.xt + ((oy * p.sh + ky * p.dh) * b.wp + ox * p.sw) * b.cbp + g;
          const float* wrow = b.wt + ky * p.kw * b.cbp + g;
          for (int64_t kx = 0; kx < p.kw; ++kx) {
            acc = _mm256_fmadd_ps(_mm256_loadu_ps(wrow + kx * b.cbp), _mm256_loadu_ps(row + kx * p.dw * b.cbp), acc);
          }
        }
        _mm256_storeu_ps(out + g, acc);
      }
    }
  }
}

void DwComputePortable(const Conv2dProblem& p, const DwBlock& b) {
  for (int64_t oy = 0; oy < p.oh; ++oy) {
    for (int64_t ox = 0; ox < p.ow; ++ox) {
      float* out = b.yt + (oy * p.ow + ox) * b.cbp;
      std::copy(b.bias, b.bias + b.cbp, out);
      for (int64_t ky = 0; ky < p.kh; ++ky) {
        const float* row = b.xt + ((oy * p.sh + ky * p.dh) * b.wp + ox * p.sw) * b.cbp;
        const float* wrow = b.wt + ky * p.kw * b.cbp;
        for (int64_t kx = 0; kx < p.kw; ++kx) {
          const float* xv = row + kx * p.dw * b.cbp;
          const float* wv = wrow + kx * b.cbp;
          for (int64_t j = 0; j < b.cbp; ++j) out[j] += wv[j] * xv[j];
        }
      }
    }
  }
}

// Depthwise conv of all samples, blocks of kDwBlock channels at a time, channel-last.
void DepthwiseChannelsLast(const Conv2dProblem& p, int threads) {
  const int64_t ohw = p.oh * p.ow, perSample = (p.cin + kDwBlock - 1) / kDwBlock, blocks = p.n * perSample;
  const int64_t hp = p.h + 2 * p.ph, wp = p.w + 2 * p.pw;
  const double work = static_cast<double>(p.n * p.cin) * ohw * p.kh * p.kw;
  const bool avx2 = HasAvx2Fma();
  ParallelParts(static_cast<int>(std::min<int64_t>(PartsFor(work, 1 << 15, threads), blocks)), [&](int part, int count) {
    int64_t lo, hi;
    SplitRange(blocks, part, count, 1, &lo, &hi);
    std::vector<float> xt(hp * wp * kDwBlock), wt(p.kh * p.kw * kDwBlock), bias(kDwBlock), yt(ohw * kDwBlock);
    for (int64_t i = lo; i < hi; ++i) {
      const int64_t n = i / perSample, c0 = (i % perSample) * kDwBlock, cb = std::min(kDwBlock, p.cin - c0);
      DwBlock b{c0, cb, (cb + 7) / 8 * 8, hp, wp, nullptr, nullptr, nullptr, yt.data()};
      DwPack(p, n, &b, xt.data(), wt.data(), bias.data());
      if (avx2) DwComputeAvx2(p, b); else DwComputePortable(p, b);
      float* y = p.y + (n * p.cout + c0) * ohw;
      for (int64_t j = 0; j < cb; ++j) {
        for (int64_t q = 0; q < ohw; ++q) y[j * ohw + q] = yt[q * b.cbp + j];
      }
      ApplyUnary(p.act, y, cb * ohw);
    }
  });
}

// A 1x1 convolution of 1x1 planes (squeeze-excitation's fully connected layers) is a matrix-vector
// product per sample: one dot product per output channel, instead of a GEMM whose 16-wide column
// panels would carry one useful column.
__attribute__((target("avx2,fma"))) float DotAvx2(const float* a, const float* b, int64_t n) {
  __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps();
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), acc0);
    acc1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), acc1);
  }
  alignas(32) float lanes[8];
  _mm256_store_ps(lanes, _mm256_add_ps(acc0, acc1));
  float sum = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
  for (; i < n; ++i) sum += a[i] * b[i];
  return sum;
}

float DotPortable(const float* a, const float* b, int64_t n) {
  float sum = 0.0f;
  for (int64_t i = 0; i < n; ++i) sum += a[i] * b[i];
  return sum;
}

void PointwiseGemv(const Conv2dProblem& p, int threads) {
  float (*dot)(const float*, const float*, int64_t) = HasAvx2Fma() ? DotAvx2 : DotPortable;
  const int64_t cg = p.cin / p.groups, og = p.cout / p.groups, rows = p.n * p.cout;
  const double work = static_cast<double>(rows) * cg;
  ParallelParts(static_cast<int>(std::min<int64_t>(PartsFor(work, 1 << 15, threads), rows)), [&](int part, int count) {
    int64_t lo, hi;
    SplitRange(rows, part, count, 1, &lo, &hi);
    for (int64_t r = lo; r < hi; ++r) {
      const int64_t n = r / p.cout, o = r % p.cout, g = o / og;
      p.y[r] = dot(p.weight + o * cg, p.x + n * p.cin + g * cg, cg) + (p.bias ? p.bias[o] : 0.0f);
    }
    ApplyUnary(p.act, p.y + lo, hi - lo);
  });
}

}  // namespace

void Conv2dF32(const Conv2dProblem& p, int threads) {
  const int64_t ohw = p.oh * p.ow;
  if (p.groups == p.cin && p.cout == p.cin) {
    if (p.ow < 8) DepthwiseChannelsLast(p, threads);
    else Depthwise(p, threads);
    return;
  }
  if (p.h == 1 && p.w == 1 && ohw == 1 && p.kh == 1 && p.kw == 1) {
    PointwiseGemv(p, threads);
    return;
  }
  const int64_t cg = p.cin / p.groups, og = p.cout / p.groups, k = cg * p.kh * p.kw;
  const bool pointwise = p.kh == 1 && p.kw == 1 && p.sh == 1 && p.sw == 1 && p.ph == 0 && p.pw == 0;
  // Units of (sample, group, block of output pixels): unfold, GEMM, then bias and activation while
  // the block is cache-warm. A 1x1 convolution reads its input block in place as the GEMM's B.
  const int64_t block = pointwise ? std::min<int64_t>(ohw, 256) : PixelsPerBlock(k, ohw);
  const int64_t blocks = (ohw + block - 1) / block, units = p.n * p.groups * blocks;
  const double work = static_cast<double>(units) * og * k * block;
  const int parts = static_cast<int>(std::min<int64_t>(PartsFor(work, 64.0 * 64 * 64, threads), units));
  // Fewer units than threads: the GEMM splits each one instead.
  const int gemmThreads = parts == 1 ? threads : 1;
  // Several pixel blocks share a group's weights: pack them for the GEMM once, not per block.
  // Blocks of up to 64 pixels are left out: the GEMM reads their weights in place, unpacked.
  static thread_local std::vector<float> packed;  // the caller's buffer, read by the workers below
  const int64_t perGroup = PackedASize(og, k);
  const bool prepack = blocks > 1 && block > 64;
  if (prepack) {
    packed.resize(static_cast<size_t>(p.groups * perGroup));
    for (int64_t g = 0; g < p.groups; ++g) PackAF32(p.weight + g * og * k, k, 1, og, k, packed.data() + g * perGroup);
  }
  ParallelParts(parts, [&](int part, int count) {
    thread_local std::vector<float> col;
    if (!pointwise) col.resize(static_cast<size_t>(k * block));
    int64_t u0, u1;
    SplitRange(units, part, count, 1, &u0, &u1);
    const int64_t zero = 0;
    for (int64_t u = u0; u < u1; ++u) {
      const int64_t ng = u / blocks, n = ng / p.groups, g = ng % p.groups;
      const int64_t p0 = (u % blocks) * block, p1 = std::min(ohw, p0 + block), width = p1 - p0;
      const float* x = p.x + (n * p.cin + g * cg) * p.h * p.w;
      if (!pointwise) Im2colBlock(p, k, x, col.data(), p0, p1);
      float* y = p.y + (n * p.cout + g * og) * ohw + p0;
      GemmProblem<float> gp{og, width, k, 1.0f, 0.0f, p.weight + g * og * k, k, 1,
                            pointwise ? x + p0 : col.data(), pointwise ? ohw : width, 1, y, ohw};
      if (prepack) SgemmPackedA(gp, packed.data() + g * perGroup, gemmThreads);
      else SgemmBatched(gp, 1, &zero, &zero, &zero, gemmThreads);
      if (!p.bias && p.act == Unary::kIdentity) continue;
      for (int64_t o = 0; o < og; ++o) Epilogue(y + o * ohw, width, p.bias ? p.bias + g * og + o : nullptr, p.act);
    }
  });
}

void MaxPool2dF32(const float* x, float* y, int64_t planes, int64_t h, int64_t w, int64_t oh, int64_t ow, int64_t kh,
                  int64_t kw, int64_t sh, int64_t sw, int64_t ph, int64_t pw, int64_t dh, int64_t dw, int threads) {
  const double work = static_cast<double>(planes) * oh * ow * kh * kw;
  ParallelParts(static_cast<int>(std::min<int64_t>(PartsFor(work, 1 << 15, threads), planes)), [&](int part, int count) {
    int64_t lo, hi;
    SplitRange(planes, part, count, 1, &lo, &hi);
    const float ninf = -std::numeric_limits<float>::infinity();
    for (int64_t pl = lo; pl < hi; ++pl) {
      const float* src = x + pl * h * w;
      float* dst = y + pl * oh * ow;
      std::fill(dst, dst + oh * ow, ninf);
      for (int64_t ky = 0; ky < kh; ++ky) {
        for (int64_t kx = 0; kx < kw; ++kx) {
          const int64_t shiftW = kx * dw - pw;
          int64_t owLo, owHi;
          ValidRange(ow, sw, shiftW, w, &owLo, &owHi);
          for (int64_t oy = 0; oy < oh; ++oy) {
            const int64_t iy = oy * sh - ph + ky * dh;
            if (iy < 0 || iy >= h) continue;
            const float* s = src + iy * w + shiftW;
            float* d = dst + oy * ow;
            for (int64_t ox = owLo; ox < owHi; ++ox) {
              const float v = s[ox * sw];
              d[ox] = (v > d[ox] || v != v) ? v : d[ox];
            }
          }
        }
      }
    }
  });
}

}  // namespace nativert
