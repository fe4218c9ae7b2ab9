import type { DType } from '@nativert/core';
import { isFloating } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { tensorOf } from '../backward/grad-args.js';
import { generatorFor } from './node-generator.js';
import { integers, normals, permutation, uniforms } from './sampling.js';

/** Shape and dtype of a sampled tensor: `size` (or `self` for `*_like`), `dtype` (or the default). */
function layoutOf(args: KernelArgs, dflt: DType): { shape: number[]; dtype: DType } {
  const like = args.node.target.includes('_like');
  const self = like ? args.tensor('self') : null;
  const shape = self !== null ? [...self.shape] : args.ints('size');
  if (shape.some((d) => d < 0)) throw args.error(`argument 'size': expected non-negative sizes, given [${shape.join(', ')}]`);
  return { shape, dtype: args.dtype('dtype') ?? self?.dtype ?? dflt };
}

/** Requires a floating dtype for a continuous distribution. */
function requireFloat(args: KernelArgs, dtype: DType, what: string): void {
  if (!isFloating(dtype)) throw args.error(`${what} needs a floating point dtype, given ${dtype}`);
}

/** Whether uniforms for `dtype` use PyTorch's 24-bit float recipe (everything but float64). */
const bits24 = (dtype: DType): boolean => dtype !== 'float64';

/** `aten.rand` / `aten.rand_like`: uniform on [0, 1) from the node's MT19937 stream. */
export const RAND: KernelDef = {
  ops: ['aten.rand.default', 'aten.rand.generator', 'aten.rand_like.default'],
  run: (args) => {
    const { shape, dtype } = layoutOf(args, 'float32');
    requireFloat(args, dtype, 'rand');
    const n = shape.reduce((a, b) => a * b, 1);
    return tensorOf(dtype, shape, uniforms(generatorFor(args.node), n, bits24(dtype)));
  },
};

/** `aten.randn` / `aten.randn_like`: standard normal (Box-Muller) from the node's MT19937 stream. */
export const RANDN: KernelDef = {
  ops: ['aten.randn.default', 'aten.randn.generator', 'aten.randn_like.default'],
  run: (args) => {
    const { shape, dtype } = layoutOf(args, 'float32');
    requireFloat(args, dtype, 'randn');
    return tensorOf(dtype, shape, normals(generatorFor(args.node), shape.reduce((a, b) => a * b, 1)));
  },
};

/** `aten.randint` (`high`, or `low` and `high`): integers uniform in [low, high), int64 unless `dtype`. */
export const RANDINT: KernelDef = {
  ops: ['aten.randint.default', 'aten.randint.low'],
  run: (args) => {
    const { shape, dtype } = layoutOf(args, 'int64');
    const low = args.int('low', 0), high = args.int('high');
    if (!(high > low)) throw args.error(`randint expects low < high, given low=${low} high=${high}`);
    return tensorOf(dtype, shape, integers(generatorFor(args.node), shape.reduce((a, b) => a * b, 1), low, high));
  },
};

/** `aten.randperm`: a random permutation of 0..n-1, int64 unless `dtype`. */
export const RANDPERM: KernelDef = {
  ops: ['aten.randperm.default', 'aten.randperm.generator'],
  run: (args) => {
    const n = args.int('n');
    if (n < 0) throw args.error(`randperm expects n >= 0, given ${n}`);
    const dtype = args.dtype('dtype') ?? 'int64';
    if (dtype === 'bool' || !(isFloating(dtype) || dtype.startsWith('int') || dtype.startsWith('uint'))) throw args.error(`randperm does not support dtype ${dtype}`);
    return tensorOf(dtype, [n], permutation(generatorFor(args.node), n));
  },
};
