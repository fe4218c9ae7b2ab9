// Unary ops that keep the input dtype: abs, neg, sign, rounding.
import type { DType } from '@nativert/core';
import { isFloating } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { powInt } from './binary-math.js';
import { complexAbs, complexNeg } from './complex-elementwise.js';
import { F32_UNARY_LOOPS } from './float32-unary.js';
import { roundTo } from './operand.js';
import type { UnarySpec } from './unary-kernel.js';
import { unaryKernels } from './unary-kernel.js';

const sameDType = (d: DType): DType => d;

/** Round half to even, as C's nearbyint in the default rounding mode. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** PyTorch's `sign`: (0 < x) - (x < 0), so NaN gives 0. */
function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

/** `round(x, decimals)` as PyTorch computes it, in the tensor's float type. */
function roundDecimals(dtype: DType, args: KernelArgs): (x: number) => number {
  const decimals = args.int('decimals', 0);
  if (!isFloating(dtype)) return (x) => x;
  if (decimals === 0) return roundHalfEven;
  const p = roundTo(10 ** Math.abs(decimals), dtype);
  const r = (v: number): number => (dtype === 'float64' ? v : Math.fround(v));
  return decimals > 0 ? (x) => r(roundHalfEven(r(x * p)) / p) : (x) => r(roundHalfEven(r(x / p)) * p);
}

/** A dtype-preserving op; `f` applies to floats, `intF` (identity unless given) to ints and bools. */
function exactOp(f: (x: number) => number, intF: (x: number) => number = (x) => x): UnarySpec {
  return { outDtype: sameDType, fn: (dtype) => (isFloating(dtype) ? f : intF) };
}

/** `square`: x * x; bool gives int64 (as pow(x, 2)), integers wrap like their C type. */
const SQUARE: UnarySpec = {
  outDtype: (d) => (d === 'bool' ? 'int64' : d),
  fn: (dtype) => {
    if (isFloating(dtype)) return (x) => x * x;
    const bits = dtype === 'int64' || dtype === 'uint64' ? 64 : 32;
    return (x) => powInt(x, 2, bits);
  },
  f32: () => F32_UNARY_LOOPS['square']!,
};

/** Kernels of abs, neg, sign, sgn, floor, ceil, round, trunc, fix, frac, square (functional and in-place). */
export const UNARY_EXACT_KERNELS: readonly KernelDef[] = [
  ...unaryKernels('abs', { ...exactOp(Math.abs, Math.abs), complex: complexAbs, int64: (x) => (x < 0n ? -x : x) }),
  ...unaryKernels('neg', { ...exactOp((x) => -x, (x) => -x), f32: () => F32_UNARY_LOOPS['neg']!, complex: complexNeg, int64: (x) => -x }),
  ...unaryKernels('negative', exactOp((x) => -x, (x) => -x)),
  ...unaryKernels('sign', exactOp(sign, sign)),
  ...unaryKernels('sgn', exactOp(sign, sign)),
  ...unaryKernels('floor', exactOp(Math.floor)),
  ...unaryKernels('ceil', exactOp(Math.ceil)),
  ...unaryKernels('trunc', exactOp(Math.trunc)),
  ...unaryKernels('fix', exactOp(Math.trunc)),
  ...unaryKernels('frac', exactOp((x) => x - Math.trunc(x))),
  ...unaryKernels('round', { outDtype: sameDType, fn: roundDecimals }, ['default', 'decimals']),
  ...unaryKernels('square', SQUARE),
];
