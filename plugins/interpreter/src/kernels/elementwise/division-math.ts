// Division with PyTorch's rounding and sign rules. Float results round to the op-math type at
// each step (`r`), as PyTorch computes f32/f16/bf16 division in float32.
import type { DType } from '@nativert/core';
import { isFloating } from '@nativert/core';

/** Rounds an intermediate to the op-math type of `dtype` (float32 unless float64). */
export function opMathRounder(dtype: DType): (v: number) => number {
  return dtype === 'float64' ? (v) => v : Math.fround;
}

/** Python-style floor division of floats (c10::div_floor_floating). */
export function divFloorFloat(a: number, b: number, r: (v: number) => number): number {
  if (b === 0) return a / b;
  const mod = a % b;
  let div = r(r(a - mod) / b);
  if (mod !== 0 && (b < 0) !== (mod < 0)) div = r(div - 1);
  if (div === 0) {
    const q = a / b;
    return q < 0 || Object.is(q, -0) ? -0 : 0;
  }
  let floordiv = Math.floor(div);
  if (div - floordiv > 0.5) floordiv += 1;
  return floordiv;
}

/** Python-style remainder (sign of the divisor) of floats. */
export function remainderFloat(a: number, b: number, r: (v: number) => number): number {
  let mod = a % b;
  if (mod !== 0 && (b < 0) !== (mod < 0)) mod = r(mod + b);
  return mod;
}

/** Python-style floor division of integers (b != 0). */
export function divFloorInt(a: number, b: number): number {
  return Math.floor(a / b);
}

/** Python-style remainder of integers (b != 0). */
export function remainderInt(a: number, b: number): number {
  const mod = a % b;
  return mod !== 0 && (b < 0) !== (mod < 0) ? mod + b : mod;
}

/** True when `dtype` divides as integers (and so raises on division by zero). */
export function dividesAsInteger(dtype: DType): boolean {
  return !isFloating(dtype) && dtype !== 'complex64' && dtype !== 'complex128';
}
