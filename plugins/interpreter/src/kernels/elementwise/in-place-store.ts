import type { Tensor } from '@nativert/core';
import { isComplex } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import { copyInto } from '../../util/strided-copy.js';

/**
 * Writes an in-place op's separately computed `result` into `self` (through its strides, cast to
 * its dtype, as `eq_` writes bools into an int64 self) and returns `self`; a complex result cannot
 * go into a real self, as in PyTorch.
 */
export function storeInPlace(self: Tensor, result: Tensor, args: KernelArgs): Tensor {
  if (isComplex(result.dtype) && !isComplex(self.dtype)) throw args.error(`in-place op: result type ${result.dtype} cannot be written into self of ${self.dtype}`);
  copyInto(self, result);
  return self;
}
