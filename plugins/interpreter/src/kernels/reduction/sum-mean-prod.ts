import { isFloating } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { outputBuffer } from '../../util/elementwise.js';
import { accumulateDtype, planAlong, planOver, realTensor } from './reduce-args.js';
import { complexSumOrMean } from './complex-reduce.js';
import { int64Elements, prodInt64, sumInt64 } from './int64-reduce.js';
import { reduceProd, reduceSum } from './reduce-math.js';

/** `aten.sum` (all overloads) and `aten.nansum`: int/bool inputs sum to int64 unless `dtype` says. */
export const SUM: KernelDef = {
  ops: ['aten.sum.default', 'aten.sum.dim_IntList', 'aten.nansum.default'],
  run: (args) => {
    const complex = args.node.target === 'aten.nansum.default' ? null : complexSumOrMean(args, false);
    if (complex !== null) return complex;
    const self = realTensor(args, 'self');
    const r = planOver(args, self, args.optInts('dim'), args.bool('keepdim', false));
    const dtype = accumulateDtype(self.dtype, args.dtype('dtype'));
    const exact = int64Elements(r, dtype);
    if (exact !== null) return sumInt64(exact, r.plan);
    const out = outputBuffer(dtype, r.plan.outShape);
    reduceSum(r.data, r.plan, out.values, args.node.target === 'aten.nansum.default');
    return out.finish();
  },
};

/** `aten.mean` (default, dim): floating (or explicit `dtype`) only, as PyTorch requires. */
export const MEAN: KernelDef = {
  ops: ['aten.mean.default', 'aten.mean.dim'],
  run: (args) => {
    const complex = complexSumOrMean(args, true);
    if (complex !== null) return complex;
    const self = realTensor(args, 'self');
    const dtype = args.dtype('dtype') ?? self.dtype;
    if (!isFloating(dtype)) {
      throw args.error(`mean(): could not infer output dtype; input must be floating point (or pass dtype), given ${self.dtype}`);
    }
    const r = planOver(args, self, args.optInts('dim'), args.bool('keepdim', false));
    const out = outputBuffer(dtype, r.plan.outShape);
    reduceSum(r.data, r.plan, out.values);
    const n = r.plan.inner;
    for (let i = 0; i < out.values.length; i++) out.values[i] = out.values[i]! / n;
    return out.finish();
  },
};

/** `aten.prod` (default, dim_int): int/bool inputs multiply in int64. */
export const PROD: KernelDef = {
  ops: ['aten.prod.default', 'aten.prod.dim_int'],
  run: (args) => {
    const self = realTensor(args, 'self');
    const r = args.has('dim') ? planAlong(args, self, args.int('dim'), args.bool('keepdim', false)) : planOver(args, self, null, false);
    const dtype = accumulateDtype(self.dtype, args.dtype('dtype'));
    const exact = int64Elements(r, dtype);
    if (exact !== null) return prodInt64(exact, r.plan);
    const out = outputBuffer(dtype, r.plan.outShape);
    reduceProd(r.data, r.plan, out.values);
    return out.finish();
  },
};
