// add, sub, rsub, mul, div (all rounding modes), floor_divide, remainder, fmod.
import type { DType } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { toFloatingType } from '../../util/promotion.js';
import { binaryKernels } from './binary-kernel.js';
import { complexAdd, complexDiv, complexMul } from './complex-elementwise.js';
import type { Int64BinaryFn } from './int64-elementwise.js';
import { checkedInt64, floorDivInt64, int64Scalar, remainderInt64 } from './int64-elementwise.js';
import { divFloorFloat, divFloorInt, dividesAsInteger, opMathRounder, remainderFloat, remainderInt } from './division-math.js';
import { F32_BINARY_ROWS } from './float32-binary.js';
import { castScalar } from './operand.js';

type BinaryFn = (x: number, y: number) => number;

/** The `alpha` argument cast to the compute dtype. */
function alphaOf(dtype: DType, args: KernelArgs): number {
  return castScalar(args.scalar('alpha', 1), dtype);
}

/** Wraps an integer op so that a zero divisor raises, as PyTorch does. */
function checkedInt(args: KernelArgs, f: BinaryFn): BinaryFn {
  return (x, y) => {
    if (y === 0) throw args.error('ZeroDivisionError: integer division or remainder by zero');
    return f(x, y);
  };
}

/** The element function of `div` for a rounding mode (null: true division). */
export function divFn(dtype: DType, mode: string | null, args: KernelArgs): BinaryFn {
  if (mode === null) return (x, y) => x / y;
  const integral = dividesAsInteger(dtype);
  if (mode === 'trunc') {
    if (integral) return checkedInt(args, (x, y) => Math.trunc(x / y));
    const r = opMathRounder(dtype);
    return (x, y) => Math.trunc(r(x / y));
  }
  if (mode === 'floor') {
    if (integral) return checkedInt(args, divFloorInt);
    const r = opMathRounder(dtype);
    return (x, y) => divFloorFloat(x, y, r);
  }
  throw args.error(`rounding_mode: expected 'trunc', 'floor' or None, given '${mode}'`);
}

function roundingMode(args: KernelArgs): string | null {
  return args.has('rounding_mode') ? args.string('rounding_mode') : null;
}

/** The exact int64 element function of `div` with a rounding mode (true division is floating). */
function divInt64(mode: string | null, args: KernelArgs): Int64BinaryFn {
  if (mode !== 'trunc' && mode !== 'floor') throw args.error(`rounding_mode: expected 'trunc' or 'floor' for an int64 result, given '${mode}'`);
  return checkedInt64(args, mode === 'trunc' ? (x, y) => x / y : floorDivInt64);
}

/** Kernels of the arithmetic binary ops, functional and in-place. */
export const ARITHMETIC_KERNELS: readonly KernelDef[] = [
  ...binaryKernels('add', {
    fn: (d, a) => {
      const alpha = alphaOf(d, a);
      return alpha === 1 ? (x, y) => x + y : (x, y) => x + alpha * y;
    },
    f32: (a) => (a.scalar('alpha', 1) === 1 ? F32_BINARY_ROWS.add : null),
    complex: (a) => complexAdd(a.scalar('alpha', 1)),
    int64: (a) => {
      const alpha = int64Scalar(a.scalar('alpha', 1));
      return (x, y) => x + alpha * y;
    },
  }, ['Tensor', 'Scalar']),
  ...binaryKernels('sub', {
    fn: (d, a) => {
      const alpha = alphaOf(d, a);
      return alpha === 1 ? (x, y) => x - y : (x, y) => x - alpha * y;
    },
    f32: (a) => (a.scalar('alpha', 1) === 1 ? F32_BINARY_ROWS.sub : null),
    complex: (a) => complexAdd(-a.scalar('alpha', 1)),
    int64: (a) => {
      const alpha = int64Scalar(a.scalar('alpha', 1));
      return (x, y) => x - alpha * y;
    },
  }, ['Tensor', 'Scalar']),
  ...binaryKernels('rsub', {
    fn: (d, a) => {
      const alpha = alphaOf(d, a);
      return (x, y) => y - alpha * x;
    },
  }, ['Tensor', 'Scalar'], []),
  ...binaryKernels('mul', { fn: () => (x, y) => x * y, f32: () => F32_BINARY_ROWS.mul, complex: () => complexMul, int64: () => (x, y) => x * y }, ['Tensor', 'Scalar']),
  ...binaryKernels('div', {
    outDtype: (common, a) => (roundingMode(a) === null ? toFloatingType(common) : common),
    fn: (d, a) => divFn(d, roundingMode(a), a),
    f32: (a) => (roundingMode(a) === null ? F32_BINARY_ROWS.div : null),
    int64: (a) => divInt64(roundingMode(a), a),
    complex: (a) => {
      if (roundingMode(a) !== null) throw a.error('div with a rounding_mode is not supported for complex operands (as in PyTorch)');
      return complexDiv;
    },
  }, ['Tensor', 'Scalar', 'Tensor_mode', 'Scalar_mode']),
  ...binaryKernels('floor_divide', { fn: (d, a) => divFn(d, 'floor', a), int64: (a) => divInt64('floor', a) }, ['default', 'Scalar'], ['Tensor', 'Scalar']),
  ...binaryKernels('remainder', {
    fn: (d, a) => {
      if (dividesAsInteger(d)) return checkedInt(a, remainderInt);
      const r = opMathRounder(d);
      return (x, y) => remainderFloat(x, y, r);
    },
    int64: (a) => checkedInt64(a, remainderInt64),
  }, ['Tensor', 'Scalar', 'Scalar_Tensor'], ['Tensor', 'Scalar']),
  ...binaryKernels('fmod', {
    fn: (d, a) => (dividesAsInteger(d) ? checkedInt(a, (x, y) => x % y) : (x, y) => x % y),
    int64: (a) => checkedInt64(a, (x, y) => x % y),
  }, ['Tensor', 'Scalar']),
];
