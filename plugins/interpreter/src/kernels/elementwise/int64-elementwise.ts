// int64 elementwise ops computed on 64-bit integers: exact over the whole range (a float64 holds
// integers exactly only up to 2^53) and wrapping modulo 2^64 as PyTorch's int64 arithmetic does.
import type { DType } from '@nativert/core';
import { Tensor, contiguousStrides } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import { forEachRow } from '../../util/elementwise.js';
import { numbersOf } from '../../util/numbers-of.js';
import { broadcastStrides } from '../../util/shape.js';
import type { Operand } from './operand.js';

/** An int64 element function; results wrap to 64 bits when stored. */
export type Int64BinaryFn = (x: bigint, y: bigint) => bigint;

interface Int64View {
  readonly data: BigInt64Array;
  readonly offset: number;
  readonly strides: readonly number[];
}

/** The operand as int64 values broadcast to `shape`: int64 storage read in place, narrower ints and scalars widened. */
function int64View(op: Operand, shape: readonly number[]): Int64View {
  if (op.kind === 'scalar') return { data: BigInt64Array.of(BigInt(Math.trunc(op.value))), offset: 0, strides: shape.map(() => 0) };
  const t = op.tensor;
  if (t.dtype === 'int64') return { data: t.data() as BigInt64Array, offset: t.offset, strides: broadcastStrides(t.shape, t.strides, shape) };
  const data = BigInt64Array.from(numbersOf(t), (v) => BigInt(v));
  return { data, offset: 0, strides: broadcastStrides(t.shape, contiguousStrides(t.shape), shape) };
}

/** True when {@link applyInt64Binary} computes an op promoted to `compute` with result `out`. */
export function isInt64Exact(compute: DType, out: DType): boolean {
  return compute === 'int64' && (out === 'int64' || out === 'bool');
}

/** `fn` over `a` and `b` broadcast to `shape` as a new int64 tensor, or bool (non-zero is true) when `out` is bool. */
export function applyInt64Binary(a: Operand, b: Operand, shape: readonly number[], out: DType, fn: Int64BinaryFn): Tensor {
  const va = int64View(a, shape), vb = int64View(b, shape);
  const result = Tensor.zeros(out, shape);
  const ad = va.data, bd = vb.data;
  const strides = [contiguousStrides(shape), va.strides, vb.strides];
  if (out === 'bool') {
    const d = result.data() as Uint8Array;
    forEachRow(shape, strides, [0, va.offset, vb.offset], (o, n, s) => {
      for (let i = 0, oo = o[0]!, oa = o[1]!, ob = o[2]!; i < n; i++, oo += s[0]!, oa += s[1]!, ob += s[2]!) d[oo] = fn(ad[oa]!, bd[ob]!) !== 0n ? 1 : 0;
    });
  } else {
    // A BigInt64Array store wraps modulo 2^64 by itself.
    const d = result.data() as BigInt64Array;
    forEachRow(shape, strides, [0, va.offset, vb.offset], (o, n, s) => {
      for (let i = 0, oo = o[0]!, oa = o[1]!, ob = o[2]!; i < n; i++, oo += s[0]!, oa += s[1]!, ob += s[2]!) d[oo] = BigInt.asIntN(64, fn(ad[oa]!, bd[ob]!));
    });
  }
  return result;
}

/** `fn` over every element of int64 `x`, as a new contiguous int64 tensor. */
export function applyInt64Unary(x: Tensor, fn: (v: bigint) => bigint): Tensor {
  const src = x.data() as BigInt64Array;
  const result = Tensor.zeros('int64', x.shape);
  const d = result.data() as BigInt64Array;
  let j = 0;
  forEachRow(x.shape, [x.strides], [x.offset], (o, n, s) => {
    for (let i = 0, k = o[0]!; i < n; i++, k += s[0]!) d[j++] = BigInt.asIntN(64, fn(src[k]!));
  });
  return result;
}

/** The int64 value of a Python scalar argument (alpha). */
export function int64Scalar(v: number): bigint {
  return BigInt(Number.isFinite(v) ? Math.trunc(v) : 0);
}

/** `cond ? a : b` over `shape` as a new int64 tensor, for a bool `cond`: values are moved, never rounded. */
export function selectInt64(cond: Tensor, a: Operand, b: Operand, shape: readonly number[]): Tensor {
  const va = int64View(a, shape), vb = int64View(b, shape);
  const out = Tensor.zeros('int64', shape);
  const d = out.data() as BigInt64Array, cd = cond.data() as Uint8Array, ad = va.data, bd = vb.data;
  const strides = [contiguousStrides(shape), broadcastStrides(cond.shape, cond.strides, shape), va.strides, vb.strides];
  forEachRow(shape, strides, [0, cond.offset, va.offset, vb.offset], (o, n, s) => {
    for (let i = 0, oo = o[0]!, oc = o[1]!, oa = o[2]!, ob = o[3]!; i < n; i++, oo += s[0]!, oc += s[1]!, oa += s[2]!, ob += s[3]!) d[oo] = cd[oc] !== 0 ? ad[oa]! : bd[ob]!;
  });
  return out;
}

/** Wraps an int64 division-like op so that a zero divisor raises, as PyTorch does. */
export function checkedInt64(args: KernelArgs, f: Int64BinaryFn): Int64BinaryFn {
  return (x, y) => {
    if (y === 0n) throw args.error('ZeroDivisionError: integer division or remainder by zero');
    return f(x, y);
  };
}

/** Integer division rounding toward negative infinity. */
export function floorDivInt64(x: bigint, y: bigint): bigint {
  const q = x / y;
  return x % y !== 0n && x < 0n !== y < 0n ? q - 1n : q;
}

/** Python's remainder: the sign of the divisor. */
export function remainderInt64(x: bigint, y: bigint): bigint {
  const r = x % y;
  return r !== 0n && r < 0n !== y < 0n ? r + y : r;
}

/** `x << y` in int64: counts of 64 or more, or negative, give 0 (as PyTorch). */
export function shiftLeftInt64(x: bigint, y: bigint): bigint {
  return y < 0n || y >= 64n ? 0n : x << y;
}

/** Arithmetic `x >> y` in int64: counts of 64 or more, or negative, give the sign fill (as PyTorch). */
export function shiftRightInt64(x: bigint, y: bigint): bigint {
  return y < 0n || y >= 64n ? (x < 0n ? -1n : 0n) : x >> y;
}

/** The larger of two int64 values. */
export function maxInt64(x: bigint, y: bigint): bigint {
  return x > y ? x : y;
}

/** The smaller of two int64 values. */
export function minInt64(x: bigint, y: bigint): bigint {
  return x < y ? x : y;
}
