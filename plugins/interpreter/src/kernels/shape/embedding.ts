import { Tensor } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { gatherOffsets } from '../../util/strided-copy.js';
import { reshapeView } from './views.js';
import { indexedDimPlan } from './scatter-math.js';

/** `embedding`: rows of weight picked by indices, shaped indices.shape + [embedding_dim]. */
export const EMBEDDING_KERNEL: KernelDef = {
  ops: ['aten.embedding.default'],
  run: (args) => {
    const weight = args.tensor('weight'), indices = args.tensor('indices');
    if (weight.rank !== 2) throw args.error(`weight must be 2-d, given [${weight.shape.join(', ')}]`);
    const plan = indexedDimPlan(weight, 0, reshapeView(indices, [indices.numel]));
    return gatherOffsets(weight, plan.offsets, [...indices.shape, weight.shape[1]!]);
  },
};

/** `one_hot`: int64 tensor self.shape + [num_classes] (num_classes -1: max + 1). */
export const ONE_HOT_KERNEL: KernelDef = {
  ops: ['aten.one_hot.default'],
  run: (args) => {
    const self = args.tensor('self');
    const vals = self.toFloat64();
    let classes = args.int('num_classes', -1);
    if (classes === -1) classes = vals.length === 0 ? 0 : Math.max(...vals) + 1;
    const out = new Float64Array(vals.length * classes);
    vals.forEach((v, i) => {
      if (v < 0 || v >= classes) throw args.error(`class value ${v} out of range [0, ${classes})`);
      out[i * classes + v] = 1;
    });
    return Tensor.fromNumbers('int64', [...self.shape, classes], out);
  },
};
