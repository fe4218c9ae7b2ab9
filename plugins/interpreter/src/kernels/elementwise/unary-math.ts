// Floating unary math (exp, log, trig, ...): integral and bool inputs compute in float32, as
// PyTorch's unary float ops do.
import type { KernelDef } from '../../kernel/kernel-def.js';
import { toFloatingType } from '../../util/promotion.js';
import { F32_UNARY_LOOPS } from './float32-unary.js';
import { erf, erfc, erfinv } from './special-math.js';
import type { UnarySpec } from './unary-kernel.js';
import { unaryKernels } from './unary-kernel.js';

/** A float op computing `f` elementwise (with its dedicated float32 loop where one exists). */
function floatOp(name: string, f: (x: number) => number): UnarySpec {
  const loop = F32_UNARY_LOOPS[name];
  return loop === undefined ? { outDtype: toFloatingType, fn: () => f } : { outDtype: toFloatingType, fn: () => f, f32: () => loop };
}

/** Pure element functions of the floating unary math ops, by ATen name. */
export const FLOAT_UNARY_MATH: Readonly<Record<string, (x: number) => number>> = {
  exp: Math.exp,
  exp2: (x) => 2 ** x,
  expm1: Math.expm1,
  log: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  log1p: Math.log1p,
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x),
  reciprocal: (x) => 1 / x,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  erf,
  erfc,
  erfinv,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
};

/** Kernels of the floating unary math ops, functional and in-place. */
export const UNARY_MATH_KERNELS: readonly KernelDef[] = Object.entries(FLOAT_UNARY_MATH).flatMap(([name, f]) => unaryKernels(name, floatOp(name, f)));
