import { ErrorCode, NativertError, Tensor } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { normalizeDim } from '../../util/shape.js';
import { cartesianOffsets, gatherOffsets, rangeTable } from '../../util/strided-copy.js';
import { reshapeView } from './views.js';
import { numbersOf } from '../../util/numbers-of.js';

/** `self.repeat(repeats)`: repeats has at least self's rank; self gets leading size-1 dims. */
export function repeatTensor(self: Tensor, repeats: readonly number[]): Tensor {
  const pad = repeats.length - self.rank;
  if (pad < 0) throw new NativertError(ErrorCode.InvalidArgument, `repeat: ${repeats.length} repeats for a tensor of rank ${self.rank}`);
  const shape: number[] = [];
  const tables = repeats.map((r, i) => {
    const s = i < pad ? 1 : self.shape[i - pad]!, st = i < pad ? 0 : self.strides[i - pad]!;
    shape.push(s * r);
    const t = new Float64Array(s * r);
    for (let j = 0; j < t.length; j++) t[j] = (j % s) * st;
    return t;
  });
  return gatherOffsets(self, cartesianOffsets(self.offset, tables), shape);
}

/** `repeat`. */
export const REPEAT_KERNEL: KernelDef = {
  ops: ['aten.repeat.default'],
  run: (args) => {
    const self = args.tensor('self'), repeats = args.ints('repeats');
    if (repeats.length < self.rank) throw args.error(`needs at least ${self.rank} repeats, given [${repeats.join(', ')}]`);
    return repeatTensor(self, repeats);
  },
};

/** `tile`: repeat with `dims` padded by leading ones to self's rank. */
export const TILE_KERNEL: KernelDef = {
  ops: ['aten.tile.default'],
  run: (args) => {
    const self = args.tensor('self'), dims = args.ints('dims');
    return repeatTensor(self, [...new Array<number>(Math.max(self.rank - dims.length, 0)).fill(1), ...dims]);
  },
};

/** `self` with element i along `dim` repeated counts[i] times (counts of length 1 apply to every element). */
function interleave(self: Tensor, counts: readonly number[], dim: number | null): Tensor {
  const src = dim === null ? reshapeView(self, [self.numel]) : self;
  const d = dim === null ? 0 : normalizeDim(dim, src.rank);
  const n = src.shape[d]!;
  const per = counts.length === 1 ? new Array<number>(n).fill(counts[0]!) : counts;
  if (per.length !== n) throw new NativertError(ErrorCode.InvalidArgument, `repeat_interleave: ${per.length} repeats for dim ${d} of size ${n}`);
  const picks: number[] = [];
  per.forEach((c, i) => { for (let k = 0; k < c; k++) picks.push(i * src.strides[d]!); });
  const shape = [...src.shape];
  shape[d] = picks.length;
  const tables = shape.map((s, e) => (e === d ? Float64Array.from(picks) : rangeTable(s, src.strides[e]!)));
  return gatherOffsets(src, cartesianOffsets(src.offset, tables), shape);
}

/** `repeat_interleave` with int or tensor repeats, and the repeats-only form (indices repeated). */
export const REPEAT_INTERLEAVE_KERNEL: KernelDef = {
  ops: ['aten.repeat_interleave.self_int', 'aten.repeat_interleave.self_Tensor', 'aten.repeat_interleave.Tensor'],
  run: (args) => {
    if (args.node.target === 'aten.repeat_interleave.Tensor') {
      const counts = numbersOf(args.tensor('repeats'));
      const idx = new Array<number>(counts.length).fill(0).map((_, i) => i);
      return interleave(Tensor.fromNumbers('int64', [idx.length], idx), [...counts], 0);
    }
    const self = args.tensor('self');
    const counts = args.raw('repeats')?.kind === 'tensor' ? [...numbersOf(args.tensor('repeats'))] : [args.int('repeats')];
    return interleave(self, counts, args.optInt('dim'));
  },
};
