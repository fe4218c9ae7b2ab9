import { ErrorCode } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';

/** `_assert_scalar`: throws AssertionFailed with the exporter's message when the condition is false. */
export const ASSERT_SCALAR_KERNEL: KernelDef = {
  ops: ['aten._assert_scalar.default'],
  run: (args) => {
    if (!args.bool('self')) throw args.error(args.string('assert_msg', 'runtime assertion failed'), ErrorCode.AssertionFailed);
    return [];
  },
};

/** `_assert_async` / `_assert_async.msg`: throws AssertionFailed when the one-element tensor is zero. */
export const ASSERT_ASYNC_KERNEL: KernelDef = {
  ops: ['aten._assert_async.default', 'aten._assert_async.msg'],
  run: (args) => {
    const t = args.tensor('self');
    if (t.numel !== 1) throw args.error(`expects a one-element tensor, given [${t.shape.join(', ')}]`);
    if (t.item() === 0) throw args.error(args.string('assert_msg', 'assertion failed on a tensor equal to zero'), ErrorCode.AssertionFailed);
    return [];
  },
};

/** `_assert_tensor_metadata`: checks the dtype, sizes and device the exporter recorded (strides are layout, not checked). */
export const ASSERT_TENSOR_METADATA_KERNEL: KernelDef = {
  ops: ['aten._assert_tensor_metadata.default'],
  run: (args) => {
    const a = args.tensor('a');
    const dtype = args.dtype('dtype');
    if (dtype !== null && dtype !== a.dtype) throw args.error(`tensor metadata mismatch: expected dtype ${dtype}, given ${a.dtype}`, ErrorCode.AssertionFailed);
    const size = args.optInts('size');
    if (size !== null && (size.length !== a.rank || size.some((s, i) => s !== a.shape[i]))) {
      throw args.error(`tensor metadata mismatch: expected sizes [${size.join(', ')}], given [${a.shape.join(', ')}]`, ErrorCode.AssertionFailed);
    }
    const dev = args.raw('device');
    if (dev?.kind === 'device' && dev.device.type !== a.device.type) {
      throw args.error(`tensor metadata mismatch: expected device ${dev.device.type}, given ${a.device.type}`, ErrorCode.AssertionFailed);
    }
    return [];
  },
};

/** `sym_constrain_range` / `_for_size`: checks min <= size <= max (a size is also >= 0). */
export const SYM_CONSTRAIN_RANGE_KERNEL: KernelDef = {
  ops: ['aten.sym_constrain_range.default', 'aten.sym_constrain_range_for_size.default'],
  run: (args) => {
    const v = args.scalar('size');
    const forSize = args.node.target === 'aten.sym_constrain_range_for_size.default';
    const min = args.optInt('min') ?? (forSize ? 0 : -Infinity), max = args.optInt('max') ?? Infinity;
    if (v < min || v > max) throw args.error(`value ${v} is outside the constrained range [${min}, ${max}]`, ErrorCode.AssertionFailed);
    return [];
  },
};
