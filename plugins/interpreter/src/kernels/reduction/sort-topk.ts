import { contiguousStrides } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { outputBuffer } from '../../util/elementwise.js';
import { planReduce, reductionDims } from '../../util/reduce-plan.js';
import { planAlong, planScan, realTensor } from './reduce-args.js';
import { gatherGroup, sortedOrder } from './sort-math.js';

/** `aten.sort` (default, stable) and `aten.argsort` (default, stable): stable, NaN sorted as greatest. */
export const SORT: KernelDef = {
  ops: ['aten.sort.default', 'aten.sort.stable', 'aten.argsort.default', 'aten.argsort.stable'],
  run: (args) => {
    const self = realTensor(args, 'self');
    const { r, out } = planScan(args, self, args.int('dim', -1));
    const descending = args.bool('descending', false);
    const withValues = args.node.target.startsWith('aten.sort');
    const values = outputBuffer(self.dtype, self.shape, true);
    const indices = outputBuffer('int64', self.shape);
    const group = new Float64Array(r.plan.inner);
    for (let o = 0; o < r.plan.outer; o++) {
      gatherGroup(r.data, r.plan, o, group);
      const order = sortedOrder(group, descending);
      const base = out.outerOffsets[o]!;
      for (let i = 0; i < order.length; i++) {
        const d = base + out.innerOffsets[i]!;
        values.values[d] = group[order[i]!]!;
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
    const values = outputBuffer(self.dtype, outShape, true);
    const indices = outputBuffer('int64', outShape);
    const group = new Float64Array(r.plan.inner);
    const largest = args.bool('largest', true);
    for (let o = 0; o < r.plan.outer; o++) {
      gatherGroup(r.data, r.plan, o, group);
      const order = sortedOrder(group, largest);
      const base = out.outerOffsets[o]!;
      for (let i = 0; i < k; i++) {
        const d = base + out.innerOffsets[i]!;
        values.values[d] = group[order[i]!]!;
        indices.values[d] = order[i]!;
      }
    }
    return [values.finish(), indices.finish()];
  },
};
