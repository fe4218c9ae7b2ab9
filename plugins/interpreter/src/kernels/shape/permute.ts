import type { KernelDef } from '../../kernel/kernel-def.js';
import { permuteView, transposeView } from './views.js';

/** `permute`: dims reordered (a view). */
export const PERMUTE_KERNEL: KernelDef = {
  ops: ['aten.permute.default'],
  run: (args) => permuteView(args.tensor('self'), args.ints('dims')),
};

/** `transpose.int` and `t` (2-d transpose; 0-d and 1-d unchanged): views. */
export const TRANSPOSE_KERNEL: KernelDef = {
  ops: ['aten.transpose.int', 'aten.t.default'],
  run: (args) => {
    const self = args.tensor('self');
    if (args.node.target === 'aten.t.default') {
      if (self.rank > 2) throw args.error(`t() expects a tensor of at most 2 dims, given [${self.shape.join(', ')}]`);
      return self.rank < 2 ? self.asStrided(self.shape, self.strides) : transposeView(self, 0, 1);
    }
    return transposeView(self, args.int('dim0'), args.int('dim1'));
  },
};
