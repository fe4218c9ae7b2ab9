import { Tensor } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { outputBuffer } from '../../util/elementwise.js';
import { sortedOrder } from '../reduction/sort-math.js';
import { cloneContiguous } from '../../util/raw-copy.js';
import { permuteView } from './views.js';
import { numbersOf } from '../../util/numbers-of.js';

/**
 * `msort`: values sorted ascending along dim 0 (stable, NaN last), as `torch.sort(self, 0).values`.
 * Dim 0 is moved last so each column sorts as one contiguous run.
 */
export const MSORT_KERNEL: KernelDef = {
  ops: ['aten.msort.default'],
  run: (args) => {
    const self = args.tensor('self');
    if (self.rank === 0 || self.numel === 0) return cloneContiguous(self);
    const rank = self.rank, n = self.shape[0]!;
    const toLast = [...Array(rank).keys()].slice(1).concat(0);
    const cols = permuteView(self, toLast);
    const vals = numbersOf(cols);
    const buf = outputBuffer(self.dtype, cols.shape, true);
    const group = new Float64Array(n);
    for (let base = 0; base < vals.length; base += n) {
      for (let i = 0; i < n; i++) group[i] = vals[base + i]!;
      const order = sortedOrder(group, false);
      for (let i = 0; i < n; i++) buf.values[base + i] = group[order[i]!]!;
    }
    const sorted: Tensor = buf.finish();
    const back = [rank - 1, ...Array(rank - 1).keys()];
    return cloneContiguous(permuteView(sorted, back));
  },
};
