// Glue shared by the normalization kernels: inputs as contiguous numbers, optional affine params.
import type { Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { NumericView } from '../../util/elementwise.js';
import { numericView } from '../../util/elementwise.js';

/** `t` as numbers laid out row-major (copied only when `t` is not contiguous). */
export function contiguousNumbers(t: Tensor): NumericView {
  const c = t.contiguous();
  return numericView(c, c.shape);
}

/**
 * Optional tensor argument `name` as row-major float64 values, checked to hold `count` elements;
 * null when absent.
 */
export function optValues(args: KernelArgs, name: string, count: number): Float64Array | null {
  const t = args.optTensor(name);
  if (t === null) return null;
  if (t.numel !== count) throw args.error(`argument '${name}': expected ${count} elements, given shape [${t.shape.join(', ')}]`);
  return t.toFloat64();
}

/** The machine epsilon of a floating dtype (`torch.finfo(dtype).eps`), the default eps of rms_norm. */
export function dtypeEps(dtype: string): number {
  switch (dtype) {
    case 'float64': return 2 ** -52;
    case 'float16': return 2 ** -10;
    case 'bfloat16': return 2 ** -7;
    default: return 2 ** -23;
  }
}
