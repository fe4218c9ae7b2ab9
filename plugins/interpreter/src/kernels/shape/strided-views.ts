import type { KernelDef } from '../../kernel/kernel-def.js';
import { diagonalView, unfoldView } from './views.js';

/** `as_strided`: an arbitrary strided view of the same storage (storage_offset absolute, default self's). */
export const AS_STRIDED_KERNEL: KernelDef = {
  ops: ['aten.as_strided.default'],
  run: (args) => {
    const self = args.tensor('self');
    const size = args.ints('size'), stride = args.ints('stride');
    if (size.length !== stride.length) throw args.error(`size [${size.join(', ')}] and stride [${stride.join(', ')}] differ in length`);
    return self.asStrided(size, stride, args.optInt('storage_offset') ?? self.offset);
  },
};

/** `alias` and `detach`: a new view of the same elements. */
export const ALIAS_KERNEL: KernelDef = {
  ops: ['aten.alias.default', 'aten.detach.default'],
  run: (args) => {
    const self = args.tensor('self');
    return self.asStrided(self.shape, self.strides);
  },
};

/** `detach_`: no autograd here, so self unchanged. */
export const DETACH_INPLACE_KERNEL: KernelDef = {
  ops: ['aten.detach_.default'],
  run: (args) => args.tensor('self'),
};

/** `diagonal`: a view of the diagonal of dims dim1/dim2, appended last. */
export const DIAGONAL_KERNEL: KernelDef = {
  ops: ['aten.diagonal.default'],
  run: (args) => diagonalView(args.tensor('self'), args.int('offset', 0), args.int('dim1', 0), args.int('dim2', 1)),
};

/** `unfold`: sliding windows as a view. */
export const UNFOLD_KERNEL: KernelDef = {
  ops: ['aten.unfold.default'],
  run: (args) => unfoldView(args.tensor('self'), args.int('dimension'), args.int('size'), args.int('step')),
};
