// where, masked_fill, clamp / clamp_min / clamp_max (scalar and tensor bounds).
import type { DType } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import type { PromotionOperand } from '../../util/promotion.js';
import { resultType } from '../../util/promotion.js';
import { scalarView } from '../../util/elementwise.js';
import type { Operand } from './operand.js';
import { operand, optOperand, promotionOf, viewOf } from './operand.js';
import type { TernaryCall } from './ternary-kernel.js';
import { applyTernary, applyTernaryInPlace } from './ternary-kernel.js';

const pick = (c: number, x: number, y: number): number => (c !== 0 ? x : y);

function whereCall(args: KernelArgs): TernaryCall {
  const cond = operand(args, 'condition'), a = operand(args, 'self'), b = operand(args, 'other');
  const out = resultType([promotionOf(a), promotionOf(b)]);
  return {
    operands: [cond, a, b],
    views: (s) => [viewOf(cond, 'bool', s), viewOf(a, out, s), viewOf(b, out, s)],
    out,
    fn: pick,
  };
}

function maskedFillCall(args: KernelArgs): TernaryCall {
  const self = args.tensor('self'), mask = operand(args, 'mask'), value = operand(args, 'value');
  const selfOp: Operand = { kind: 'tensor', tensor: self };
  // The fill value is cast to self's dtype, whatever its own type.
  const v = value.kind === 'tensor' ? value.tensor.item() : value.value;
  const fill: Operand = { kind: 'scalar', value: v, scalar: 'float' };
  return {
    operands: [mask, selfOp, null],
    views: (s) => [viewOf(mask, 'bool', s), viewOf(fill, self.dtype, s), viewOf(selfOp, self.dtype, s)],
    out: self.dtype,
    fn: pick,
  };
}

/** clamp with optional bounds: missing ones are ±infinity, NaN input stays NaN, NaN bounds give NaN. */
export function clamp(x: number, lo: number, hi: number): number {
  return x !== x ? x : Math.min(Math.max(x, lo), hi);
}

function clampCall(args: KernelArgs, minName: string | null, maxName: string | null): TernaryCall {
  const self = operand(args, 'self');
  const lo = minName === null ? null : optOperand(args, minName);
  const hi = maxName === null ? null : optOperand(args, maxName);
  if (lo === null && hi === null) throw args.error('clamp: at least one of min and max must be given, given neither');
  const ops: PromotionOperand[] = [promotionOf(self)];
  if (lo) ops.push(promotionOf(lo));
  if (hi) ops.push(promotionOf(hi));
  const out: DType = resultType(ops);
  return {
    operands: [self, lo, hi],
    views: (s) => [
      viewOf(self, out, s),
      lo === null ? scalarView(-Infinity, s.length) : viewOf(lo, out, s),
      hi === null ? scalarView(Infinity, s.length) : viewOf(hi, out, s),
    ],
    out,
    fn: clamp,
  };
}

/** Functional and in-place kernels of one clamp variant. */
function clampKernels(name: string, overloads: readonly string[], minName: string | null, maxName: string | null): KernelDef[] {
  return [
    { ops: overloads.map((o) => `aten.${name}.${o}`), run: (args) => applyTernary(clampCall(args, minName, maxName)) },
    {
      ops: overloads.map((o) => `aten.${name}_.${o}`),
      run: (args) => applyTernaryInPlace(clampCall(args, minName, maxName), args.tensor('self'), args),
    },
  ];
}

/** Kernels of where, masked_fill, clamp, clamp_min, clamp_max. */
export const SELECT_CLAMP_KERNELS: readonly KernelDef[] = [
  {
    ops: ['aten.where.self', 'aten.where.ScalarSelf', 'aten.where.ScalarOther', 'aten.where.Scalar'],
    run: (args) => applyTernary(whereCall(args)),
  },
  { ops: ['aten.masked_fill.Scalar', 'aten.masked_fill.Tensor'], run: (args) => applyTernary(maskedFillCall(args)) },
  {
    ops: ['aten.masked_fill_.Scalar', 'aten.masked_fill_.Tensor'],
    run: (args) => applyTernaryInPlace(maskedFillCall(args), args.tensor('self'), args),
  },
  ...clampKernels('clamp', ['default', 'Tensor'], 'min', 'max'),
  ...clampKernels('clip', ['default', 'Tensor'], 'min', 'max'),
  ...clampKernels('clamp_min', ['default', 'Tensor'], 'min', null),
  ...clampKernels('clamp_max', ['default', 'Tensor'], null, 'max'),
];
