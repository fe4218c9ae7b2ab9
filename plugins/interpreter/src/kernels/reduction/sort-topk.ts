import { Tensor, contiguousStrides } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { outputBuffer } from '../../util/elementwise.js';
import { planReduce, reductionDims } from '../../util/reduce-plan.js';
import { int64Elements } from './int64-reduce.js';
import type { PlannedReduction } from './reduce-args.js';
import { planAlong, planScan, realTensor } from './reduce-args.js';
import { gatherGroup, sortedOrder, sortedOrderInt64 } from './sort-math.js';

/** Sorts the groups of a reduction one at a time and writes chosen elements to a values tensor. */
interface GroupSorter {
  /** Stable order of group `o`'s elements (positions within the group). */
  order(o: number): number[];
  /** Writes element `j` of the group last ordered at flat position `d` of the values tensor. */
  put(d: number, j: number): void;
  finish(): Tensor;
}

/** A {@link GroupSorter} for `r` writing values of `outShape`: exact for int64, else through doubles. */
function groupSorter(r: PlannedReduction, outShape: readonly number[], descending: boolean): GroupSorter {
  const exact = int64Elements(r);
  if (exact !== null) {
    const group = new BigInt64Array(r.plan.inner);
    const out = Tensor.zeros('int64', outShape);
    const vd = out.data() as BigInt64Array;
    return {
      order: (o) => (gatherGroup(exact, r.plan, o, group), sortedOrderInt64(group, descending)),
      put: (d, j) => { vd[d] = group[j]!; },
      finish: () => out,
    };
  }
  const group = new Float64Array(r.plan.inner);
  const values = outputBuffer(r.input.dtype, outShape, true);
  return {
    order: (o) => (gatherGroup(r.data, r.plan, o, group), sortedOrder(group, descending)),
    put: (d, j) => { values.values[d] = group[j]!; },
    finish: () => values.finish(),
  };
}

/** `aten.sort` (default, stable) and `aten.argsort` (default, stable): stable, NaN sorted as greatest. */
export const SORT: KernelDef = {
  ops: ['aten.sort.default', 'aten.sort.stable', 'aten.argsort.default', 'aten.argsort.stable'],
  run: (args) => {
    const self = realTensor(args, 'self');
    const { r, out } = planScan(args, self, args.int('dim', -1));
    const descending = args.bool('descending', false);
    const withValues = args.node.target.startsWith('aten.sort');
    const values = groupSorter(r, self.shape, descending);
    const indices = outputBuffer('int64', self.shape);
    for (let o = 0; o < r.plan.outer; o++) {
      const order = values.order(o);
      const base = out.outerOffsets[o]!;
      for (let i = 0; i < order.length; i++) {
        const d = base + out.innerOffsets[i]!;
        values.put(d, order[i]!);
        indices.values[d] = order[i]!;
      }
    }
    return withValues ? [values.finish(), indices.finish()] : indices.finish();
  },
};

/**
 * `aten.topk`: the k largest (or smallest) along `dim`, in sorted order. Ties are ordered by index
 * (PyTorch leaves their order to its partial-sort implementation).
 */
export const TOPK: KernelDef = {
  ops: ['aten.topk.default'],
  run: (args) => {
    const self = realTensor(args, 'self');
    const k = args.int('k');
    const r = planAlong(args, self, args.int('dim', -1), true);
    if (k < 0 || k > r.plan.inner) throw args.error(`topk: k (${k}) out of range for a dim of size ${r.plan.inner}`);
    // planAlong validated `dim`; wrap it again to size the output.
    const dims = self.rank === 0 ? [] : reductionDims([args.int('dim', -1)], self.rank);
    const outShape = self.shape.map((s, i) => (i === dims[0] ? k : s));
    const out = planReduce(outShape, contiguousStrides(outShape), 0, dims, true);
    const values = groupSorter(r, outShape, args.bool('largest', true));
    const indices = outputBuffer('int64', outShape);
    for (let o = 0; o < r.plan.outer; o++) {
      const order = values.order(o);
      const base = out.outerOffsets[o]!;
      for (let i = 0; i < k; i++) {
        const d = base + out.innerOffsets[i]!;
        values.put(d, order[i]!);
        indices.values[d] = order[i]!;
      }
    }
    return [values.finish(), indices.finish()];
  },
};
