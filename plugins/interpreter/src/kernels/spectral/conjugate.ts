import { isComplex } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { complexOf, complexTensor } from './complex-buffer.js';
import { conjugate } from './spectral-args.js';

/**
 * `aten._conj` / `aten.conj_physical`: complex conjugate (real tensors returned as they are). PyTorch's
 * `_conj` is a lazy view with a conjugate bit; here it is materialized, so `resolve_conj` is the identity.
 */
export const CONJ: KernelDef = {
  ops: ['aten._conj.default', 'aten.conj_physical.default'],
  run: (args) => {
    const self = args.tensor('self');
    if (!isComplex(self.dtype)) return args.node.target === 'aten._conj.default' ? self : self.clone();
    return complexTensor(self.dtype, conjugate(complexOf(self)), 1);
  },
};

/** `aten.resolve_conj`: the identity, since conjugates are never lazy here. */
export const RESOLVE_CONJ: KernelDef = {
  ops: ['aten.resolve_conj.default'],
  run: (args) => args.tensor('self'),
};
