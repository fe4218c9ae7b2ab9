// lerp, addcmul, addcdiv: self combined with two more operands.
import type { DType } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { resultType } from '../../util/promotion.js';
import { castScalar, operand, promotionOf, viewOf } from './operand.js';
import type { TernaryCall } from './ternary-kernel.js';
import { applyTernary, applyTernaryInPlace } from './ternary-kernel.js';

/** PyTorch's lerp: two formulas so that weight 0 gives start and weight 1 gives end exactly. */
export function lerp(start: number, end: number, weight: number): number {
  return Math.abs(weight) < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight);
}

function lerpCall(args: KernelArgs): TernaryCall {
  const self = operand(args, 'self'), end = operand(args, 'end'), weight = operand(args, 'weight');
  const out = resultType([promotionOf(self), promotionOf(end)]);
  return { operands: [self, end, weight], views: (s) => [viewOf(self, out, s), viewOf(end, out, s), viewOf(weight, out, s)], out, fn: lerp };
}

/** addcmul / addcdiv: self + value * (t1 op t2). */
function addcCall(args: KernelArgs, div: boolean): TernaryCall {
  const self = operand(args, 'self'), t1 = operand(args, 'tensor1'), t2 = operand(args, 'tensor2');
  const out: DType = resultType([promotionOf(self), promotionOf(t1), promotionOf(t2)]);
  const value = castScalar(args.scalar('value', 1), out);
  return {
    operands: [self, t1, t2],
    views: (s) => [viewOf(self, out, s), viewOf(t1, out, s), viewOf(t2, out, s)],
    out,
    fn: div ? (x, a, b) => x + value * (a / b) : (x, a, b) => x + value * a * b,
  };
}

/** Functional and in-place kernels of a self-combining op. */
function kernels(name: string, overloads: readonly string[], call: (args: KernelArgs) => TernaryCall): KernelDef[] {
  return [
    { ops: overloads.map((o) => `aten.${name}.${o}`), run: (args) => applyTernary(call(args), args) },
    { ops: overloads.map((o) => `aten.${name}_.${o}`), run: (args) => applyTernaryInPlace(call(args), args.tensor('self'), args) },
  ];
}

/** Kernels of lerp, addcmul, addcdiv. */
export const BLEND_KERNELS: readonly KernelDef[] = [
  ...kernels('lerp', ['Scalar', 'Tensor'], lerpCall),
  ...kernels('addcmul', ['default'], (a) => addcCall(a, false)),
  ...kernels('addcdiv', ['default'], (a) => addcCall(a, true)),
];
