// dtype casts: _to_copy, to.*, type_as. The interpreter keeps every tensor on the CPU, so device
// arguments only matter to the delegates that own other devices.
import type { DType, Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { castTensor } from './operand.js';

/** `self` converted to `dtype`: itself when nothing changes and no copy is asked for. */
function toDType(self: Tensor, dtype: DType | null, args: KernelArgs): Tensor {
  const target = dtype ?? self.dtype;
  if (target === self.dtype && !args.bool('copy', false)) return self;
  return castTensor(self, target);
}

/** Kernels of _to_copy, to.dtype, to.device, to.dtype_layout, to.other, type_as. */
export const CAST_KERNELS: readonly KernelDef[] = [
  { ops: ['aten._to_copy.default'], run: (args) => castTensor(args.tensor('self'), args.dtype('dtype') ?? args.tensor('self').dtype) },
  { ops: ['aten.to.dtype', 'aten.to.device', 'aten.to.dtype_layout'], run: (args) => toDType(args.tensor('self'), args.dtype('dtype'), args) },
  { ops: ['aten.to.other'], run: (args) => toDType(args.tensor('self'), args.tensor('other').dtype, args) },
  { ops: ['aten.type_as.default'], run: (args) => toDType(args.tensor('self'), args.tensor('other').dtype, args) },
];
