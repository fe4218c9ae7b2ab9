// int64/uint64 storage read and written as pairs of 32-bit words (little-endian), so values move
// between tensors and JS numbers without a BigInt per element.
import type { Tensor } from '@nativert/core';
import { forEachRow } from './elementwise.js';

const TWO_32 = 4294967296;

/** `t`'s storage as 32-bit words: element i is words [2i] (low) and [2i + 1] (high). */
function words(t: Tensor): Int32Array {
  const bytes = t.hostStorage().bytes;
  return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
}

/**
 * The logical elements of an int64 or uint64 tensor, row-major, as numbers (exact to 2^53,
 * rounded to nearest beyond, as Number(bigint) does).
 */
export function int64ToFloat64(t: Tensor): Float64Array {
  const w = words(t), out = new Float64Array(t.numel);
  const unsigned = t.dtype === 'uint64';
  let j = 0;
  forEachRow(t.shape, [t.strides], [t.offset], (o, n, s) => {
    let k = 2 * o[0]!;
    const step = 2 * s[0]!;
    if (unsigned) for (let i = 0; i < n; i++, k += step) out[j++] = (w[k + 1]! >>> 0) * TWO_32 + (w[k]! >>> 0);
    else for (let i = 0; i < n; i++, k += step) out[j++] = w[k + 1]! * TWO_32 + (w[k]! >>> 0);
  });
  return out;
}

/**
 * Writes `values` into the contiguous, offset-0 int64/uint64 tensor `out`, truncating toward zero
 * and wrapping modulo 2^64 as a C cast does (non-finite values become 0, as core's writer does).
 */
export function storeInt64(out: Tensor, values: ArrayLike<number>): void {
  const w = words(out), n = values.length;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    const v = x === x && x !== Infinity && x !== -Infinity ? Math.trunc(x) : 0;
    const hi = Math.floor(v / TWO_32);
    w[2 * i] = (v - hi * TWO_32) | 0;
    w[2 * i + 1] = hi | 0;
  }
}
