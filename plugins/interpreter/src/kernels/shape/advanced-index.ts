import type { Tensor } from '@nativert/core';
import { ErrorCode, NativertError, contiguousStrides, isIntegral, numelOf, reader, writer } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { broadcastShapes, broadcastStrides } from '../../util/shape.js';
import { broadcastView, cartesianOffsets, contiguousAs, elementOffsets, gatherOffsets, rangeTable, scatterOffsets } from '../../util/strided-copy.js';
import { nonzeroCoords } from './nonzero.js';
import { cloneContiguous } from '../../util/raw-copy.js';
import { numbersOf } from '../../util/numbers-of.js';

/** Where advanced indexing reads or writes: the result shape and each result element's storage offset. */
export interface IndexPlan {
  readonly shape: number[];
  readonly offsets: Float64Array;
}

interface IndexList {
  readonly shape: readonly number[];
  readonly values: Float64Array;
}

function fail(message: string): NativertError {
  return new NativertError(ErrorCode.InvalidArgument, message);
}

/** One index list per dim of `self` (null = take the whole dim); bool/uint8 masks become their nonzero coordinates. */
function perDimIndices(self: Tensor, indices: readonly (Tensor | null)[]): (IndexList | null)[] {
  const out: (IndexList | null)[] = [];
  for (const idx of indices) {
    if (idx === null) {
      out.push(null);
    } else if (idx.dtype === 'bool' || idx.dtype === 'uint8') {
      const start = out.length;
      if (idx.rank === 0) throw fail('indexing with a 0-d boolean mask is not supported');
      idx.shape.forEach((s, k) => {
        if (self.shape[start + k] !== s) {
          throw fail(`mask of shape [${idx.shape.join(', ')}] does not match the indexed tensor [${self.shape.join(', ')}] at dim ${start + k}`);
        }
      });
      const { count, coords } = nonzeroCoords(idx);
      for (const c of coords) out.push({ shape: [count], values: c });
    } else if (isIntegral(idx.dtype)) {
      out.push({ shape: idx.shape, values: numbersOf(idx) });
    } else {
      throw fail(`tensors used as indices must be long, int, byte or bool, given ${idx.dtype}`);
    }
  }
  if (out.length > self.rank) throw fail(`too many indices (${out.length}) for a tensor of rank ${self.rank}`);
  while (out.length < self.rank) out.push(null);
  return out;
}

/**
 * PyTorch's advanced indexing `self[indices]`: index tensors broadcast together to shape B; when the
 * indexed dims are adjacent, B replaces them in place, otherwise B comes first, followed by the
 * remaining dims. Negative indices wrap; out-of-range ones throw.
 */
export function planIndex(self: Tensor, indices: readonly (Tensor | null)[]): IndexPlan {
  const lists = perDimIndices(self, indices);
  const positions = lists.flatMap((l, d) => (l === null ? [] : [d]));
  if (positions.length === 0) {
    return { shape: [...self.shape], offsets: elementOffsets(self) };
  }
  const b = broadcastShapes(...positions.map((d) => lists[d]!.shape));
  const contrib = new Float64Array(numelOf(b));
  for (const d of positions) {
    const l = lists[d]!;
    const size = self.shape[d]!, stride = self.strides[d]!;
    const at = elementOffsets({ shape: b, strides: broadcastStrides(l.shape, contiguousStrides(l.shape), b), offset: 0 });
    for (let i = 0; i < contrib.length; i++) {
      let v = l.values[at[i]!]!;
      if (v < -size || v >= size) throw fail(`index ${v} is out of bounds for dim ${d} with size ${size}`);
      if (v < 0) v += size;
      contrib[i]! += v * stride;
    }
  }
  const adjacent = positions[positions.length - 1]! - positions[0]! + 1 === positions.length;
  const plain = (d: number) => rangeTable(self.shape[d]!, self.strides[d]!);
  const shape: number[] = [];
  const tables: Float64Array[] = [];
  const addPlain = (d: number) => { shape.push(self.shape[d]!); tables.push(plain(d)); };
  const addB = () => { shape.push(...b); tables.push(contrib); };
  if (adjacent) {
    for (let d = 0; d < positions[0]!; d++) addPlain(d);
    addB();
    for (let d = positions[positions.length - 1]! + 1; d < self.rank; d++) addPlain(d);
  } else {
    addB();
    for (let d = 0; d < self.rank; d++) if (lists[d] === null) addPlain(d);
  }
  return { shape, offsets: cartesianOffsets(self.offset, tables) };
}

/** `index.Tensor` / `_unsafe_index.Tensor`: a new tensor gathered by advanced indexing. */
export const INDEX_KERNEL: KernelDef = {
  ops: ['aten.index.Tensor', 'aten._unsafe_index.Tensor'],
  run: (args) => {
    const self = args.tensor('self');
    const plan = planIndex(self, args.optTensors('indices'));
    return gatherOffsets(self, plan.offsets, plan.shape);
  },
};

/** `values` made to match `shape`: leading size-1 dims beyond its rank dropped, then broadcast. */
function valuesFor(values: Tensor, shape: readonly number[]): Tensor {
  let v = values;
  while (v.rank > shape.length && v.shape[0] === 1) v = v.asStrided(v.shape.slice(1), v.strides.slice(1));
  return broadcastView(v, shape);
}

/** Writes (or with `accumulate`, adds) `values` into `out` at `self[indices]`. */
export function indexPutInto(out: Tensor, indices: readonly (Tensor | null)[], values: Tensor, accumulate: boolean): Tensor {
  const plan = planIndex(out, indices);
  const v = valuesFor(values, plan.shape);
  if (!accumulate) {
    scatterOffsets(out, plan.offsets, contiguousAs(v, out.dtype));
    return out;
  }
  const read = reader(out), write = writer(out);
  const vals = numbersOf(v);
  for (let i = 0; i < vals.length; i++) {
    const o = plan.offsets[i]!;
    write(o, read(o) + vals[i]!);
  }
  return out;
}

function indexPut(args: KernelArgs, inPlace: boolean): Tensor {
  const self = args.tensor('self');
  return indexPutInto(inPlace ? self : cloneContiguous(self), args.optTensors('indices'), args.tensor('values'), args.bool('accumulate', false));
}

/** `index_put` / `_unsafe_index_put`: a copy of self with values written (or accumulated) at the indices. */
export const INDEX_PUT_KERNEL: KernelDef = {
  ops: ['aten.index_put.default', 'aten._unsafe_index_put.default'],
  run: (args) => indexPut(args, false),
};

/** `index_put_`: values written (or accumulated) into self through its strides; returns self. */
export const INDEX_PUT_INPLACE_KERNEL: KernelDef = {
  ops: ['aten.index_put_.default'],
  run: (args) => indexPut(args, true),
};
