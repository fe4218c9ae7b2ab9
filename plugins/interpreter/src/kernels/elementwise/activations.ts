// Pointwise activations: relu family, gelu, silu, mish, hard*, elu family, softplus, logit, threshold.
import type { DType } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { toFloatingType } from '../../util/promotion.js';
import { F32_UNARY_LOOPS, geluLoop } from './float32-unary.js';
import { castScalar } from './operand.js';
import { erf } from './special-math.js';
import type { UnarySpec } from './unary-kernel.js';
import { unaryKernels } from './unary-kernel.js';

const SQRT1_2 = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

/** gelu with `approximate` 'none' (erf) or 'tanh'. */
export function geluFn(approximate: string): (x: number) => number {
  if (approximate === 'tanh') return (x) => 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
  return (x) => 0.5 * x * (1 + erf(x * SQRT1_2));
}

/** softplus: log(1 + exp(beta x)) / beta, linear above `threshold` (in units of beta x). */
export function softplusFn(beta: number, threshold: number): (x: number) => number {
  return (x) => (x * beta > threshold ? x : Math.log1p(Math.exp(x * beta)) / beta);
}

/** elu family: x > 0 ? scale x : alpha scale (exp(input_scale x) - 1). */
export function eluFn(alpha: number, scale: number, inputScale: number): (x: number) => number {
  return (x) => (x > 0 ? x * scale : alpha * scale * Math.expm1(x * inputScale));
}

/** Clamps into [lo, hi]; NaN stays NaN. */
function clampFn(lo: number, hi: number): (x: number) => number {
  return (x) => (Number.isNaN(x) ? x : Math.min(Math.max(x, lo), hi));
}

/** A float activation whose element function depends on the node's scalar arguments. */
function floatAct(fn: (dtype: DType, args: KernelArgs) => (x: number) => number): UnarySpec {
  return { outDtype: toFloatingType, fn };
}

/** An activation keeping the input dtype (valid on integers too). */
function exactAct(fn: (dtype: DType, args: KernelArgs) => (x: number) => number): UnarySpec {
  return { outDtype: (d) => d, fn };
}

const relu = (x: number): number => (x > 0 ? x : Number.isNaN(x) ? x : 0);
const hardsigmoid = (x: number): number => Math.min(Math.max(x + 3, 0), 6) / 6;

/** Kernels of the activations, functional and in-place. */
export const ACTIVATION_KERNELS: readonly KernelDef[] = [
  ...unaryKernels('relu', { ...exactAct(() => relu), f32: () => F32_UNARY_LOOPS['relu']! }),
  ...unaryKernels('relu6', exactAct(() => clampFn(0, 6)), ['default'], false),
  ...unaryKernels('hardtanh', exactAct((d, a) => clampFn(castScalar(a.scalar('min_val', -1), d), castScalar(a.scalar('max_val', 1), d)))),
  ...unaryKernels('threshold', exactAct((d, a) => {
    const th = castScalar(a.scalar('threshold'), d), v = castScalar(a.scalar('value'), d);
    return (x) => (x <= th ? v : x);
  })),
  ...unaryKernels('gelu', { ...floatAct((_d, a) => geluFn(a.string('approximate', 'none'))), f32: (a) => geluLoop(a.string('approximate', 'none')) }),
  ...unaryKernels('silu', { ...floatAct(() => (x) => x / (1 + Math.exp(-x))), f32: () => F32_UNARY_LOOPS['silu']! }),
  ...unaryKernels('mish', floatAct(() => (x) => x * Math.tanh(Math.log1p(Math.exp(x))))),
  ...unaryKernels('hardswish', { ...floatAct(() => (x) => x * hardsigmoid(x)), f32: () => F32_UNARY_LOOPS['hardswish']! }),
  ...unaryKernels('hardsigmoid', { ...floatAct(() => hardsigmoid), f32: () => F32_UNARY_LOOPS['hardsigmoid']! }),
  ...unaryKernels('leaky_relu', floatAct((d, a) => {
    const slope = castScalar(a.scalar('negative_slope', 0.01), d);
    return (x) => (x > 0 ? x : x * slope);
  })),
  ...unaryKernels('elu', floatAct((_d, a) => eluFn(a.scalar('alpha', 1), a.scalar('scale', 1), a.scalar('input_scale', 1)))),
  ...unaryKernels('celu', floatAct((_d, a) => {
    const alpha = a.scalar('alpha', 1);
    return eluFn(alpha, 1, 1 / alpha);
  })),
  ...unaryKernels('selu', floatAct(() => eluFn(SELU_ALPHA, SELU_SCALE, 1))),
  ...unaryKernels('softplus', floatAct((_d, a) => softplusFn(a.scalar('beta', 1), a.scalar('threshold', 20))), ['default'], false),
  ...unaryKernels('logit', floatAct((_d, a) => {
    if (!a.has('eps')) return (x) => Math.log(x / (1 - x));
    const eps = a.float('eps');
    return (x) => {
      const z = Number.isNaN(x) ? x : Math.min(Math.max(x, eps), 1 - eps);
      return Math.log(z / (1 - z));
    };
  })),
];
