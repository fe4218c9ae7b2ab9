import type { KernelDef } from '../../kernel/kernel-def.js';
import { expandView } from './views.js';

/** `expand` and `expand_as`: broadcast views with stride 0 on expanded dims. */
export const EXPAND_KERNEL: KernelDef = {
  ops: ['aten.expand.default', 'aten.expand_as.default'],
  run: (args) => {
    const self = args.tensor('self');
    const size = args.node.target === 'aten.expand_as.default' ? [...args.tensor('other').shape] : args.ints('size');
    return expandView(self, size);
  },
};
