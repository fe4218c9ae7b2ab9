// Comparisons (bool results), maximum/minimum/fmax/fmin, logical and/or/xor.
import type { DType } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import type { BinarySpec } from './binary-kernel.js';
import { binaryKernels } from './binary-kernel.js';
import { complexEq } from './complex-elementwise.js';
import { maxInt64, minInt64 } from './int64-elementwise.js';

/** A bool-valued op computed in the operands' promoted dtype. */
function boolOp(f: (x: number, y: number) => boolean): BinarySpec {
  return { outDtype: () => 'bool', computeDtype: (common) => common, zeroOne: true, fn: () => (x, y) => (f(x, y) ? 1 : 0) };
}

/** A comparison: {@link boolOp}, and exact on int64 operands (compared as 64-bit integers). */
function compareOp(f: (x: number | bigint, y: number | bigint) => boolean): BinarySpec {
  return { ...boolOp(f), int64: () => (x, y) => (f(x, y) ? 1n : 0n) };
}

/** maximum/minimum: NaN propagates. */
export function maximum(x: number, y: number): number {
  return x !== x || y !== y ? NaN : x > y ? x : y;
}

/** See {@link maximum}. */
export function minimum(x: number, y: number): number {
  return x !== x || y !== y ? NaN : x < y ? x : y;
}

/** fmax/fmin: a NaN operand is ignored unless both are NaN. */
export function fmax(x: number, y: number): number {
  return x !== x ? y : y !== y ? x : x > y ? x : y;
}

/** See {@link fmax}. */
export function fmin(x: number, y: number): number {
  return x !== x ? y : y !== y ? x : x < y ? x : y;
}

const keep = (d: DType): DType => d;

/** Kernels of comparisons, maximum/minimum/fmax/fmin and logical ops. */
export const COMPARE_KERNELS: readonly KernelDef[] = [
  ...binaryKernels('eq', { ...compareOp((x, y) => x === y), complex: () => complexEq(false) }, ['Tensor', 'Scalar']),
  ...binaryKernels('ne', { ...compareOp((x, y) => x !== y), complex: () => complexEq(true) }, ['Tensor', 'Scalar']),
  ...binaryKernels('lt', compareOp((x, y) => x < y), ['Tensor', 'Scalar']),
  ...binaryKernels('le', compareOp((x, y) => x <= y), ['Tensor', 'Scalar']),
  ...binaryKernels('gt', compareOp((x, y) => x > y), ['Tensor', 'Scalar']),
  ...binaryKernels('ge', compareOp((x, y) => x >= y), ['Tensor', 'Scalar']),
  ...binaryKernels('logical_and', boolOp((x, y) => x !== 0 && y !== 0), ['default']),
  ...binaryKernels('logical_or', boolOp((x, y) => x !== 0 || y !== 0), ['default']),
  ...binaryKernels('logical_xor', boolOp((x, y) => (x !== 0) !== (y !== 0)), ['default']),
  ...binaryKernels('maximum', { outDtype: keep, fn: () => maximum, int64: () => maxInt64 }, ['default'], []),
  ...binaryKernels('minimum', { outDtype: keep, fn: () => minimum, int64: () => minInt64 }, ['default'], []),
  ...binaryKernels('fmax', { outDtype: keep, fn: () => fmax }, ['default'], []),
  ...binaryKernels('fmin', { outDtype: keep, fn: () => fmin }, ['default'], []),
];
