import { Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { normalizeDim } from '../../util/shape.js';
import { copyInto } from '../../util/strided-copy.js';
import { diagonalView, selectView, sliceView } from './views.js';
import { cloneContiguous } from '../../util/raw-copy.js';

/** A copy of `self` with `src` written into the view `pick` selects: the functional form of `view.copy_(src)`. */
function scatterIntoView(args: KernelArgs, pick: (out: Tensor) => Tensor): Tensor {
  const out = cloneContiguous(args.tensor('self'));
  const view = pick(out);
  const src = args.tensor('src');
  if (src.shape.length !== view.shape.length || src.shape.some((d, i) => d !== view.shape[i])) {
    throw args.error(`src of shape [${src.shape.join(', ')}] does not match the selected view of shape [${view.shape.join(', ')}]`);
  }
  copyInto(view, src);
  return out;
}

/** `slice_scatter`: self with a slice replaced by src. */
export const SLICE_SCATTER_KERNEL: KernelDef = {
  ops: ['aten.slice_scatter.default'],
  run: (args) => scatterIntoView(args, (o) => sliceView(o, args.int('dim', 0), args.optInt('start'), args.optInt('end'), args.int('step', 1))),
};

/** `select_scatter`: self with one index along dim replaced by src. */
export const SELECT_SCATTER_KERNEL: KernelDef = {
  ops: ['aten.select_scatter.default'],
  run: (args) => scatterIntoView(args, (o) => selectView(o, args.int('dim'), args.int('index'))),
};

/** `diagonal_scatter`: self with a diagonal replaced by src. */
export const DIAGONAL_SCATTER_KERNEL: KernelDef = {
  ops: ['aten.diagonal_scatter.default'],
  run: (args) => scatterIntoView(args, (o) => diagonalView(o, args.int('offset', 0), args.int('dim1', 0), args.int('dim2', 1))),
};

/** `as_strided_scatter`: a contiguous copy of self with an as_strided view of it replaced by src. */
export const AS_STRIDED_SCATTER_KERNEL: KernelDef = {
  ops: ['aten.as_strided_scatter.default'],
  run: (args) => scatterIntoView(args, (o) => o.asStrided(args.ints('size'), args.ints('stride'), args.optInt('storage_offset') ?? 0)),
};

/** `diag_embed`: self's last dim written on a diagonal of two new square dims (zeros elsewhere). */
export const DIAG_EMBED_KERNEL: KernelDef = {
  ops: ['aten.diag_embed.default'],
  run: (args) => {
    const self = args.tensor('self');
    const offset = args.int('offset', 0);
    const rank = self.rank + 1;
    const d1 = normalizeDim(args.int('dim1', -2), rank), d2 = normalizeDim(args.int('dim2', -1), rank);
    const n = (self.shape[self.rank - 1] ?? 1) + Math.abs(offset);
    const batch = self.shape.slice(0, -1);
    const shape: number[] = [];
    for (let i = 0, b = 0; i < rank; i++) shape.push(i === d1 || i === d2 ? n : batch[b++]!);
    const out = Tensor.zeros(self.dtype, shape);
    copyInto(diagonalView(out, offset, d1, d2), self);
    return out;
  },
};
