import { ErrorCode, NativertError } from '@nativert/core';
import { normalizeDim } from './shape.js';

/**
 * How to walk a strided tensor as `outer` independent groups of `inner` elements: the element
 * `i` of group `o` sits at storage offset `outerOffsets[o] + innerOffsets[i]`. Groups follow the
 * kept dims in row-major order; elements within a group follow the reduced dims in row-major
 * order (so "first occurrence" ties match PyTorch).
 */
export interface ReducePlan {
  /** Shape of the result: reduced dims dropped, or kept as 1 with `keepdim`. */
  readonly outShape: number[];
  readonly outer: number;
  readonly inner: number;
  readonly outerOffsets: Float64Array;
  readonly innerOffsets: Float64Array;
}

/**
 * The sorted, wrapped, de-duplicated dims of a reduction over a tensor of `rank`; null or an empty
 * list means every dim (as `sum(dim=[])` and `amax(dim=[])` do). Throws naming a repeated dim.
 */
export function reductionDims(dims: readonly number[] | null, rank: number): number[] {
  if (dims === null || dims.length === 0) return Array.from({ length: rank }, (_, i) => i);
  const out: number[] = [];
  for (const d of dims) {
    const n = rank === 0 ? (normalizeDim(d, 0), 0) : normalizeDim(d, rank);
    if (rank === 0) continue;
    if (out.includes(n)) throw new NativertError(ErrorCode.InvalidArgument, `dim ${n} appears multiple times in the list of dims [${dims.join(', ')}]`);
    out.push(n);
  }
  return out.sort((a, b) => a - b);
}

/** Offsets of every index over `dims` of `shape`/`strides`, row-major, starting from `base`. */
function offsetsOver(shape: readonly number[], strides: readonly number[], dims: readonly number[], base: number): Float64Array {
  let n = 1;
  for (const d of dims) n *= shape[d]!;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const k = dims.length;
  const idx = new Array<number>(k).fill(0);
  let off = base;
  for (let i = 0; i < n; i++) {
    out[i] = off;
    for (let j = k - 1; j >= 0; j--) {
      const d = dims[j]!;
      idx[j]!++;
      off += strides[d]!;
      if (idx[j]! < shape[d]!) break;
      off -= strides[d]! * shape[d]!;
      idx[j] = 0;
    }
  }
  return out;
}

/** Plans a walk over `shape`/`strides`/`offset` reducing `dims` (already from {@link reductionDims}). */
export function planReduce(shape: readonly number[], strides: readonly number[], offset: number, dims: readonly number[], keepdim: boolean): ReducePlan {
  const reduced = new Set(dims);
  const kept: number[] = [];
  const outShape: number[] = [];
  for (let d = 0; d < shape.length; d++) {
    if (!reduced.has(d)) {
      kept.push(d);
      outShape.push(shape[d]!);
    } else if (keepdim) {
      outShape.push(1);
    }
  }
  const outerOffsets = offsetsOver(shape, strides, kept, offset);
  const innerOffsets = offsetsOver(shape, strides, dims, 0);
  return { outShape, outer: outerOffsets.length, inner: innerOffsets.length, outerOffsets, innerOffsets };
}
