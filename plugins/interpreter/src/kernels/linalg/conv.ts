import type { DType, Tensor } from '@nativert/core';
import { promoteTypes } from '../../util/promotion.js';
import type { ConvGeometry, ConvParams } from './conv-geometry.js';
import { convGeometry, volume } from './conv-geometry.js';
import type { FloatView } from './float-view.js';
import { allocFloat, computeKind, contiguousView, floatView, fromFloat } from './float-view.js';
import type { FloatArray } from './gemm.js';
import { gemm } from './gemm.js';
import { col2im, im2col } from './im2col.js';
import { conv2dNative } from './conv2d-native.js';
import { UnaryOp } from '../../native/native-addon.js';

/**
 * `aten.convolution` semantics for 1-3 spatial dims, batched or not, plain or transposed: im2col +
 * GEMM per sample and group (no unfold for pointwise kernels), a direct loop for depthwise, and GEMM
 * + col2im for transposed; float32 1-d and 2-d convolutions run natively. f16/bf16 compute in float32, float64 and integers in float64.
 */
export function convolution(input: Tensor, weight: Tensor, bias: Tensor | null, p: ConvParams, threads: number, where: string): Tensor {
  const unbatched = input.rank === weight.rank - 1;
  const x = unbatched ? input.asStrided([1, ...input.shape], [0, ...input.strides]) : input;
  const g = convGeometry(x.shape, weight.shape, p, where);
  let dtype: DType = promoteTypes(input.dtype, weight.dtype);
  if (bias !== null) dtype = promoteTypes(dtype, bias.dtype);
  if (!p.transposed && dtype === 'float32') {
    const fast = conv2dNative(x, weight, bias, g, UnaryOp.Identity, threads);
    if (fast !== null) return unbatched ? fast.asStrided(fast.shape.slice(1), fast.strides.slice(1)) : fast;
  }
  const kind = computeKind(dtype);
  const xv = contiguousView(floatView(x, kind)), wv = contiguousView(floatView(weight, kind));
  const outVol = volume(g.outSize);
  const out = allocFloat(kind, g.batch * g.cout * outVol);
  if (bias !== null) {
    const b = floatView(bias, kind);
    for (let n = 0; n < g.batch; n++) for (let c = 0; c < g.cout; c++) {
      const start = (n * g.cout + c) * outVol;
      out.fill(b.data[b.offset + c * (b.strides[0] ?? 0)]!, start, start + outVol);
    }
  }
  const beta = bias === null ? 0 : 1;
  if (p.transposed) transposedConv(xv, wv, g, out, threads);
  else if (g.cin === g.groups && g.cout === g.groups) depthwiseConv(xv, wv, g, out);
  else forwardConv(xv, wv, g, out, beta, threads);
  const shape = [g.batch, g.cout, ...g.outSize.slice(3 - g.spatialRank)];
  return fromFloat(out, unbatched ? shape.slice(1) : shape, dtype);
}

function forwardConv(x: FloatView, w: FloatView, g: ConvGeometry, out: FloatArray, beta: number, threads: number): void {
  const cg = g.cin / g.groups, og = g.cout / g.groups;
  const k = cg * volume(g.kernel), outVol = volume(g.outSize), inVol = volume(g.inSize);
  const pointwise = volume(g.kernel) === 1 && g.stride.every((s) => s === 1) && g.padBefore.every((q) => q === 0);
  const col = pointwise ? null : allocFloat(x.data instanceof Float32Array ? 'float32' : 'float64', k * outVol);
  for (let n = 0; n < g.batch; n++) {
    for (let grp = 0; grp < g.groups; grp++) {
      const src = x.offset + (n * g.cin + grp * cg) * inVol;
      let b = { data: x.data, offset: src, rowStride: inVol, colStride: 1 };
      if (col !== null) {
        im2col(x.data, src, cg, g, col);
        b = { data: col, offset: 0, rowStride: outVol, colStride: 1 };
      }
      gemm(og, outVol, k, { data: w.data, offset: w.offset + grp * og * k, rowStride: k, colStride: 1 }, b,
        { data: out, offset: (n * g.cout + grp * og) * outVol, ld: outVol }, { beta, threads });
    }
  }
}

// One input channel per output channel: a direct sliding window beats unfolding. Loops run tap by
// tap over the output range where the tap stays inside the input, so the inner loop has no bounds checks.
function depthwiseConv(x: FloatView, w: FloatView, g: ConvGeometry, out: FloatArray): void {
  const [ID, IH, IW] = g.inSize, [KD, KH, KW] = g.kernel, [OD, OH, OW] = g.outSize;
  const [sd, sh, sw] = g.stride, [dd, dh, dw] = g.dilation, [pd, ph, pw] = g.padBefore;
  const inVol = volume(g.inSize), kVol = volume(g.kernel), outVol = volume(g.outSize);
  const X = x.data, W = w.data;
  for (let n = 0; n < g.batch; n++) {
    for (let c = 0; c < g.cin; c++) {
      const src = x.offset + (n * g.cin + c) * inVol, dst = (n * g.cout + c) * outVol;
      for (let kd = 0; kd < KD; kd++) for (let kh = 0; kh < KH; kh++) for (let kw = 0; kw < KW; kw++) {
        const wv = W[w.offset + c * kVol + (kd * KH + kh) * KW + kw]!;
        const shift = kw * dw - pw;
        // ow range with 0 <= ow*sw + shift < IW.
        const owLo = Math.max(0, Math.ceil(-shift / sw)), owHi = Math.min(OW, Math.floor((IW - 1 - shift) / sw) + 1);
        for (let od = 0; od < OD; od++) {
          const id = od * sd - pd + kd * dd;
          if (id < 0 || id >= ID) continue;
          for (let oh = 0; oh < OH; oh++) {
            const ih = oh * sh - ph + kh * dh;
            if (ih < 0 || ih >= IH) continue;
            const row = src + (id * IH + ih) * IW + shift, o = dst + (od * OH + oh) * OW;
            for (let ow = owLo; ow < owHi; ow++) out[o + ow] += wv * X[row + ow * sw]!;
          }
        }
      }
    }
  }
}

function transposedConv(x: FloatView, w: FloatView, g: ConvGeometry, out: FloatArray, threads: number): void {
  const cg = g.cin / g.groups, og = g.cout / g.groups;
  const rows = og * volume(g.kernel), inVol = volume(g.inSize), outVol = volume(g.outSize);
  const col = allocFloat(x.data instanceof Float32Array ? 'float32' : 'float64', rows * inVol);
  for (let n = 0; n < g.batch; n++) {
    for (let grp = 0; grp < g.groups; grp++) {
      // The group's weight [cg, og * kernel] read transposed.
      gemm(rows, inVol, cg, { data: w.data, offset: w.offset + grp * cg * rows, rowStride: 1, colStride: rows },
        { data: x.data, offset: x.offset + (n * g.cin + grp * cg) * inVol, rowStride: inVol, colStride: 1 },
        { data: col, offset: 0, ld: inVol }, { threads });
      col2im(col, og, g, out, (n * g.cout + grp * og) * outVol);
    }
  }
}
