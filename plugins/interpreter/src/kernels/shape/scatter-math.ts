// Offset arithmetic and reductions shared by gather, scatter and the index_* kernels.
import type { Tensor } from '@nativert/core';
import { ErrorCode, NativertError, isFloating, isComplex, reader, writer } from '@nativert/core';
import { cartesianOffsets, elementOffsets, rangeTable } from '../../util/strided-copy.js';
import { numbersOf } from '../../util/numbers-of.js';

function fail(message: string): NativertError {
  return new NativertError(ErrorCode.InvalidArgument, message);
}

/**
 * Storage offsets in `t` of `t[..., index[i], ...]` (index along `dim`) for every element of
 * `index`, as gather/scatter address them: index has t's rank and picks along `dim` only.
 */
export function alongDimOffsets(t: Tensor, dim: number, index: Tensor): Float64Array {
  if (index.rank !== t.rank && !(index.rank <= 1 && t.rank <= 1)) {
    throw fail(`index of rank ${index.rank} does not match the tensor's rank ${t.rank}`);
  }
  const size = t.shape[dim] ?? 1, stride = t.strides[dim] ?? 0;
  const strides = index.shape.map((_, i) => (i === dim ? 0 : t.strides[i] ?? 0));
  const offs = elementOffsets({ shape: index.shape, strides, offset: t.offset });
  const idx = numbersOf(index);
  for (let i = 0; i < offs.length; i++) {
    const v = idx[i]!;
    if (v < 0 || v >= size) throw fail(`index ${v} is out of bounds for dim ${dim} with size ${size}`);
    offs[i]! += v * stride;
  }
  return offs;
}

/**
 * Offsets of `t` with `dim` re-indexed by `index` (1-d or 0-d; negatives wrap), in row-major order
 * of the result shape (t's shape with dim's size replaced by the index count), as index_select,
 * index_add/copy/fill and embedding address them.
 */
export function indexedDimPlan(t: Tensor, dim: number, index: Tensor): { shape: number[]; offsets: Float64Array } {
  if (index.rank > 1) throw fail(`index must be 0-d or 1-d, given shape [${index.shape.join(', ')}]`);
  const idx = numbersOf(index);
  if (t.rank === 0) {
    for (const v of idx) if (v !== 0 && v !== -1) throw fail(`index ${v} is out of bounds for a 0-d tensor`);
    return { shape: [], offsets: cartesianOffsets(t.offset, []) };
  }
  const size = t.shape[dim]!, stride = t.strides[dim]!;
  const table = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i]!;
    if (v < -size || v >= size) throw fail(`index ${v} is out of range for dim ${dim} with size ${size}`);
    table[i] = (v < 0 ? v + size : v) * stride;
  }
  const shape = [...t.shape];
  shape[dim] = idx.length;
  const tables = shape.map((s, d) => (d === dim ? table : rangeTable(s, t.strides[d]!)));
  return { shape, offsets: cartesianOffsets(t.offset, tables) };
}

/** Reductions of scatter/scatter_reduce/index_reduce: 'none' overwrites. */
export type ScatterReduce = 'none' | 'sum' | 'prod' | 'mean' | 'amax' | 'amin';

/** Maps the reduce strings of `scatter` ('add', 'multiply') and `scatter_reduce` to {@link ScatterReduce}. */
export function parseReduce(reduce: string, where: string): ScatterReduce {
  switch (reduce) {
    case 'add': case 'sum': return 'sum';
    case 'multiply': case 'prod': return 'prod';
    case 'mean': case 'amax': case 'amin': return reduce;
    default: throw fail(`${where}: unknown reduce '${reduce}' (expected sum, prod, mean, amax, amin, add or multiply)`);
  }
}

function combine(r: ScatterReduce, a: number, b: number): number {
  switch (r) {
    case 'sum': case 'mean': return a + b;
    case 'prod': return a * b;
    case 'amax': return Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b);
    case 'amin': return Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b);
    default: return b;
  }
}

/**
 * Applies `values[i]` to `out` at storage offset `offsets[i]` with `reduce`. With `includeSelf`
 * the existing element takes part (and counts for 'mean'); without it, touched elements are
 * replaced by the reduction of their values only. Integer means round down, as PyTorch's do.
 */
export function scatterReduceInto(out: Tensor, offsets: Float64Array, values: ArrayLike<number>, reduce: ScatterReduce, includeSelf: boolean): void {
  const read = reader(out), write = writer(out);
  if (reduce === 'none') {
    for (let i = 0; i < offsets.length; i++) write(offsets[i]!, values[i]!);
    return;
  }
  const acc = new Map<number, { v: number; n: number }>();
  for (let i = 0; i < offsets.length; i++) {
    const o = offsets[i]!;
    const cur = acc.get(o);
    if (cur === undefined) {
      acc.set(o, includeSelf ? { v: combine(reduce, read(o), values[i]!), n: 2 } : { v: values[i]!, n: 1 });
    } else {
      cur.v = combine(reduce, cur.v, values[i]!);
      cur.n++;
    }
  }
  const exact = isFloating(out.dtype) || isComplex(out.dtype);
  for (const [o, { v, n }] of acc) {
    if (reduce !== 'mean') write(o, v);
    else write(o, exact ? v / n : Math.floor(v / n));
  }
}
