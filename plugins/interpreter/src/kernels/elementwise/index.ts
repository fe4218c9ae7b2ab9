import type { KernelDef } from '../../kernel/kernel-def.js';
import { ACTIVATION_KERNELS } from './activations.js';
import { ARITHMETIC_KERNELS } from './arithmetic.js';
import { BINARY_MATH_KERNELS } from './binary-math.js';
import { BITWISE_KERNELS } from './bitwise.js';
import { BLEND_KERNELS } from './blend.js';
import { CAST_KERNELS } from './casts.js';
import { COMPARE_KERNELS } from './compare.js';
import { DROPOUT_KERNELS } from './dropout.js';
import { FACTORY_KERNELS } from './factories.js';
import { GATED_KERNELS } from './gated.js';
import { ITEM_KERNEL } from './item.js';
import { LOG_SIGMOID_KERNELS } from './log-sigmoid.js';
import { PREDICATE_KERNELS } from './predicates.js';
import { RANGE_KERNELS } from './ranges.js';
import { SELECT_CLAMP_KERNELS } from './select-clamp.js';
import { UNARY_EXACT_KERNELS } from './unary-exact.js';
import { UNARY_MATH_KERNELS } from './unary-math.js';

/** Kernels of the elementwise family. */
export const ELEMENTWISE_KERNELS: readonly KernelDef[] = [
  ...UNARY_MATH_KERNELS,
  ...UNARY_EXACT_KERNELS,
  ...PREDICATE_KERNELS,
  ...ACTIVATION_KERNELS,
  ...LOG_SIGMOID_KERNELS,
  ...GATED_KERNELS,
  ...ARITHMETIC_KERNELS,
  ...BINARY_MATH_KERNELS,
  ...COMPARE_KERNELS,
  ...BITWISE_KERNELS,
  ...SELECT_CLAMP_KERNELS,
  ...BLEND_KERNELS,
  ...CAST_KERNELS,
  ...FACTORY_KERNELS,
  ...RANGE_KERNELS,
  ...DROPOUT_KERNELS,
  ITEM_KERNEL,
];
