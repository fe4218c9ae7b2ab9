// Dropout in evaluation mode is the identity; training-mode dropout draws random numbers PyTorch's
// generator would draw, which no runtime reproduces, so it is refused with a clear error.
import type { Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { filled } from './factories.js';
import { cloneContiguous } from '../../util/raw-copy.js';

/** Checks the node is in eval mode (or p == 0) and returns its input, named `input` or `self`. */
function evalInput(args: KernelArgs): Tensor {
  const input = args.has('input') ? args.tensor('input') : args.tensor('self');
  const train = args.has('train') ? args.bool('train') : false;
  if (train && args.float('p') !== 0) {
    throw args.error(`dropout in training mode (p=${args.float('p')}) is random and not supported; export the model in eval mode`);
  }
  return input;
}

/** Kernels of the dropout family (identity in eval mode). */
export const DROPOUT_KERNELS: readonly KernelDef[] = [
  {
    ops: [
      'aten.dropout.default', 'aten.dropout_.default', 'aten.feature_dropout.default', 'aten.feature_dropout_.default',
      'aten.alpha_dropout.default', 'aten.alpha_dropout_.default', 'aten.feature_alpha_dropout.default', 'aten.feature_alpha_dropout_.default',
    ],
    run: evalInput,
  },
  {
    ops: ['aten.native_dropout.default'],
    run: (args) => {
      const x = evalInput(args);
      return [cloneContiguous(x), filled('bool', x.shape, 1)];
    },
  },
];
