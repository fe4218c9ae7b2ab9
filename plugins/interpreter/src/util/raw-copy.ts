// Same-dtype element moves as raw bits: storage read as words (8, 16 or 32 bits; wider elements as
// several 32-bit words), contiguous runs moved with TypedArray.set. No value conversion happens,
// so int64 never becomes a BigInt and NaN payloads survive.
import { Tensor, itemSize } from '@nativert/core';
import { forEachRow } from './elementwise.js';

/** Storage as raw words: element i occupies words [i * width, (i + 1) * width). */
export interface RawWords {
  readonly data: Uint8Array | Uint16Array | Int32Array;
  readonly width: number;
}

/** `t`'s whole storage as raw words of its element size. */
export function rawWords(t: Tensor): RawWords {
  const bytes = t.hostStorage().bytes;
  const size = itemSize(t.dtype);
  if (size === 1) return { data: bytes, width: 1 };
  if (size === 2) return { data: new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1), width: 1 };
  return { data: new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2), width: size >> 2 };
}

/**
 * Copies the elements of `src` (read through `srcStrides`, already broadcast to `shape`) into `dst`
 * through its own strides, row by row; rows contiguous on both sides move with one `set`.
 * Both tensors must have the same element size; overlapping storage is the caller's concern.
 */
export function copyRaw(dst: Tensor, src: Tensor, shape: readonly number[], srcStrides: readonly number[]): void {
  const d = rawWords(dst), s = rawWords(src);
  const w = d.width, dd = d.data, sd = s.data;
  forEachRow(shape, [dst.strides, srcStrides], [dst.offset, src.offset], (o, n, st) => {
    const od = o[0]! * w, os = o[1]! * w, sdst = st[0]!, ssrc = st[1]!;
    if ((sdst === 1 && ssrc === 1) || n === 1) {
      dd.set(sd.subarray(os, os + n * w), od);
    } else if (w === 1) {
      for (let i = 0, a = od, b = os; i < n; i++, a += sdst, b += ssrc) dd[a] = sd[b]!;
    } else {
      const ja = sdst * w, jb = ssrc * w;
      for (let i = 0, a = od, b = os; i < n; i++, a += ja, b += jb) {
        for (let k = 0; k < w; k++) dd[a + k] = sd[b + k]!;
      }
    }
  });
}

/** A new contiguous, offset-0 tensor with `t`'s elements (PyTorch's `clone()`), copied as raw runs. */
export function cloneContiguous(t: Tensor): Tensor {
  const out = Tensor.zeros(t.dtype, t.shape);
  if (out.numel > 0) copyRaw(out, t, t.shape, t.strides);
  return out;
}

/** `t` itself when contiguous with offset 0, else {@link cloneContiguous}. */
export function contiguousFast(t: Tensor): Tensor {
  return t.offset === 0 && t.isContiguous() ? t : cloneContiguous(t);
}
