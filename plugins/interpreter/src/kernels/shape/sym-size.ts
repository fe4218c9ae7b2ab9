import type { KernelDef } from '../../kernel/kernel-def.js';
import { normalizeDim } from '../../util/shape.js';

/** `sym_size.int`: the size of one dim, as a SymInt. */
export const SYM_SIZE_KERNEL: KernelDef = {
  ops: ['aten.sym_size.int'],
  run: (args) => {
    const self = args.tensor('self');
    return self.shape[normalizeDim(args.int('dim'), self.rank)] ?? 1;
  },
};

/** `sym_numel`: the element count, as a SymInt. */
export const SYM_NUMEL_KERNEL: KernelDef = {
  ops: ['aten.sym_numel.default'],
  run: (args) => args.tensor('self').numel,
};

/** `sym_stride.int`: the stride of one dim in this runtime's layout, as a SymInt. */
export const SYM_STRIDE_KERNEL: KernelDef = {
  ops: ['aten.sym_stride.int'],
  run: (args) => {
    const self = args.tensor('self');
    return self.strides[normalizeDim(args.int('dim'), self.rank)] ?? 1;
  },
};

/** `sym_storage_offset`: the storage offset in elements, as a SymInt. */
export const SYM_STORAGE_OFFSET_KERNEL: KernelDef = {
  ops: ['aten.sym_storage_offset.default'],
  run: (args) => args.tensor('self').offset,
};
