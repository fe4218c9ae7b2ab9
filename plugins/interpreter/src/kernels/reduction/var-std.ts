import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { outputBuffer } from '../../util/elementwise.js';
import { floatTensor, planOver } from './reduce-args.js';
import { reduceMoments } from './reduce-math.js';

/** The correction of a var/std call: `correction` (default 1) or the legacy `unbiased` flag. */
function correctionOf(args: KernelArgs): number {
  if (args.node.target.endsWith('.correction')) return args.has('correction') ? args.scalar('correction') : 1;
  return args.bool('unbiased', true) ? 1 : 0;
}

/**
 * `aten.var`, `aten.std`, `aten.var_mean`, `aten.std_mean` (default, dim, correction): divides by
 * max(0, N - correction) as PyTorch does (giving inf/NaN when that is 0).
 */
export const VAR_STD: KernelDef = {
  ops: [
    'aten.var.default', 'aten.var.dim', 'aten.var.correction',
    'aten.std.default', 'aten.std.dim', 'aten.std.correction',
    'aten.var_mean.default', 'aten.var_mean.dim', 'aten.var_mean.correction',
    'aten.std_mean.default', 'aten.std_mean.dim', 'aten.std_mean.correction',
  ],
  run: (args) => {
    const target = args.node.target;
    const isStd = target.startsWith('aten.std');
    const self = floatTensor(args, 'self', isStd ? 'std' : 'var');
    const r = planOver(args, self, args.optInts('dim'), args.bool('keepdim', false));
    const mean = outputBuffer(self.dtype, r.plan.outShape);
    const spread = outputBuffer(self.dtype, r.plan.outShape);
    reduceMoments(r.data, r.plan, correctionOf(args), mean.values, spread.values);
    if (isStd) for (let i = 0; i < spread.values.length; i++) spread.values[i] = Math.sqrt(spread.values[i]!);
    if (target.includes('_mean.')) return [spread.finish(), mean.finish()];
    return spread.finish();
  },
};
