import type { DType } from '@nativert/core';
import { isFloating } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { outputBuffer } from '../../util/elementwise.js';
import { toFloatingType } from '../../util/promotion.js';
import { floatTensor, planOver, realTensor } from './reduce-args.js';
import { reduceLogSumExp, reduceNorm } from './reduce-math.js';

/** `aten.logsumexp`: integral inputs compute in float32, as PyTorch promotes them. */
export const LOGSUMEXP: KernelDef = {
  ops: ['aten.logsumexp.default'],
  run: (args) => {
    const self = realTensor(args, 'self');
    const r = planOver(args, self, args.ints('dim'), args.bool('keepdim', false));
    const out = outputBuffer(toFloatingType(self.dtype), r.plan.outShape);
    reduceLogSumExp(r.data, r.plan, out.values);
    return out.finish();
  },
};

/**
 * `aten.linalg_vector_norm`, `aten.norm` (Scalar, ScalarOpt_dim, ScalarOpt_dim_dtype, ScalarOpt_dtype),
 * `aten.frobenius_norm.dim`: p-norms over dims (none = every dim), floating inputs only.
 */
export const NORM: KernelDef = {
  ops: [
    'aten.linalg_vector_norm.default', 'aten.norm.Scalar', 'aten.norm.ScalarOpt_dim',
    'aten.norm.ScalarOpt_dim_dtype', 'aten.norm.ScalarOpt_dtype', 'aten.frobenius_norm.dim',
  ],
  run: (args) => {
    const target = args.node.target;
    const self = floatTensor(args, 'self', target.slice(5));
    let p = 2;
    if (target === 'aten.linalg_vector_norm.default') p = args.scalar('ord', 2);
    else if (target.startsWith('aten.norm')) p = args.has('p') ? args.scalar('p') : 2;
    const requested: DType | null = args.dtype('dtype');
    if (requested !== null && !isFloating(requested)) throw args.error(`norm: dtype must be floating point, given ${requested}`);
    const r = planOver(args, self, args.optInts('dim'), args.bool('keepdim', false));
    const out = outputBuffer(requested ?? self.dtype, r.plan.outShape);
    reduceNorm(r.data, r.plan, out.values, p);
    return out.finish();
  },
};
