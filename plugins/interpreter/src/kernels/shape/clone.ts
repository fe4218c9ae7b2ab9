import { Tensor } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { copyInto } from '../../util/strided-copy.js';
import { cloneContiguous, contiguousFast } from '../../util/raw-copy.js';

/** `clone` and `lift_fresh_copy`: a contiguous copy (memory_format is a layout hint; results are row-major). */
export const CLONE_KERNEL: KernelDef = {
  ops: ['aten.clone.default', 'aten.lift_fresh_copy.default'],
  run: (args) => cloneContiguous(args.tensor('self')),
};

/** `contiguous`: self when already contiguous, else a contiguous copy. */
export const CONTIGUOUS_KERNEL: KernelDef = {
  ops: ['aten.contiguous.default'],
  run: (args) => contiguousFast(args.tensor('self')),
};

/** `copy`: a new tensor shaped and typed like self holding `src` broadcast and cast. */
export const COPY_KERNEL: KernelDef = {
  ops: ['aten.copy.default'],
  run: (args) => {
    const self = args.tensor('self');
    const out = Tensor.zeros(self.dtype, self.shape);
    copyInto(out, args.tensor('src'));
    return out;
  },
};

/** `copy_`: writes `src` (broadcast, cast) through self's strides; returns self. */
export const COPY_INPLACE_KERNEL: KernelDef = {
  ops: ['aten.copy_.default'],
  run: (args) => {
    const self = args.tensor('self');
    copyInto(self, args.tensor('src'));
    return self;
  },
};
