// Complex elementwise ops: operands as split real/imaginary float64 arrays (real tensors and
// Python scalars with zero imaginary parts), results written as complex64/complex128, or as bool
// for comparisons.
import type { DType } from '@nativert/core';
import { Tensor, contiguousStrides, isComplex, numelOf } from '@nativert/core';
import { forEachRow } from '../../util/elementwise.js';
import { broadcastStrides } from '../../util/shape.js';
import type { ComplexBuffer } from '../spectral/complex-buffer.js';
import { complexOf, complexTensor, realDtype, realTensor } from '../spectral/complex-buffer.js';
import type { Operand } from './operand.js';

/** A complex element function: writes the real and imaginary parts of `x op y` into `out[0]`, `out[1]`. */
export type ComplexBinaryFn = (xr: number, xi: number, yr: number, yi: number, out: Float64Array) => void;

interface ComplexView {
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly strides: readonly number[];
}

/** The operand's values as PyTorch holds them in complex `compute` dtype, broadcast to `shape`. */
function complexView(op: Operand, compute: DType, shape: readonly number[]): ComplexView {
  const narrow = compute === 'complex64';
  if (op.kind === 'scalar') {
    const round = (v: number) => (narrow ? Math.fround(v) : v);
    return { re: Float64Array.of(round(op.value)), im: Float64Array.of(round(op.imag ?? 0)), strides: shape.map(() => 0) };
  }
  const t = op.tensor;
  const b = complexOf(t);
  // A wider operand (a 0-d float64 or complex128 beside complex64 tensors) is cast down first.
  if (narrow && (t.dtype === 'float64' || t.dtype === 'complex128' || t.dtype === 'int64')) {
    for (let i = 0; i < b.re.length; i++) {
      b.re[i] = Math.fround(b.re[i]!);
      b.im[i] = Math.fround(b.im[i]!);
    }
  }
  return { re: b.re, im: b.im, strides: broadcastStrides(t.shape, contiguousStrides(t.shape), shape) };
}

/**
 * `fn` over operands `a` and `b` broadcast to `shape`, computed in complex dtype `compute`, as a
 * new contiguous tensor of `out`: complex, or bool from the real parts (0/1) `fn` writes.
 */
export function applyComplexBinary(a: Operand, b: Operand, shape: readonly number[], compute: DType, out: DType, fn: ComplexBinaryFn): Tensor {
  const n = numelOf(shape);
  const res: ComplexBuffer = { shape: [...shape], re: new Float64Array(n), im: new Float64Array(n) };
  const va = complexView(a, compute, shape), vb = complexView(b, compute, shape);
  const pair = new Float64Array(2);
  forEachRow(shape, [contiguousStrides(shape), va.strides, vb.strides], [0, 0, 0], (o, len, s) => {
    let oo = o[0]!, oa = o[1]!, ob = o[2]!;
    const so = s[0]!, sa = s[1]!, sb = s[2]!;
    for (let i = 0; i < len; i++, oo += so, oa += sa, ob += sb) {
      fn(va.re[oa]!, va.im[oa]!, vb.re[ob]!, vb.im[ob]!, pair);
      res.re[oo] = pair[0]!;
      res.im[oo] = pair[1]!;
    }
  });
  if (isComplex(out)) return complexTensor(out, res, 1);
  const t = Tensor.zeros(out, shape);
  const d = t.data() as Uint8Array;
  for (let i = 0; i < n; i++) d[i] = res.re[i] !== 0 ? 1 : 0;
  return t;
}

/** `x * y`. */
export function complexMul(xr: number, xi: number, yr: number, yi: number, out: Float64Array): void {
  out[0] = xr * yr - xi * yi;
  out[1] = xr * yi + xi * yr;
}

/** `x / y` as c10::complex divides (numpy's scaled algorithm: no overflow in |y|^2). */
export function complexDiv(a: number, b: number, c: number, d: number, out: Float64Array): void {
  const ac = Math.abs(c), ad = Math.abs(d);
  if (ac >= ad) {
    if (ac === 0 && ad === 0) {
      out[0] = a / ac;
      out[1] = b / ad;
      return;
    }
    const rat = d / c, scl = 1 / (c + d * rat);
    out[0] = (a + b * rat) * scl;
    out[1] = (b - a * rat) * scl;
  } else {
    const rat = c / d, scl = 1 / (d + c * rat);
    out[0] = (a * rat + b) * scl;
    out[1] = (b * rat - a) * scl;
  }
}

/** `x + alpha * y` (alpha real). */
export function complexAdd(alpha: number): ComplexBinaryFn {
  return (xr, xi, yr, yi, out) => {
    out[0] = xr + alpha * yr;
    out[1] = xi + alpha * yi;
  };
}

/** 1 in the real part when `x == y` (both parts equal), else 0; `ne` negates it. */
export function complexEq(ne: boolean): ComplexBinaryFn {
  return (xr, xi, yr, yi, out) => {
    out[0] = (xr === yr && xi === yi) !== ne ? 1 : 0;
    out[1] = 0;
  };
}

/** `-x` of a complex tensor. */
export function complexNeg(x: Tensor): Tensor {
  return complexTensor(x.dtype, complexOf(x), -1);
}

/** `|x|` of a complex tensor, in its real dtype (float32 for complex64). */
export function complexAbs(x: Tensor): Tensor {
  const b = complexOf(x);
  const re = b.re.map((r, i) => Math.hypot(r, b.im[i]!));
  return realTensor(realDtype(x.dtype), { shape: b.shape, re, im: b.im }, 1);
}

/** `cond ? a : b` over `shape` for a bool `cond`, as a new tensor of complex dtype `out`. */
export function selectComplex(cond: Tensor, a: Operand, b: Operand, shape: readonly number[], out: DType): Tensor {
  const n = numelOf(shape);
  const res: ComplexBuffer = { shape: [...shape], re: new Float64Array(n), im: new Float64Array(n) };
  const va = complexView(a, out, shape), vb = complexView(b, out, shape);
  const cd = cond.data() as Uint8Array;
  const strides = [contiguousStrides(shape), broadcastStrides(cond.shape, cond.strides, shape), va.strides, vb.strides];
  forEachRow(shape, strides, [0, cond.offset, 0, 0], (o, len, s) => {
    for (let i = 0, oo = o[0]!, oc = o[1]!, oa = o[2]!, ob = o[3]!; i < len; i++, oo += s[0]!, oc += s[1]!, oa += s[2]!, ob += s[3]!) {
      const v = cd[oc] !== 0 ? va : vb, k = cd[oc] !== 0 ? oa : ob;
      res.re[oo] = v.re[k]!;
      res.im[oo] = v.im[k]!;
    }
  });
  return complexTensor(out, res, 1);
}
