import type { KernelDef } from '../../kernel/kernel-def.js';
import { normalizeDim } from '../../util/shape.js';
import { inferSize, reshapeView } from './views.js';

/** `view`, `_unsafe_view`, `reshape`: a view when the layout allows, else a copy. */
export const RESHAPE_KERNEL: KernelDef = {
  ops: ['aten.view.default', 'aten._unsafe_view.default', 'aten.reshape.default'],
  run: (args) => {
    const self = args.tensor('self');
    return reshapeView(self, args.ints(args.has('shape') ? 'shape' : 'size'));
  },
};

/** `flatten.using_ints`: dims start_dim..end_dim merged into one (a 0-d tensor becomes [1]). */
export const FLATTEN_KERNEL: KernelDef = {
  ops: ['aten.flatten.using_ints'],
  run: (args) => {
    const self = args.tensor('self');
    if (self.rank === 0) return reshapeView(self, [1]);
    const start = normalizeDim(args.int('start_dim', 0), self.rank, 'start_dim');
    const end = normalizeDim(args.int('end_dim', -1), self.rank, 'end_dim');
    if (start > end) throw args.error(`start_dim ${start} is after end_dim ${end}`);
    const merged = self.shape.slice(start, end + 1).reduce((a, b) => a * b, 1);
    return reshapeView(self, [...self.shape.slice(0, start), merged, ...self.shape.slice(end + 1)]);
  },
};

/** `unflatten.int`: dim split into `sizes` (one -1 allowed). */
export const UNFLATTEN_KERNEL: KernelDef = {
  ops: ['aten.unflatten.int'],
  run: (args) => {
    const self = args.tensor('self');
    const d = normalizeDim(args.int('dim'), self.rank);
    const sizes = inferSize(args.ints('sizes'), self.shape[d]!);
    return reshapeView(self, [...self.shape.slice(0, d), ...sizes, ...self.shape.slice(d + 1)]);
  },
};

/** `view_as`: self viewed with other's shape. */
export const VIEW_AS_KERNEL: KernelDef = {
  ops: ['aten.view_as.default'],
  run: (args) => reshapeView(args.tensor('self'), args.tensor('other').shape),
};
