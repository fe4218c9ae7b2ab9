// Moving elements between strided tensors: broadcast copies with dtype casts, and gathers by
// precomputed storage offsets (the engine of every copy, indexing and padding kernel).
import { ErrorCode, NativertError, Tensor, numelOf, reader, writer } from '@nativert/core';
import { forEachRow } from './elementwise.js';
import { cloneContiguous, contiguousFast, copyRaw, rawWords } from './raw-copy.js';
import { broadcastStrides } from './shape.js';

/** True when `src` broadcasts to `shape` (same rank or fewer dims, sizes equal or 1). */
function broadcastsTo(src: readonly number[], shape: readonly number[]): boolean {
  if (src.length > shape.length) return false;
  const off = shape.length - src.length;
  return src.every((d, i) => d === 1 || d === shape[off + i]);
}

/**
 * Copies `src` into `dst` through both tensors' strides, broadcasting `src` to `dst.shape` and
 * converting to `dst.dtype` as a PyTorch cast does. Same-dtype copies move raw storage slots.
 * When both share storage, `src` is read from a snapshot so overlapping views copy correctly.
 */
export function copyInto(dst: Tensor, src: Tensor): void {
  if (!broadcastsTo(src.shape, dst.shape)) {
    throw new NativertError(ErrorCode.InvalidArgument, `cannot copy a tensor of shape [${src.shape.join(', ')}] into one of shape [${dst.shape.join(', ')}]`);
  }
  if (dst.numel === 0) return;
  const source = src.storage === dst.storage ? cloneContiguous(src) : src;
  const sStrides = broadcastStrides(source.shape, source.strides, dst.shape);
  if (source.dtype === dst.dtype) {
    copyRaw(dst, source, dst.shape, sStrides);
    return;
  }
  const read = reader(source);
  const write = writer(dst);
  forEachRow(dst.shape, [dst.strides, sStrides], [dst.offset, source.offset], (o, n, st) => {
    let od = o[0]!, os = o[1]!;
    const sd = st[0]!, ss = st[1]!;
    for (let i = 0; i < n; i++, od += sd, os += ss) write(od, read(os));
  });
}

/** A new contiguous tensor of `dtype` holding `src` (cast); `src` itself when already so. */
export function contiguousAs(src: Tensor, dtype = src.dtype): Tensor {
  if (dtype === src.dtype) return contiguousFast(src);
  const out = Tensor.zeros(dtype, src.shape);
  copyInto(out, src);
  return out;
}

/** Sets every element of `t` (through its strides) to `value`, cast to `t.dtype`. */
export function fillTensor(t: Tensor, value: number): void {
  copyInto(t, Tensor.scalar(t.dtype, value));
}

/** A strided layout: what {@link elementOffsets} walks (a Tensor is one). */
export interface StridedLayout {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

/** Storage offsets (elements) of every logical element of `t`, row-major. */
export function elementOffsets(t: StridedLayout): Float64Array {
  const out = new Float64Array(numelOf(t.shape));
  let j = 0;
  forEachRow(t.shape, [t.strides], [t.offset], (o, n, s) => {
    let off = o[0]!;
    const st = s[0]!;
    for (let i = 0; i < n; i++, off += st) out[j++] = off;
  });
  return out;
}

/**
 * Sums of one entry from each table, in row-major order over the tables: with `tables[d][i]` the
 * offset contribution of index i along output dim d, the result is each output element's offset.
 */
export function cartesianOffsets(base: number, tables: readonly ArrayLike<number>[]): Float64Array {
  let acc = Float64Array.of(base);
  for (const t of tables) {
    const m = t.length;
    const next = new Float64Array(acc.length * m);
    let j = 0;
    for (let a = 0; a < acc.length; a++) {
      const x = acc[a]!;
      for (let i = 0; i < m; i++) next[j++] = x + t[i]!;
    }
    acc = next;
  }
  return acc;
}

/** Offsets table `i * stride` for `i` in [0, size): a plain (not indexed) dim in {@link cartesianOffsets}. */
export function rangeTable(size: number, stride: number): Float64Array {
  const t = new Float64Array(size);
  for (let i = 0; i < size; i++) t[i] = i * stride;
  return t;
}

/** A new contiguous tensor of `shape` with element i read from `src`'s storage at `offsets[i]`. */
export function gatherOffsets(src: Tensor, offsets: Float64Array, shape: readonly number[]): Tensor {
  const out = Tensor.zeros(src.dtype, shape);
  const n = numelOf(shape);
  if (offsets.length !== n) throw new NativertError(ErrorCode.Internal, `gather: ${offsets.length} offsets for ${n} elements`);
  const s = rawWords(src), d = rawWords(out).data, sd = s.data, w = s.width;
  if (w === 1) {
    for (let i = 0; i < n; i++) d[i] = sd[offsets[i]!]!;
  } else {
    for (let i = 0, j = 0; i < n; i++) {
      const o = offsets[i]! * w;
      for (let k = 0; k < w; k++) d[j++] = sd[o + k]!;
    }
  }
  return out;
}

/**
 * Writes `values` (contiguous, same dtype as `dst`, one per offset) into `dst`'s storage at
 * `offsets`; later writes to the same offset win, as in PyTorch's serial CPU loops.
 */
export function scatterOffsets(dst: Tensor, offsets: Float64Array, values: Tensor): void {
  const v = contiguousAs(values, dst.dtype);
  const d = rawWords(dst), s = rawWords(v).data, dd = d.data, w = d.width;
  const base = v.offset * w;
  for (let i = 0; i < offsets.length; i++) {
    const o = offsets[i]! * w;
    for (let k = 0; k < w; k++) dd[o + k] = s[base + i * w + k]!;
  }
}

/** A view of `src` broadcast to `shape` (stride 0 on broadcast dims); throws when it does not broadcast. */
export function broadcastView(src: Tensor, shape: readonly number[]): Tensor {
  if (!broadcastsTo(src.shape, shape)) {
    throw new NativertError(ErrorCode.InvalidArgument, `shape [${src.shape.join(', ')}] does not broadcast to [${shape.join(', ')}]`);
  }
  return src.asStrided([...shape], broadcastStrides(src.shape, src.strides, shape));
}
