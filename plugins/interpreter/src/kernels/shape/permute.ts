import type { KernelDef } from '../../kernel/kernel-def.js';
import { normalizeDim } from '../../util/shape.js';
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

/** `movedim` / `moveaxis`: dims `source` moved to positions `destination`, the others keeping their order. */
export const MOVEDIM_KERNEL: KernelDef = {
  ops: ['aten.movedim.int', 'aten.movedim.intlist', 'aten.moveaxis.int', 'aten.moveaxis.intlist'],
  run: (args) => {
    const self = args.tensor('self');
    const src = args.ints('source').map((d) => normalizeDim(d, self.rank));
    const dst = args.ints('destination').map((d) => normalizeDim(d, self.rank));
    if (src.length !== dst.length) throw args.error(`source [${src.join(', ')}] and destination [${dst.join(', ')}] differ in length`);
    const order = new Array<number>(self.rank).fill(-1);
    src.forEach((s, i) => { order[dst[i]!] = s; });
    const rest = [...self.shape.keys()].filter((d) => !src.includes(d));
    for (let i = 0; i < order.length; i++) if (order[i] === -1) order[i] = rest.shift()!;
    return permuteView(self, order);
  },
};

/** `swapaxes` / `swapdims`: transpose under NumPy's name. */
export const SWAPAXES_KERNEL: KernelDef = {
  ops: ['aten.swapaxes.default', 'aten.swapdims.default'],
  run: (args) => transposeView(args.tensor('self'), args.int(args.has('axis0') ? 'axis0' : 'dim0'), args.int(args.has('axis1') ? 'axis1' : 'dim1')),
};
