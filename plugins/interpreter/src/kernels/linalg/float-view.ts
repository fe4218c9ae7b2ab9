import type { DType } from '@nativert/core';
import { isFloating, Tensor } from '@nativert/core';
import type { FloatArray } from './gemm.js';

/** The element type linalg kernels compute in: float64 for float64 and integral inputs, float32 otherwise (f16/bf16 included). */
export type ComputeKind = 'float32' | 'float64';

/** A strided tensor view over a float typed array (offset and strides in elements). */
export interface FloatView {
  readonly data: FloatArray;
  readonly offset: number;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
}

/** The compute kind for an op whose result has dtype `dtype`. */
export function computeKind(dtype: DType): ComputeKind {
  return isFloating(dtype) && dtype !== 'float64' ? 'float32' : 'float64';
}

/** A zeroed typed array of `kind`. */
export function allocFloat(kind: ComputeKind, length: number): FloatArray {
  return kind === 'float32' ? new Float32Array(length) : new Float64Array(length);
}

/** `t` as a {@link FloatView} of `kind`: the tensor's own storage when its dtype is `kind`, else a converted contiguous copy. */
export function floatView(t: Tensor, kind: ComputeKind): FloatView {
  if (t.dtype === kind) {
    return { data: t.data() as FloatArray, offset: t.offset, shape: t.shape, strides: t.strides };
  }
  const f64 = t.toFloat64();
  const data = kind === 'float64' ? f64 : Float32Array.from(f64);
  return { data, offset: 0, shape: t.shape, strides: contiguousOf(t.shape) };
}

/** `view` with contiguous row-major layout and offset 0, copying only when needed. */
export function contiguousView(view: FloatView): FloatView {
  if (view.offset === 0 && isContiguousLayout(view.shape, view.strides)) return { ...view, strides: contiguousOf(view.shape) };
  return materialize(view);
}

/** A new contiguous copy of `view` (its strides may be 0 to broadcast). */
export function materialize(view: FloatView): FloatView {
  const n = view.shape.reduce((x, y) => x * y, 1);
  const out = view.data instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
  const rank = view.shape.length, idx = new Array<number>(rank).fill(0);
  let off = view.offset;
  for (let i = 0; i < n; i++) {
    out[i] = view.data[off]!;
    for (let d = rank - 1; d >= 0; d--) {
      off += view.strides[d]!;
      if (++idx[d]! < view.shape[d]!) break;
      off -= view.strides[d]! * view.shape[d]!;
      idx[d] = 0;
    }
  }
  return { data: out, offset: 0, shape: view.shape, strides: contiguousOf(view.shape) };
}

/** A tensor of `dtype` holding `buf` (row-major, `shape`); wraps it without a copy when `buf` already is that dtype. */
export function fromFloat(buf: FloatArray, shape: readonly number[], dtype: DType): Tensor {
  if (dtype === 'float32' && buf instanceof Float32Array) return Tensor.fromTyped('float32', shape, buf);
  if (dtype === 'float64' && buf instanceof Float64Array) return Tensor.fromTyped('float64', shape, buf);
  return Tensor.fromNumbers(dtype, shape, buf);
}

/** Row-major strides of `shape`. */
export function contiguousOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= Math.max(shape[i]!, 1);
  }
  return s;
}

function isContiguousLayout(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 0) return true;
    if (shape[i] !== 1 && strides[i] !== expected) return false;
    expected *= shape[i]!;
  }
  return true;
}
