// Elementwise iteration over broadcast, strided operands: the interpreter's small TensorIterator.
// Kernels read operands as plain numbers (f16/bf16 decoded, int64 as numbers), compute in JS
// doubles, and write a contiguous output whose dtype conversion happens once at the end.
import type { DType } from '@nativert/core';
import { Tensor, contiguousStrides, floatToBf16, floatToHalf, numelOf, writer } from '@nativert/core';
import { int64ToFloat64, storeInt64 } from './int64-words.js';
import { broadcastStrides } from './shape.js';

/** A typed array whose elements read and write as JS numbers (every storage view but int64/uint64). */
export type NumberArray = Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

/**
 * One operand of an elementwise loop: numbers in `data`, the loop's element [0,...,0] at `offset`,
 * `strides` in elements already broadcast to the loop's shape (0 on broadcast dims). Values are in
 * compute form: f16/bf16 decoded, int64 as numbers, bool as 0/1. `data` may be the tensor's own
 * storage view: read it, never write it.
 */
export interface NumericView {
  readonly data: NumberArray;
  readonly offset: number;
  readonly strides: readonly number[];
}

/** True for dtypes whose storage view already holds numbers in compute form. */
export function isNumberDType(dtype: DType): boolean {
  switch (dtype) {
    case 'float32': case 'float64': case 'int8': case 'int16': case 'int32':
    case 'uint8': case 'uint16': case 'uint32': case 'bool':
      return true;
    default:
      return false;
  }
}

/**
 * `t` read as numbers, broadcast to `shape`. No copy for number dtypes; f16/bf16/int64/uint64
 * (and complex, real parts) are decoded once into a float64 array of `t`'s own size.
 */
export function numericView(t: Tensor, shape: readonly number[]): NumericView {
  if (isNumberDType(t.dtype)) {
    return { data: t.data() as NumberArray, offset: t.offset, strides: broadcastStrides(t.shape, t.strides, shape) };
  }
  const data = t.dtype === 'int64' || t.dtype === 'uint64' ? int64ToFloat64(t) : t.toFloat64();
  return { data, offset: 0, strides: broadcastStrides(t.shape, contiguousStrides(t.shape), shape) };
}

/** A Python scalar as an operand of a loop of rank `rank` (every stride 0). */
export function scalarView(value: number, rank: number): NumericView {
  return { data: Float64Array.of(value), offset: 0, strides: new Array<number>(rank).fill(0) };
}

/**
 * Walks `shape` row by row for several operands at once. Size-1 dims are dropped and dims that are
 * contiguous for every operand are merged, so contiguous operands give one long row. `fn` gets each
 * operand's offset at the row start (a reused array: read it, do not keep it), the row length and
 * each operand's stride along the row. Nothing is called for an empty shape.
 */
export function forEachRow(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
  offsets: readonly number[],
  fn: (rowOffsets: readonly number[], length: number, rowStrides: readonly number[]) => void,
): void {
  const k = strides.length;
  const dims: number[] = [];
  const st: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d]!;
    if (size === 0) return;
    if (size === 1) continue;
    const last = dims.length - 1;
    let merge = last >= 0;
    for (let j = 0; j < k && merge; j++) merge = st[j]![last] === strides[j]![d]! * size;
    if (merge) {
      dims[last]! *= size;
      for (let j = 0; j < k; j++) st[j]![last] = strides[j]![d]!;
    } else {
      dims.push(size);
      for (let j = 0; j < k; j++) st[j]!.push(strides[j]![d]!);
    }
  }
  const cur = [...offsets];
  const rank = dims.length;
  if (rank === 0) {
    fn(cur, 1, new Array<number>(k).fill(0));
    return;
  }
  const inner = dims[rank - 1]!;
  const innerStrides = st.map((s) => s[rank - 1]!);
  let rows = 1;
  for (let d = 0; d < rank - 1; d++) rows *= dims[d]!;
  const idx = new Array<number>(rank - 1).fill(0);
  for (let r = 0; r < rows; r++) {
    fn(cur, inner, innerStrides);
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]!++;
      for (let j = 0; j < k; j++) cur[j]! += st[j]![d]!;
      if (idx[d]! < dims[d]!) break;
      for (let j = 0; j < k; j++) cur[j]! -= st[j]![d]! * dims[d]!;
      idx[d] = 0;
    }
  }
}

/**
 * A contiguous result being computed: kernels write numbers into `values` (row-major), then
 * `finish()` returns the tensor, converting to its dtype where the storage is not number-typed.
 */
export interface OutputBuffer {
  readonly values: NumberArray;
  finish(): Tensor;
}

/**
 * An {@link OutputBuffer} for a new contiguous tensor. Number dtypes are written in place (ints
 * truncate and wrap as C casts do); bool is written in place only when `zeroOne` promises the
 * values are already 0/1 (comparisons), otherwise any non-zero becomes true.
 */
export function outputBuffer(dtype: DType, shape: readonly number[], zeroOne = false): OutputBuffer {
  const out = Tensor.zeros(dtype, shape);
  if (isNumberDType(dtype) && (dtype !== 'bool' || zeroOne)) {
    return { values: out.data() as NumberArray, finish: () => out };
  }
  const values = new Float64Array(numelOf(shape));
  return {
    values,
    finish: () => {
      storeNumbers(out, values);
      return out;
    },
  };
}

/** Writes contiguous `values` into the contiguous, offset-0 tensor `out`, converting to its dtype. */
function storeNumbers(out: Tensor, values: Float64Array): void {
  const n = values.length;
  switch (out.dtype) {
    case 'float16': {
      const d = out.data() as Uint16Array;
      for (let i = 0; i < n; i++) d[i] = floatToHalf(values[i]!);
      return;
    }
    case 'bfloat16': {
      const d = out.data() as Uint16Array;
      for (let i = 0; i < n; i++) d[i] = floatToBf16(values[i]!);
      return;
    }
    case 'bool': {
      const d = out.data() as Uint8Array;
      for (let i = 0; i < n; i++) d[i] = values[i] !== 0 ? 1 : 0;
      return;
    }
    case 'int64':
    case 'uint64':
      storeInt64(out, values);
      return;
    default: {
      const write = writer(out);
      for (let i = 0; i < n; i++) write(i, values[i]!);
    }
  }
}

/** Row-major contiguous strides of `shape` with offset 0: the layout of every loop output. */
function outStrides(shape: readonly number[]): number[] {
  return contiguousStrides(shape);
}

/** `out[i] = f(a[i])` over `shape` (out contiguous). */
export function map1(out: NumberArray, shape: readonly number[], a: NumericView, f: (x: number) => number): void {
  // Float32 in and out gets its own copy of the loop so its element accesses stay monomorphic.
  if (out instanceof Float32Array && a.data instanceof Float32Array) map1F32(out, shape, a.data, a, f);
  else map1Any(out, shape, a.data, a, f);
}

function map1F32(out: Float32Array, shape: readonly number[], ad: Float32Array, a: NumericView, f: (x: number) => number): void {
  forEachRow(shape, [outStrides(shape), a.strides], [0, a.offset], (o, n, s) => {
    let oo = o[0]!, oa = o[1]!;
    const so = s[0]!, sa = s[1]!;
    for (let i = 0; i < n; i++, oo += so, oa += sa) out[oo] = f(ad[oa]!);
  });
}

function map1Any(out: NumberArray, shape: readonly number[], ad: NumberArray, a: NumericView, f: (x: number) => number): void {
  forEachRow(shape, [outStrides(shape), a.strides], [0, a.offset], (o, n, s) => {
    let oo = o[0]!, oa = o[1]!;
    const so = s[0]!, sa = s[1]!;
    for (let i = 0; i < n; i++, oo += so, oa += sa) out[oo] = f(ad[oa]!);
  });
}

/** `out[i] = f(a[i], b[i])` over `shape` (out contiguous, a and b broadcast). */
export function map2(out: NumberArray, shape: readonly number[], a: NumericView, b: NumericView, f: (x: number, y: number) => number): void {
  const ad = a.data, bd = b.data;
  if (out instanceof Float32Array && ad instanceof Float32Array) {
    if (bd instanceof Float32Array) map2F32(out, shape, ad, bd, a, b, f);
    else if (bd instanceof Float64Array) map2F32F64(out, shape, ad, bd, a, b, f);
    else map2Any(out, shape, ad, bd, a, b, f);
  } else {
    map2Any(out, shape, ad, bd, a, b, f);
  }
}

// Copies of one loop, one per array-type combination, so each copy's accesses stay monomorphic.
function map2F32(out: Float32Array, shape: readonly number[], ad: Float32Array, bd: Float32Array, a: NumericView, b: NumericView, f: (x: number, y: number) => number): void {
  forEachRow(shape, [outStrides(shape), a.strides, b.strides], [0, a.offset, b.offset], (o, n, s) => {
    let oo = o[0]!, oa = o[1]!, ob = o[2]!;
    const so = s[0]!, sa = s[1]!, sb = s[2]!;
    for (let i = 0; i < n; i++, oo += so, oa += sa, ob += sb) out[oo] = f(ad[oa]!, bd[ob]!);
  });
}

function map2F32F64(out: Float32Array, shape: readonly number[], ad: Float32Array, bd: Float64Array, a: NumericView, b: NumericView, f: (x: number, y: number) => number): void {
  forEachRow(shape, [outStrides(shape), a.strides, b.strides], [0, a.offset, b.offset], (o, n, s) => {
    let oo = o[0]!, oa = o[1]!, ob = o[2]!;
    const so = s[0]!, sa = s[1]!, sb = s[2]!;
    for (let i = 0; i < n; i++, oo += so, oa += sa, ob += sb) out[oo] = f(ad[oa]!, bd[ob]!);
  });
}

function map2Any(out: NumberArray, shape: readonly number[], ad: NumberArray, bd: NumberArray, a: NumericView, b: NumericView, f: (x: number, y: number) => number): void {
  forEachRow(shape, [outStrides(shape), a.strides, b.strides], [0, a.offset, b.offset], (o, n, s) => {
    let oo = o[0]!, oa = o[1]!, ob = o[2]!;
    const so = s[0]!, sa = s[1]!, sb = s[2]!;
    for (let i = 0; i < n; i++, oo += so, oa += sa, ob += sb) out[oo] = f(ad[oa]!, bd[ob]!);
  });
}

/** `out[i] = f(a[i], b[i], c[i])` over `shape` (out contiguous, operands broadcast). */
export function map3(
  out: NumberArray, shape: readonly number[], a: NumericView, b: NumericView, c: NumericView,
  f: (x: number, y: number, z: number) => number,
): void {
  const ad = a.data, bd = b.data, cd = c.data;
  forEachRow(shape, [outStrides(shape), a.strides, b.strides, c.strides], [0, a.offset, b.offset, c.offset], (o, n, s) => {
    let oo = o[0]!, oa = o[1]!, ob = o[2]!, oc = o[3]!;
    const so = s[0]!, sa = s[1]!, sb = s[2]!, sc = s[3]!;
    for (let i = 0; i < n; i++, oo += so, oa += sa, ob += sb, oc += sc) out[oo] = f(ad[oa]!, bd[ob]!, cd[oc]!);
  });
}

/**
 * Writes `values` (row-major over `t.shape`, e.g. a kernel's contiguous result) into `t` through its
 * strides and offset, converting to `t.dtype`: the write-back of in-place ops (`add_`, `fill_`).
 */
export function writeInto(t: Tensor, values: ArrayLike<number>): void {
  let j = 0;
  if (isNumberDType(t.dtype) && t.dtype !== 'bool') {
    const d = t.data() as NumberArray;
    forEachRow(t.shape, [t.strides], [t.offset], (o, n, s) => {
      let od = o[0]!;
      const sd = s[0]!;
      for (let i = 0; i < n; i++, od += sd) d[od] = values[j++]!;
    });
    return;
  }
  const write = writer(t);
  forEachRow(t.shape, [t.strides], [t.offset], (o, n, s) => {
    let od = o[0]!;
    const sd = s[0]!;
    for (let i = 0; i < n; i++, od += sd) write(od, values[j++]!);
  });
}

/**
 * `self`'s own elements as a contiguous array an in-place op may write its results into directly,
 * or null when it must compute aside and {@link writeInto} (non-contiguous self, a dtype needing
 * conversion, or an input overlapping self other than as the very same view).
 */
export function inPlaceOutput(self: Tensor, inputs: readonly Tensor[]): NumberArray | null {
  if (!isNumberDType(self.dtype) || self.dtype === 'bool' || !self.isContiguous()) return null;
  for (const t of inputs) {
    if (t === self || t.storage !== self.storage) continue;
    const same = t.offset === self.offset && t.rank === self.rank && t.shape.every((d, i) => d === self.shape[i] && t.strides[i] === self.strides[i]);
    if (!same) return null;
  }
  const data = self.data() as NumberArray;
  return data.subarray(self.offset, self.offset + self.numel);
}

/** A float32 operand of {@link mapRowsF32}: storage, element [0,...,0] at `offset`, broadcast strides. */
export interface F32View {
  readonly data: Float32Array;
  readonly offset: number;
  readonly strides: readonly number[];
}

/**
 * One row of a float32 binary loop: `out[oo + i] = op(a[oa + i * sa], b[ob + i * sb])` for i < n.
 * Each op supplies its own row function so that the per-element work is monomorphic.
 */
export type F32BinaryRow = (
  out: Float32Array, oo: number, a: Float32Array, oa: number, sa: number, b: Float32Array, ob: number, sb: number, n: number,
) => void;

/** Runs `row` over `shape` into `out` (contiguous from `outOffset`), merged rows as in {@link forEachRow}. */
export function mapRowsF32(out: Float32Array, outOffset: number, shape: readonly number[], a: F32View, b: F32View, row: F32BinaryRow): void {
  const ad = a.data, bd = b.data;
  forEachRow(shape, [contiguousStrides(shape), a.strides, b.strides], [outOffset, a.offset, b.offset], (o, n, s) => {
    row(out, o[0]!, ad, o[1]!, s[1]!, bd, o[2]!, s[2]!, n);
  });
}
