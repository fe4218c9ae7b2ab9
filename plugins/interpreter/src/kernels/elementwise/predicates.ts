// Value tests and logical/bitwise negation: isnan, isinf, ..., logical_not, bitwise_not.
import type { DType } from '@nativert/core';
import { isFloating } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import type { UnarySpec } from './unary-kernel.js';
import { unaryKernels } from './unary-kernel.js';

/** A predicate returning bool, computed on the input's own values. */
function predicate(f: (x: number) => boolean): UnarySpec {
  return { outDtype: () => 'bool', computeDtype: (d) => d, zeroOne: true, fn: () => (x) => (f(x) ? 1 : 0) };
}

/** Largest finite value of a float dtype, the default `nan_to_num` replacement for +inf. */
export function floatMax(dtype: DType): number {
  switch (dtype) {
    case 'float16': return 65504;
    case 'bfloat16': return 3.3895313892515355e38;
    case 'float32': return 3.4028234663852886e38;
    default: return Number.MAX_VALUE;
  }
}

function nanToNum(dtype: DType, args: KernelArgs): (x: number) => number {
  if (!isFloating(dtype)) return (x) => x;
  const nan = args.has('nan') ? args.float('nan') : 0;
  const posinf = args.has('posinf') ? args.float('posinf') : floatMax(dtype);
  const neginf = args.has('neginf') ? args.float('neginf') : -floatMax(dtype);
  return (x) => (Number.isNaN(x) ? nan : x === Infinity ? posinf : x === -Infinity ? neginf : x);
}

/** Kernels of isnan, isinf, isfinite, isposinf, isneginf, logical_not, bitwise_not, nan_to_num. */
export const PREDICATE_KERNELS: readonly KernelDef[] = [
  ...unaryKernels('isnan', predicate(Number.isNaN), ['default'], false),
  ...unaryKernels('isinf', predicate((x) => x === Infinity || x === -Infinity), ['default'], false),
  ...unaryKernels('isfinite', predicate(Number.isFinite), ['default'], false),
  ...unaryKernels('isposinf', predicate((x) => x === Infinity), ['default'], false),
  ...unaryKernels('isneginf', predicate((x) => x === -Infinity), ['default'], false),
  ...unaryKernels('logical_not', { outDtype: () => 'bool', computeDtype: (d) => d, zeroOne: true, fn: () => (x) => (x === 0 ? 1 : 0) }),
  // ~x == -x - 1 exactly for every integer a double holds; bool flips.
  ...unaryKernels('bitwise_not', { outDtype: (d) => d, fn: (d) => (d === 'bool' ? (x) => (x === 0 ? 1 : 0) : (x) => -x - 1) }),
  ...unaryKernels('nan_to_num', { outDtype: (d) => d, fn: nanToNum }),
];
