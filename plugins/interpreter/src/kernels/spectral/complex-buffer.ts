// Complex values as split row-major float64 real/imaginary arrays, read from real or interleaved
// complex tensors and written back as complex64/complex128 or real tensors.
import type { DType } from '@nativert/core';
import { contiguousStrides, forEachOffset, isComplex, Tensor } from '@nativert/core';
import { numbersOf } from '../../util/numbers-of.js';

/** A contiguous complex array of `shape`. */
export interface ComplexBuffer {
  readonly shape: readonly number[];
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** The elements of `t` (complex, or real with zero imaginary parts) in row-major order. */
export function complexOf(t: Tensor): ComplexBuffer {
  if (!isComplex(t.dtype)) return { shape: [...t.shape], re: numbersOf(t), im: new Float64Array(t.numel) };
  const data = t.data() as Float32Array | Float64Array;
  const re = new Float64Array(t.numel), im = new Float64Array(t.numel);
  let j = 0;
  forEachOffset(t, (o) => {
    re[j] = data[2 * o]!;
    im[j++] = data[2 * o + 1]!;
  });
  return { shape: [...t.shape], re, im };
}

/** `b` resized along `dim` to `size`: truncated, or zero-padded at the end. */
export function resizeDim(b: ComplexBuffer, dim: number, size: number): ComplexBuffer {
  const old = b.shape[dim]!;
  if (old === size) return b;
  const shape = [...b.shape];
  shape[dim] = size;
  const outer = b.shape.slice(0, dim).reduce((a, c) => a * c, 1), inner = b.shape.slice(dim + 1).reduce((a, c) => a * c, 1);
  const n = outer * size * inner, re = new Float64Array(n), im = new Float64Array(n);
  const keep = Math.min(old, size) * inner;
  for (let o = 0; o < outer; o++) {
    re.set(b.re.subarray(o * old * inner, o * old * inner + keep), o * size * inner);
    im.set(b.im.subarray(o * old * inner, o * old * inner + keep), o * size * inner);
  }
  return { shape, re, im };
}

/** Calls `fn(start, step, length)` for every line of `shape` along `dim` (flat row-major indices). */
export function forEachLine(shape: readonly number[], dim: number, fn: (start: number, step: number, length: number) => void): void {
  const strides = contiguousStrides(shape);
  const len = shape[dim]!, step = strides[dim]!;
  const outer = shape.slice(0, dim).reduce((a, c) => a * c, 1);
  if (len === 0) return;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < step; i++) fn(o * len * step + i, step, len);
  }
}

/** The complex dtype holding values of real or complex `dtype` (float64 -> complex128, else complex64). */
export function complexDtype(dtype: DType): DType {
  return dtype === 'float64' || dtype === 'complex128' ? 'complex128' : 'complex64';
}

/** The real dtype of complex `dtype`'s parts (complex128 -> float64, else float32). */
export function realDtype(dtype: DType): DType {
  return dtype === 'float64' || dtype === 'complex128' ? 'float64' : 'float32';
}

/** A new contiguous complex tensor of `dtype` holding `b`, each value scaled by `scale`. */
export function complexTensor(dtype: DType, b: ComplexBuffer, scale: number): Tensor {
  const out = Tensor.zeros(dtype, b.shape);
  const d = out.data() as Float32Array | Float64Array;
  for (let i = 0; i < b.re.length; i++) {
    d[2 * i] = b.re[i]! * scale;
    d[2 * i + 1] = b.im[i]! * scale;
  }
  return out;
}

/** A new contiguous real tensor of `dtype` holding the real parts of `b` scaled by `scale`. */
export function realTensor(dtype: DType, b: ComplexBuffer, scale: number): Tensor {
  const out = Tensor.zeros(dtype, b.shape);
  const d = out.data() as Float32Array | Float64Array;
  for (let i = 0; i < b.re.length; i++) d[i] = b.re[i]! * scale;
  return out;
}
