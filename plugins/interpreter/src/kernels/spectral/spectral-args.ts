// Argument glue of the spectral kernels: input dtypes, dims and signal sizes, normalization.
import type { Tensor } from '@nativert/core';
import { isComplex } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import { normalizeDim } from '../../util/shape.js';
import type { ComplexBuffer } from './complex-buffer.js';

/** ATen's fft_norm_mode: 0 none, 1 by 1/sqrt(n), 2 by 1/n. */
export type NormMode = 0 | 1 | 2;

/** The scale factor of `mode` for a transform of `n` signal points. */
export function normScale(mode: NormMode, n: number): number {
  if (mode === 0 || n === 0) return 1;
  return mode === 1 ? 1 / Math.sqrt(n) : 1 / n;
}

/** `normalization` int argument of the `_fft_*` ops. */
export function normMode(args: KernelArgs): NormMode {
  const m = args.int('normalization');
  if (m !== 0 && m !== 1 && m !== 2) throw args.error(`argument 'normalization': expected 0, 1 or 2, given ${m}`);
  return m;
}

/** The mode of `norm` ("backward", "forward", "ortho" or None) for a forward or an inverse transform. */
export function normFromString(args: KernelArgs, inverse: boolean): NormMode {
  const norm = args.has('norm') ? args.string('norm') : 'backward';
  switch (norm) {
    case 'backward': return inverse ? 2 : 0;
    case 'forward': return inverse ? 0 : 2;
    case 'ortho': return 1;
    default: throw args.error(`argument 'norm': expected "backward", "forward" or "ortho", given "${norm}"`);
  }
}

/** Tensor argument `name` with a dtype the transforms take (float32/64, complex64/128; ints promoted by callers). */
export function spectralInput(args: KernelArgs, name: string, real: boolean): Tensor {
  const t = args.tensor(name);
  if (real && isComplex(t.dtype)) throw args.error(`argument '${name}': expected a real tensor, given ${t.dtype}`);
  if (t.dtype === 'float16' || t.dtype === 'bfloat16') throw args.error(`argument '${name}': FFTs on CPU do not support ${t.dtype} (PyTorch refuses it too)`);
  if (t.dtype === 'bool') throw args.error(`argument '${name}': expected a numeric tensor, given bool`);
  return t;
}

/** Normalized, distinct dims of int-list argument `name` over `rank`. */
export function dimList(args: KernelArgs, name: string, dims: readonly number[], rank: number): number[] {
  let out: number[];
  try {
    out = dims.map((d) => normalizeDim(d, rank, name));
  } catch (e) {
    throw args.error(e instanceof Error ? e.message : String(e));
  }
  if (new Set(out).size !== out.length) throw args.error(`argument '${name}': dims must be distinct, given [${dims.join(', ')}]`);
  return out;
}

/** Product of the sizes of `b` along `dims`. */
export function signalPoints(shape: readonly number[], dims: readonly number[]): number {
  return dims.reduce((a, d) => a * shape[d]!, 1);
}

/** The complex conjugate of `b`, in place. */
export function conjugate(b: ComplexBuffer): ComplexBuffer {
  for (let i = 0; i < b.im.length; i++) b.im[i] = -b.im[i]!;
  return b;
}
