// Glue shared by the backward kernels: float inputs as row-major float64, float64 results as tensors.
import type { DType, Tensor } from '@nativert/core';
import { isFloating } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import { outputBuffer } from '../../util/elementwise.js';
import { numbersOf } from '../../util/numbers-of.js';

/** Floating tensor argument `name` (complex and integer dtypes refused, naming the op) as a tensor. */
export function floatArg(args: KernelArgs, name: string, what: string): Tensor {
  const t = args.tensor(name);
  if (!isFloating(t.dtype)) throw args.error(`${what} needs a floating point '${name}', given ${t.dtype}`);
  return t;
}

/** Row-major float64 values of tensor argument `name`, checked to hold `count` elements when given. */
export function valuesOf(args: KernelArgs, name: string, count?: number): Float64Array {
  const t = args.tensor(name);
  if (count !== undefined && t.numel !== count) throw args.error(`argument '${name}': expected ${count} elements, given shape [${t.shape.join(', ')}]`);
  return numbersOf(t);
}

/** A new contiguous tensor of `dtype`/`shape` holding `values` (rounded once to the dtype). */
export function tensorOf(dtype: DType, shape: readonly number[], values: Float64Array): Tensor {
  const out = outputBuffer(dtype, shape);
  out.values.set(values);
  return out.finish();
}

/** `output_mask` (bool[3], default all true; 0/1 ints accepted). */
export function outputMask(args: KernelArgs): boolean[] {
  const raw = args.raw('output_mask');
  const m = raw?.kind === 'ints' ? raw.values.map((v) => Number(v) !== 0) : args.bools('output_mask', [true, true, true]);
  if (m.length !== 3) throw args.error(`argument 'output_mask': expected 3 bools, given ${m.length}`);
  return m;
}
