import type { KernelDef } from '../../kernel/kernel-def.js';
import { squeezeView, unsqueezeView } from './views.js';

/** `squeeze` (every size-1 dim), `squeeze.dim`, `squeeze.dims`: views. */
export const SQUEEZE_KERNEL: KernelDef = {
  ops: ['aten.squeeze.default', 'aten.squeeze.dim', 'aten.squeeze.dims'],
  run: (args) => squeezeView(args.tensor('self'), args.has('dim') ? args.ints('dim') : null),
};

/** `unsqueeze`: a size-1 dim inserted (a view). */
export const UNSQUEEZE_KERNEL: KernelDef = {
  ops: ['aten.unsqueeze.default'],
  run: (args) => unsqueezeView(args.tensor('self'), args.int('dim')),
};
