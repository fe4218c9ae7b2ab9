import { Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { outputBuffer } from '../../util/elementwise.js';
import { int64Elements } from './int64-reduce.js';
import type { PlannedReduction } from './reduce-args.js';
import { planAlong, planOver, realTensor, requireNonEmpty } from './reduce-args.js';
import { denseRanksInt64, gatherGroup, modeOf, sortedOrder } from './sort-math.js';

/**
 * Picks one (value, index) per group of `r` with `pick`, into new tensors of the plan's shape.
 * int64 groups are picked on their dense ranks (exact order and ties) and the value is then
 * moved from the group bit for bit.
 */
function perGroup(r: PlannedReduction, pick: (group: Float64Array) => { value: number; index: number }): [Tensor, Tensor] {
  const indices = outputBuffer('int64', r.plan.outShape);
  const group = new Float64Array(r.plan.inner);
  const exact = int64Elements(r);
  if (exact !== null) {
    const values = Tensor.zeros('int64', r.plan.outShape);
    const vd = values.data() as BigInt64Array, big = new BigInt64Array(r.plan.inner);
    for (let o = 0; o < r.plan.outer; o++) {
      gatherGroup(exact, r.plan, o, big);
      denseRanksInt64(big, group);
      const index = pick(group).index;
      vd[o] = big[index]!;
      indices.values[o] = index;
    }
    return [values, indices.finish()];
  }
  const values = outputBuffer(r.input.dtype, r.plan.outShape, true);
  for (let o = 0; o < r.plan.outer; o++) {
    gatherGroup(r.data, r.plan, o, group);
    const p = pick(group);
    values.values[o] = p.value;
    indices.values[o] = p.index;
  }
  return [values.finish(), indices.finish()];
}

/** The k-th smallest (1-based) in stable order, NaN greatest. */
function kth(group: Float64Array, k: number): { value: number; index: number } {
  const index = sortedOrder(group, false)[k - 1]!;
  return { value: group[index]!, index };
}

/** Lower median; with `ignoreNaN` (nanmedian) NaNs are skipped, else the first NaN wins. */
function median(group: Float64Array, ignoreNaN: boolean): { value: number; index: number } {
  const order = sortedOrder(group, false);
  let n = order.length;
  while (n > 0 && group[order[n - 1]!] !== group[order[n - 1]!]) n--;
  if (n < order.length && !ignoreNaN) {
    const first = group.findIndex((v) => v !== v);
    return { value: NaN, index: first };
  }
  if (n === 0) return { value: NaN, index: order[0] ?? 0 };
  const index = order[Math.floor((n - 1) / 2)]!;
  return { value: group[index]!, index };
}

function alongDim(args: KernelArgs, dflt?: number): PlannedReduction {
  return planAlong(args, realTensor(args, 'self'), args.int('dim', dflt), args.bool('keepdim', false));
}

/** `aten.kthvalue`: (value, index) of the k-th smallest along `dim`. */
export const KTHVALUE: KernelDef = {
  ops: ['aten.kthvalue.default'],
  run: (args) => {
    const r = alongDim(args, -1);
    const k = args.int('k');
    if (k < 1 || k > r.plan.inner) throw args.error(`kthvalue: k (${k}) out of range for a dim of size ${r.plan.inner}`);
    return perGroup(r, (g) => kth(g, k));
  },
};

/** `aten.median` / `aten.nanmedian`: `.default` gives the 0-d lower median, `.dim` gives (values, indices). */
export const MEDIAN: KernelDef = {
  ops: ['aten.median.default', 'aten.median.dim', 'aten.nanmedian.default', 'aten.nanmedian.dim'],
  run: (args) => {
    const ignoreNaN = args.node.target.startsWith('aten.nanmedian');
    const r = args.node.target.endsWith('.dim') ? alongDim(args) : planOver(args, realTensor(args, 'self'), null, false);
    requireNonEmpty(args, r, 'median');
    const result = perGroup(r, (g) => median(g, ignoreNaN));
    return args.node.target.endsWith('.dim') ? result : result[0];
  },
};

/** `aten.mode`: most frequent value along `dim` (smallest on ties) and the index of its last occurrence. */
export const MODE: KernelDef = {
  ops: ['aten.mode.default'],
  run: (args) => {
    const r = alongDim(args, -1);
    requireNonEmpty(args, r, 'mode');
    return perGroup(r, modeOf);
  },
};
