import type { Tensor } from '@nativert/core';
import type { NumberArray } from './elementwise.js';
import { forEachRow, isNumberDType } from './elementwise.js';
import { int64ToFloat64 } from './int64-words.js';

/**
 * `t`'s logical elements in row-major order as float64, like core's `Tensor.toFloat64()` but read
 * by rows from the typed storage (int64 through 32-bit words) instead of a closure per element.
 */
export function numbersOf(t: Tensor): Float64Array {
  if (t.dtype === 'int64' || t.dtype === 'uint64') return int64ToFloat64(t);
  if (!isNumberDType(t.dtype)) return t.toFloat64();
  const d = t.data() as NumberArray, out = new Float64Array(t.numel);
  let j = 0;
  forEachRow(t.shape, [t.strides], [t.offset], (o, n, s) => {
    const st = s[0]!;
    for (let i = 0, k = o[0]!; i < n; i++, k += st) out[j++] = d[k]!;
  });
  return out;
}
