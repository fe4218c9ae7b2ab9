import type { ConvGeometry } from './conv-geometry.js';
import type { FloatArray } from './gemm.js';

/**
 * Unfolds `channels` contiguous input planes at `srcOff` into `col`, a row-major
 * [channels * kernel volume, output volume] matrix (zeros where the window reaches padding).
 */
export function im2col(src: FloatArray, srcOff: number, channels: number, g: ConvGeometry, col: FloatArray): void {
  const [ID, IH, IW] = g.inSize, [KD, KH, KW] = g.kernel, [OD, OH, OW] = g.outSize;
  const [sd, sh, sw] = g.stride, [dd, dh, dw] = g.dilation, [pd, ph, pw] = g.padBefore;
  let q = 0;
  for (let c = 0; c < channels; c++) {
    const plane = srcOff + c * ID * IH * IW;
    for (let kd = 0; kd < KD; kd++) for (let kh = 0; kh < KH; kh++) for (let kw = 0; kw < KW; kw++) {
      for (let od = 0; od < OD; od++) {
        const id = od * sd - pd + kd * dd;
        if (id < 0 || id >= ID) {
          col.fill(0, q, q + OH * OW);
          q += OH * OW;
          continue;
        }
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * sh - ph + kh * dh;
          if (ih < 0 || ih >= IH) {
            col.fill(0, q, q + OW);
            q += OW;
            continue;
          }
          const row = plane + (id * IH + ih) * IW;
          for (let ow = 0, iw = kw * dw - pw; ow < OW; ow++, iw += sw) col[q++] = iw >= 0 && iw < IW ? src[row + iw]! : 0;
        }
      }
    }
  }
}

/**
 * The adjoint of {@link im2col} for a transposed convolution: adds each entry of `col`
 * ([channels * kernel volume, input volume]) into `channels` output planes at `dstOff`, where
 * `g.inSize` is the transposed conv's input (the small side) and `g.outSize` its output.
 */
export function col2im(col: FloatArray, channels: number, g: ConvGeometry, dst: FloatArray, dstOff: number): void {
  const [ID, IH, IW] = g.inSize, [KD, KH, KW] = g.kernel, [OD, OH, OW] = g.outSize;
  const [sd, sh, sw] = g.stride, [dd, dh, dw] = g.dilation, [pd, ph, pw] = g.padBefore;
  let q = 0;
  for (let c = 0; c < channels; c++) {
    const plane = dstOff + c * OD * OH * OW;
    for (let kd = 0; kd < KD; kd++) for (let kh = 0; kh < KH; kh++) for (let kw = 0; kw < KW; kw++) {
      for (let id = 0; id < ID; id++) {
        const od = id * sd - pd + kd * dd;
        if (od < 0 || od >= OD) {
          q += IH * IW;
          continue;
        }
        for (let ih = 0; ih < IH; ih++) {
          const oh = ih * sh - ph + kh * dh;
          if (oh < 0 || oh >= OH) {
            q += IW;
            continue;
          }
          const row = plane + (od * OH + oh) * OW;
          for (let iw = 0, ow = kw * dw - pw; iw < IW; iw++, ow += sw, q++) if (ow >= 0 && ow < OW) dst[row + ow] += col[q]!;
        }
      }
    }
  }
}
