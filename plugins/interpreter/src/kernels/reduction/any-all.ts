import type { KernelDef } from '../../kernel/kernel-def.js';
import { outputBuffer } from '../../util/elementwise.js';
import { planAlong, planOver, realTensor } from './reduce-args.js';
import { reduceAnyAll, reduceCountNonzero } from './reduce-math.js';

/** `aten.any` / `aten.all` (default, dim, dims): bool result, uint8 for uint8 input as in PyTorch. */
export const ANY_ALL: KernelDef = {
  ops: ['aten.any.default', 'aten.any.dim', 'aten.any.dims', 'aten.all.default', 'aten.all.dim', 'aten.all.dims'],
  run: (args) => {
    const target = args.node.target;
    const self = realTensor(args, 'self');
    const keepdim = args.bool('keepdim', false);
    const r = target.endsWith('.dim') ? planAlong(args, self, args.int('dim'), keepdim) : planOver(args, self, args.optInts('dim'), keepdim);
    const out = outputBuffer(self.dtype === 'uint8' ? 'uint8' : 'bool', r.plan.outShape, true);
    reduceAnyAll(r.data, r.plan, out.values, target.startsWith('aten.all'));
    return out.finish();
  },
};

/** `aten.count_nonzero` (default with optional dim, dim_IntList): int64 counts. */
export const COUNT_NONZERO: KernelDef = {
  ops: ['aten.count_nonzero.default', 'aten.count_nonzero.dim_IntList'],
  run: (args) => {
    const r = planOver(args, realTensor(args, 'self'), args.optInts('dim'), false);
    const out = outputBuffer('int64', r.plan.outShape);
    reduceCountNonzero(r.data, r.plan, out.values);
    return out.finish();
  },
};
