// Bitwise and/or/xor and shifts on integers and bools, including the Python-operator aliases
// (__and__, __lshift__, ...). JS bit operators are 32-bit, so wider values go through BigInt.
import type { DType } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import type { BinarySpec } from './binary-kernel.js';
import { applyBinaryInPlace, binaryKernels } from './binary-kernel.js';
import type { Int64BinaryFn } from './int64-elementwise.js';
import { shiftLeftInt64, shiftRightInt64 } from './int64-elementwise.js';

type BinaryFn = (x: number, y: number) => number;

const isInt32 = (v: number): boolean => (v | 0) === v;

/** A bitwise op exact on every integer a double holds. */
function bitwise(small: BinaryFn, big: Int64BinaryFn): BinaryFn {
  return (x, y) => (isInt32(x) && isInt32(y) ? small(x, y) : Number(BigInt.asIntN(64, big(BigInt(x), BigInt(y)))));
}

const andInt64: Int64BinaryFn = (x, y) => x & y;
const orInt64: Int64BinaryFn = (x, y) => x | y;
const xorInt64: Int64BinaryFn = (x, y) => x ^ y;

export const bitAnd = bitwise((x, y) => x & y, andInt64);
export const bitOr = bitwise((x, y) => x | y, orInt64);
export const bitXor = bitwise((x, y) => x ^ y, xorInt64);

const BITS: Partial<Record<DType, number>> = { int8: 8, uint8: 8, int16: 16, uint16: 16, int32: 32, uint32: 32, int64: 64, uint64: 64 };

function checkIntegral(dtype: DType, args: KernelArgs): void {
  if (dtype !== 'bool' && BITS[dtype] === undefined) throw args.error(`bitwise ops need integral or bool operands, given ${dtype}`);
}

/** `x << y` in a `bits`-wide integer type; shifts of `bits` or more (or negative) give 0, as PyTorch. */
export function shiftLeft(bits: number): BinaryFn {
  return (x, y) => {
    if (y < 0 || y >= bits) return 0;
    return Number(BigInt.asIntN(64, BigInt(x) << BigInt(y)));
  };
}

/** Arithmetic `x >> y`; shifts of `bits` or more (or negative) give the sign fill, as PyTorch. */
export function shiftRight(bits: number): BinaryFn {
  return (x, y) => {
    if (y < 0 || y >= bits) return x < 0 ? -1 : 0;
    return Math.floor(x / 2 ** y);
  };
}

/** and/or/xor: results of bool operands are 0/1, so a bool output is written directly. */
function logicalSpec(f: BinaryFn, exact: Int64BinaryFn): BinarySpec {
  return { fn: (d, a) => (checkIntegral(d, a), f), zeroOne: true, int64: () => exact };
}

function shiftSpec(make: (bits: number) => BinaryFn, exact: Int64BinaryFn): BinarySpec {
  return { fn: (d, a) => (checkIntegral(d, a), make(BITS[d] ?? 8)), int64: () => exact };
}

/** The in-place operator alias `aten.<name>.Tensor|Scalar` (`x &= y`). */
function inPlaceAlias(name: string, spec: BinarySpec): KernelDef[] {
  return [{ ops: [`aten.${name}.Tensor`, `aten.${name}.Scalar`], run: (args) => applyBinaryInPlace(spec, args) }];
}

const AND = logicalSpec(bitAnd, andInt64), OR = logicalSpec(bitOr, orInt64), XOR = logicalSpec(bitXor, xorInt64);
const LSHIFT = shiftSpec(shiftLeft, shiftLeftInt64), RSHIFT = shiftSpec(shiftRight, shiftRightInt64);

/** Kernels of the bitwise ops and their operator aliases. */
export const BITWISE_KERNELS: readonly KernelDef[] = [
  ...binaryKernels('bitwise_and', AND, ['Tensor', 'Scalar', 'Scalar_Tensor'], ['Tensor', 'Scalar']),
  ...binaryKernels('bitwise_or', OR, ['Tensor', 'Scalar', 'Scalar_Tensor'], ['Tensor', 'Scalar']),
  ...binaryKernels('bitwise_xor', XOR, ['Tensor', 'Scalar', 'Scalar_Tensor'], ['Tensor', 'Scalar']),
  ...binaryKernels('bitwise_left_shift', LSHIFT, ['Tensor', 'Tensor_Scalar', 'Scalar_Tensor'], ['Tensor', 'Tensor_Scalar']),
  ...binaryKernels('bitwise_right_shift', RSHIFT, ['Tensor', 'Tensor_Scalar', 'Scalar_Tensor'], ['Tensor', 'Tensor_Scalar']),
  ...binaryKernels('__and__', AND, ['Tensor', 'Scalar'], []),
  ...binaryKernels('__or__', OR, ['Tensor', 'Scalar'], []),
  ...binaryKernels('__xor__', XOR, ['Tensor', 'Scalar'], []),
  ...binaryKernels('__lshift__', LSHIFT, ['Tensor', 'Scalar'], []),
  ...binaryKernels('__rshift__', RSHIFT, ['Tensor', 'Scalar'], []),
  ...inPlaceAlias('__iand__', AND),
  ...inPlaceAlias('__ior__', OR),
  ...inPlaceAlias('__ixor__', XOR),
  ...inPlaceAlias('__ilshift__', LSHIFT),
  ...inPlaceAlias('__irshift__', RSHIFT),
];
