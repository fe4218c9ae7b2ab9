import type { DType } from '@nativert/core';
import { Tensor } from '@nativert/core';

/** `t` converted to `dtype` (a new contiguous tensor), or `t` itself when `dtype` is null or already its dtype. */
export function castTo(t: Tensor, dtype: DType | null): Tensor {
  if (dtype === null || dtype === t.dtype) return t;
  return Tensor.fromNumbers(dtype, t.shape, t.toFloat64());
}
