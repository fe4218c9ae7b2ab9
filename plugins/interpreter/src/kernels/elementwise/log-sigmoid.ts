// log_sigmoid and log_sigmoid_forward, with PyTorch's CPU formula min(x, 0) - log1p(exp(-|x|)).
import { Tensor } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { toFloatingType } from '../../util/promotion.js';
import { applyUnary, unaryKernels } from './unary-kernel.js';
import type { UnarySpec } from './unary-kernel.js';

/** log(sigmoid(x)) without overflow: min(x, 0) - log1p(exp(-|x|)). */
export function logSigmoid(x: number): number {
  return Math.min(x, 0) - Math.log1p(Math.exp(-Math.abs(x)));
}

const LOG_SIGMOID: UnarySpec = { outDtype: toFloatingType, fn: () => logSigmoid };
const BUFFER: UnarySpec = { outDtype: toFloatingType, fn: () => (x) => Math.exp(-Math.abs(x)) };

/** Kernels of log_sigmoid and log_sigmoid_forward (output, and the buffer exp(-|x|) PyTorch's CPU kernel fills). */
export const LOG_SIGMOID_KERNELS: readonly KernelDef[] = [
  ...unaryKernels('log_sigmoid', LOG_SIGMOID, ['default'], false),
  {
    ops: ['aten.log_sigmoid_forward.default'],
    run: (args): Tensor[] => {
      const self = args.tensor('self');
      return [applyUnary(LOG_SIGMOID, self, args), applyUnary(BUFFER, self, args)];
    },
  },
];
