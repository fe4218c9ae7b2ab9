import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { outputBuffer } from '../../util/elementwise.js';
import type { PlannedReduction } from './reduce-args.js';
import { planAlong, planOver, realTensor, requireNonEmpty } from './reduce-args.js';
import { extremeInt64, int64Elements } from './int64-reduce.js';
import { reduceArgExtreme, reduceExtreme } from './reduce-math.js';

function extreme(args: KernelArgs, r: PlannedReduction, isMax: boolean, op: string) {
  requireNonEmpty(args, r, op);
  const exact = int64Elements(r);
  if (exact !== null) return extremeInt64(exact, r.plan, isMax).values;
  const out = outputBuffer(r.input.dtype, r.plan.outShape, true);
  reduceExtreme(r.data, r.plan, out.values, isMax);
  return out.finish();
}

function valuesAndIndices(args: KernelArgs, r: PlannedReduction, isMax: boolean, op: string) {
  requireNonEmpty(args, r, op);
  const exact = int64Elements(r);
  if (exact !== null) {
    const e = extremeInt64(exact, r.plan, isMax);
    return [e.values, e.indices];
  }
  const values = outputBuffer(r.input.dtype, r.plan.outShape, true);
  const indices = outputBuffer('int64', r.plan.outShape);
  reduceArgExtreme(r.data, r.plan, values.values, indices.values, isMax);
  return [values.finish(), indices.finish()];
}

/** `aten.amax` / `aten.amin`: NaN propagates; `dim=[]` reduces every dim. */
export const AMAX_AMIN: KernelDef = {
  ops: ['aten.amax.default', 'aten.amin.default'],
  run: (args) => {
    const isMax = args.node.target === 'aten.amax.default';
    const r = planOver(args, realTensor(args, 'self'), args.ints('dim', []), args.bool('keepdim', false));
    return extreme(args, r, isMax, isMax ? 'amax' : 'amin');
  },
};

/** `aten.max` / `aten.min`: `.default` gives a 0-d tensor; `.dim` gives (values, int64 indices of first occurrence). */
export const MAX_MIN: KernelDef = {
  ops: ['aten.max.default', 'aten.min.default', 'aten.max.dim', 'aten.min.dim'],
  run: (args) => {
    const isMax = args.node.target.startsWith('aten.max');
    const op = isMax ? 'max' : 'min';
    const self = realTensor(args, 'self');
    if (args.node.target.endsWith('.default')) return extreme(args, planOver(args, self, null, false), isMax, op);
    return valuesAndIndices(args, planAlong(args, self, args.int('dim'), args.bool('keepdim', false)), isMax, op);
  },
};

/** `aten.argmax` / `aten.argmin`: first occurrence; no dim flattens (keepdim then keeps every dim as 1). */
export const ARGMAX_ARGMIN: KernelDef = {
  ops: ['aten.argmax.default', 'aten.argmin.default'],
  run: (args) => {
    const isMax = args.node.target === 'aten.argmax.default';
    const self = realTensor(args, 'self');
    const dim = args.optInt('dim');
    const keepdim = args.bool('keepdim', false);
    const r = dim === null ? planOver(args, self, null, keepdim) : planAlong(args, self, dim, keepdim);
    requireNonEmpty(args, r, isMax ? 'argmax' : 'argmin');
    const exact = int64Elements(r);
    if (exact !== null) return extremeInt64(exact, r.plan, isMax).indices;
    const indices = outputBuffer('int64', r.plan.outShape);
    reduceArgExtreme(r.data, r.plan, null, indices.values, isMax);
    return indices.finish();
  },
};

/** `aten.aminmax`: (min, max) over `dim` or the whole tensor. */
export const AMINMAX: KernelDef = {
  ops: ['aten.aminmax.default'],
  run: (args) => {
    const self = realTensor(args, 'self');
    const dim = args.optInt('dim');
    const keepdim = args.bool('keepdim', false);
    const r = dim === null ? planOver(args, self, null, keepdim) : planAlong(args, self, dim, keepdim);
    return [extreme(args, r, false, 'aminmax'), extreme(args, r, true, 'aminmax')];
  },
};
