// item / _local_scalar_dense: a one-element tensor's value as a graph scalar (SymInt/SymFloat/SymBool).
import { isComplex } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';

/**
 * `item` and `_local_scalar_dense`: the single element as a number (int64 exact to 2^53), or a
 * boolean for a bool tensor, as Python's `Tensor.item()` returns.
 */
export const ITEM_KERNEL: KernelDef = {
  ops: ['aten.item.default', 'aten._local_scalar_dense.default'],
  run: (args) => {
    const self = args.tensor('self');
    if (self.numel !== 1) throw args.error(`expected a tensor with one element, given shape [${self.shape.join(', ')}] (${self.numel} elements)`);
    if (isComplex(self.dtype)) throw args.error(`a ${self.dtype} scalar has no real graph value; expected a real or bool tensor`);
    const v = self.item();
    return self.dtype === 'bool' ? v !== 0 : v;
  },
};
