import { ErrorCode, NativertError, type Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { broadcastShapes, normalizeDim } from '../../util/shape.js';
import { gatherOffsets } from '../../util/strided-copy.js';
import { expandView, reshapeView } from './views.js';
import type { ScatterReduce } from './scatter-math.js';
import { alongDimOffsets, parseReduce, scatterReduceInto } from './scatter-math.js';
import { cloneContiguous } from '../../util/raw-copy.js';
import { numbersOf } from '../../util/numbers-of.js';

/** `gather`: out[i][j] = self[index[i][j]][j] (for dim 0), shaped like index. */
export const GATHER_KERNEL: KernelDef = {
  ops: ['aten.gather.default'],
  run: (args) => {
    const self = args.tensor('self'), index = args.tensor('index');
    const d = normalizeDim(args.int('dim'), self.rank);
    return gatherOffsets(self, alongDimOffsets(self, d, index), index.shape);
  },
};

/** The elements of `src` at index's positions (src may be larger than index), as numbers. */
function srcValues(src: Tensor, index: Tensor): Float64Array {
  if (src.rank !== index.rank && !(src.rank <= 1 && index.rank <= 1)) {
    throw new NativertError(ErrorCode.InvalidArgument, `src of rank ${src.rank} does not match index of rank ${index.rank}`);
  }
  return numbersOf(src.asStrided(index.shape, index.shape.map((_, i) => src.strides[i] ?? 0)));
}

function scatter(args: KernelArgs, inPlace: boolean, reduce: ScatterReduce, includeSelf: boolean): Tensor {
  const self = args.tensor('self'), index = args.tensor('index');
  const out = inPlace ? self : cloneContiguous(self);
  const d = normalizeDim(args.int('dim'), out.rank);
  const offsets = alongDimOffsets(out, d, index);
  const src = args.has('src') ? args.tensor('src') : null;
  const values = src !== null ? srcValues(src, index) : new Float64Array(offsets.length).fill(args.scalar('value'));
  scatterReduceInto(out, offsets, values, reduce, includeSelf);
  return out;
}

function reduceArg(args: KernelArgs): ScatterReduce {
  return args.has('reduce') ? parseReduce(args.string('reduce'), args.node.target) : 'none';
}

/** `scatter` (src or value, optional reduce add/multiply). */
export const SCATTER_KERNEL: KernelDef = {
  ops: ['aten.scatter.src', 'aten.scatter.value', 'aten.scatter.reduce', 'aten.scatter.value_reduce'],
  run: (args) => scatter(args, false, reduceArg(args), true),
};

/** `scatter_` in place on self. */
export const SCATTER_INPLACE_KERNEL: KernelDef = {
  ops: ['aten.scatter_.src', 'aten.scatter_.value', 'aten.scatter_.reduce', 'aten.scatter_.value_reduce'],
  run: (args) => scatter(args, true, reduceArg(args), true),
};

/** `scatter_add` / `scatter_add_`: src summed into self at index. */
export const SCATTER_ADD_KERNEL: KernelDef = {
  ops: ['aten.scatter_add.default', 'aten.scatter_add_.default'],
  run: (args) => scatter(args, args.node.target === 'aten.scatter_add_.default', 'sum', true),
};

/** `scatter_reduce.two` / `scatter_reduce_.two`: sum, prod, mean, amax, amin, with or without self. */
export const SCATTER_REDUCE_KERNEL: KernelDef = {
  ops: ['aten.scatter_reduce.two', 'aten.scatter_reduce_.two'],
  run: (args) => scatter(args, args.node.target === 'aten.scatter_reduce_.two', parseReduce(args.string('reduce'), args.node.target), args.bool('include_self', true)),
};

/** `take_along_dim`: gather after broadcasting self and indices in every dim but `dim` (no dim: over the flattened self). */
export const TAKE_ALONG_DIM_KERNEL: KernelDef = {
  ops: ['aten.take_along_dim.default'],
  run: (args) => {
    const self = args.tensor('self'), indices = args.tensor('indices');
    const dimArg = args.optInt('dim');
    if (dimArg === null) {
      const flat = reshapeView(self, [self.numel]), idx = reshapeView(indices, [indices.numel]);
      return gatherOffsets(flat, alongDimOffsets(flat, 0, idx), idx.shape);
    }
    const d = normalizeDim(dimArg, self.rank);
    if (indices.rank !== self.rank) throw args.error(`indices of rank ${indices.rank} do not match self of rank ${self.rank}`);
    const common = broadcastShapes(self.shape.map((s, i) => (i === d ? 1 : s)), indices.shape.map((s, i) => (i === d ? 1 : s)));
    const src = expandView(self, common.map((s, i) => (i === d ? self.shape[d]! : s)));
    const idx = expandView(indices, common.map((s, i) => (i === d ? indices.shape[d]! : s)));
    return gatherOffsets(src, alongDimOffsets(src, d, idx), idx.shape);
  },
};
