// Tensor factories: full/zeros/ones/empty and their _like/new_ forms, fill, scalar_tensor.
// Empty tensors are zero-filled (any content is valid for them).
import type { DType } from '@nativert/core';
import { Tensor, allocHost, contiguousStrides, itemSize } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { outputBuffer, writeInto } from '../../util/elementwise.js';
import { castScalar } from './operand.js';

/** A new contiguous tensor of `shape` filled with `value` cast to `dtype`. */
export function filled(dtype: DType, shape: readonly number[], value: number): Tensor {
  const buf = outputBuffer(dtype, shape);
  if (value !== 0) buf.values.fill(castScalar(value, dtype));
  return buf.finish();
}

/** The dtype PyTorch infers for a fill value of the given kind when none is given. */
function inferredDType(args: KernelArgs, name: string): DType {
  return args.isFloatScalar(name) ? 'float32' : args.isBoolScalar(name) ? 'bool' : 'int64';
}

/** The value of a Scalar or 0-d tensor argument. */
function fillValue(args: KernelArgs, name: string): number {
  return args.scalar(name);
}

/** A tensor of `size` with the given strides, zeroed storage just large enough for them. */
export function emptyStrided(dtype: DType, size: readonly number[], strides: readonly number[]): Tensor {
  let extent = size.some((d) => d === 0) ? 0 : 1;
  if (extent) for (let i = 0; i < size.length; i++) extent += (size[i]! - 1) * strides[i]!;
  return new Tensor(dtype, [...size], allocHost(extent * itemSize(dtype)), [...strides]);
}

/** `empty_permuted`: memory laid out in `physicalLayout` order, logical dims as `size`. */
export function emptyPermuted(dtype: DType, size: readonly number[], physicalLayout: readonly number[]): Tensor {
  const physical = physicalLayout.map((d) => size[d]!);
  const physStrides = contiguousStrides(physical);
  const strides = new Array<number>(size.length).fill(0);
  physicalLayout.forEach((d, i) => { strides[d] = physStrides[i]!; });
  return emptyStrided(dtype, size, strides);
}

/** Kernels of the tensor factories. */
export const FACTORY_KERNELS: readonly KernelDef[] = [
  { ops: ['aten.scalar_tensor.default'], run: (a) => filled(a.dtype('dtype') ?? 'float32', [], a.scalar('s')) },
  { ops: ['aten.full.default'], run: (a) => filled(a.dtype('dtype') ?? inferredDType(a, 'fill_value'), a.ints('size'), a.scalar('fill_value')) },
  { ops: ['aten.full_like.default'], run: (a) => { const s = a.tensor('self'); return filled(a.dtype('dtype') ?? s.dtype, s.shape, a.scalar('fill_value')); } },
  { ops: ['aten.zeros.default', 'aten.empty.memory_format'], run: (a) => filled(a.dtype('dtype') ?? 'float32', a.ints('size'), 0) },
  { ops: ['aten.ones.default'], run: (a) => filled(a.dtype('dtype') ?? 'float32', a.ints('size'), 1) },
  { ops: ['aten.zeros_like.default', 'aten.empty_like.default'], run: (a) => { const s = a.tensor('self'); return filled(a.dtype('dtype') ?? s.dtype, s.shape, 0); } },
  { ops: ['aten.ones_like.default'], run: (a) => { const s = a.tensor('self'); return filled(a.dtype('dtype') ?? s.dtype, s.shape, 1); } },
  { ops: ['aten.new_zeros.default', 'aten.new_empty.default'], run: (a) => filled(a.dtype('dtype') ?? a.tensor('self').dtype, a.ints('size'), 0) },
  { ops: ['aten.new_ones.default'], run: (a) => filled(a.dtype('dtype') ?? a.tensor('self').dtype, a.ints('size'), 1) },
  { ops: ['aten.new_full.default'], run: (a) => filled(a.dtype('dtype') ?? a.tensor('self').dtype, a.ints('size'), a.scalar('fill_value')) },
  { ops: ['aten.empty_strided.default', 'aten.new_empty_strided.default'], run: (a) => emptyStrided(a.dtype('dtype') ?? (a.has('self') ? a.tensor('self').dtype : 'float32'), a.ints('size'), a.ints('stride')) },
  { ops: ['aten.empty_permuted.default'], run: (a) => emptyPermuted(a.dtype('dtype') ?? 'float32', a.ints('size'), a.ints('physical_layout')) },
  { ops: ['aten.fill.Scalar', 'aten.fill.Tensor'], run: (a) => { const s = a.tensor('self'); return filled(s.dtype, s.shape, fillValue(a, 'value')); } },
  {
    ops: ['aten.fill_.Scalar', 'aten.fill_.Tensor', 'aten.zero_.default'],
    run: (a) => {
      const s = a.tensor('self');
      const v = a.node.target === 'aten.zero_.default' ? 0 : castScalar(fillValue(a, 'value'), s.dtype);
      writeInto(s, new Float64Array(s.numel).fill(v));
      return s;
    },
  },
];
