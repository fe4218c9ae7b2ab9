import type { Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { copyInto } from '../../util/strided-copy.js';
import { diagonalView, selectView, sliceView } from './views.js';

/** A copy of `self` with `src` written into the view `pick` selects: the functional form of `view.copy_(src)`. */
function scatterIntoView(args: KernelArgs, pick: (out: Tensor) => Tensor): Tensor {
  const out = args.tensor('self').clone();
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
