import type { KernelDef } from '../../kernel/kernel-def.js';
import { narrowView, selectView, sliceView } from './views.js';

/** `slice.Tensor`: None/negative/out-of-range bounds as Python slicing; a view. */
export const SLICE_KERNEL: KernelDef = {
  ops: ['aten.slice.Tensor'],
  run: (args) => sliceView(args.tensor('self'), args.int('dim', 0), args.optInt('start'), args.optInt('end'), args.int('step', 1)),
};

/** `select.int`: one index along a dim, the dim removed; a view. */
export const SELECT_KERNEL: KernelDef = {
  ops: ['aten.select.int'],
  run: (args) => selectView(args.tensor('self'), args.int('dim'), args.int('index')),
};

/** `narrow`: `length` elements from `start` along a dim; a view. */
export const NARROW_KERNEL: KernelDef = {
  ops: ['aten.narrow.default'],
  run: (args) => narrowView(args.tensor('self'), args.int('dim'), args.int('start'), args.int('length')),
};
