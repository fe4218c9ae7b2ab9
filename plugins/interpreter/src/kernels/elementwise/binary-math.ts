// pow, atan2, hypot, copysign, xlogy.
import type { DType, Tensor } from '@nativert/core';
import { isFloating } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import type { F32BinaryRow } from '../../util/elementwise.js';
import { writeInto } from '../../util/elementwise.js';
import { toFloatingType } from '../../util/promotion.js';
import type { BinarySpec } from './binary-kernel.js';
import { applyBinary, binaryKernels } from './binary-kernel.js';
import { unaryRow } from './float32-binary.js';
import { powScalarLoop } from './float32-unary.js';
import { numbersOf } from '../../util/numbers-of.js';

/** C's pow: unlike Math.pow, 1^y and x^0 are 1 even for NaN, and (-1)^±inf is 1. */
export function powFloat(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
  return Math.pow(x, y);
}

/**
 * Integer power by squaring, wrapping like the C integer type of `bits` bits; negative exponents
 * give 0 except for bases 1 and -1, as PyTorch.
 */
export function powInt(base: number, exp: number, bits: number): number {
  if (exp < 0) {
    if (base === 1) return 1;
    if (base === -1) return exp % 2 !== 0 ? -1 : 1;
    return 0;
  }
  if (bits > 32) {
    let result = 1n, b = BigInt(base), e = BigInt(exp);
    while (e > 0n) {
      if (e & 1n) result = BigInt.asIntN(64, result * b);
      b = BigInt.asIntN(64, b * b);
      e >>= 1n;
    }
    return Number(result);
  }
  // Products mod 2^32 (Math.imul) wrap correctly for every type of 32 bits or fewer.
  let result = 1, b = base | 0, e = exp;
  while (e > 0) {
    if (e & 1) result = Math.imul(result, b);
    b = Math.imul(b, b);
    e = Math.floor(e / 2);
  }
  return result;
}

/** The pow element function for compute dtype `dtype`; square roots for exponents of ±0.5 as PyTorch special-cases them. */
function powFn(dtype: DType, args: KernelArgs): (x: number, y: number) => number {
  if (!isFloating(dtype)) {
    const bits = dtype === 'int64' || dtype === 'uint64' ? 64 : 32;
    return (x, y) => powInt(x, y, bits);
  }
  const e = args.raw('exponent');
  if (e !== undefined && e.kind !== 'tensor') {
    const y = args.scalar('exponent');
    if (y === 0.5) return (x) => Math.sqrt(x);
    if (y === -0.5) return (x) => 1 / Math.sqrt(x);
  }
  return powFloat;
}

/** pow's float32 row for a scalar exponent PyTorch's kernel special-cases, else null. */
function powF32(args: KernelArgs): F32BinaryRow | null {
  if (args.raw('exponent')?.kind === 'tensor') return null;
  const loop = powScalarLoop(args.scalar('exponent'));
  return loop === null ? null : unaryRow(loop);
}

const POW: BinarySpec = { inputs: ['self', 'exponent'], fn: powFn, f32: powF32 };

/** A binary op whose result is floating (integral inputs compute in float32). */
function floatBinary(f: (x: number, y: number) => number): BinarySpec {
  return { outDtype: toFloatingType, fn: () => f };
}

/** xlogy: x * log(y), 0 where x == 0 unless y is NaN. */
export function xlogy(x: number, y: number): number {
  if (Number.isNaN(y)) return NaN;
  if (x === 0) return 0;
  return x * Math.log(y);
}

/** copysign(x, y): |x| with the sign of y (including -0). */
export function copysign(x: number, y: number): number {
  const neg = y < 0 || Object.is(y, -0) || (Number.isNaN(y) && Object.is(Math.sign(y), -0));
  return neg ? -Math.abs(x) : Math.abs(x);
}

/** The `.out` form: copies `result` into the node's `out` tensor (same shape) and returns `out`. */
function intoOut(result: Tensor, args: KernelArgs): Tensor {
  const out = args.tensor('out');
  if (out.rank !== result.rank || out.shape.some((d, i) => d !== result.shape[i])) {
    throw args.error(`out has shape [${out.shape.join(', ')}], expected [${result.shape.join(', ')}]`);
  }
  writeInto(out, numbersOf(result));
  return out;
}

/** Kernels of pow, atan2, hypot, copysign and xlogy, functional and in-place. */
export const BINARY_MATH_KERNELS: readonly KernelDef[] = [
  ...binaryKernels('pow', POW, ['Tensor_Tensor', 'Tensor_Scalar', 'Scalar'], ['Scalar', 'Tensor']),
  ...binaryKernels('atan2', floatBinary(Math.atan2), ['default']),
  { ops: ['aten.atan2.out'], run: (args) => intoOut(applyBinary(floatBinary(Math.atan2), args), args) },
  ...binaryKernels('arctan2', floatBinary(Math.atan2), ['default']),
  ...binaryKernels('hypot', floatBinary(Math.hypot), ['default']),
  ...binaryKernels('copysign', floatBinary(copysign), ['Tensor', 'Scalar']),
  ...binaryKernels('xlogy', floatBinary(xlogy), ['Tensor', 'Scalar_Self', 'Scalar_Other'], ['Tensor', 'Scalar_Other']),
];
