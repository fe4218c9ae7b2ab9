import type { Tensor } from '@nativert/core';
import { isFloating } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { outputBuffer } from '../../util/elementwise.js';
import { numbersOf } from '../../util/numbers-of.js';
import { broadcastShapes } from '../../util/shape.js';
import { broadcastView } from '../../util/strided-copy.js';
import { pairwiseDistances, upperDistances } from './distance-math.js';

/** Floating tensor argument `name` of rank >= `minRank`. */
function floatInput(args: KernelArgs, name: string, minRank: number): Tensor {
  const t = args.tensor(name);
  if (!isFloating(t.dtype)) throw args.error(`argument '${name}': expected a floating point tensor, given ${t.dtype}`);
  if (t.rank < minRank) throw args.error(`argument '${name}': expected rank >= ${minRank}, given shape [${t.shape.join(', ')}]`);
  return t;
}

/** The norm order `p` (default 2), refusing negative values as PyTorch does. */
function normOrder(args: KernelArgs): number {
  const p = args.float('p', 2);
  if (!(p >= 0)) throw args.error(`p must be a non-negative number, given ${p}`);
  return p;
}

/** `aten._cdist_forward` and `aten.cdist`: p-norm distances of rows, batch dims broadcast; compute_mode only picks PyTorch's algorithm. */
export const CDIST: KernelDef = {
  ops: ['aten._cdist_forward.default', 'aten.cdist.default'],
  run: (args) => {
    const x1 = floatInput(args, 'x1', 2), x2 = floatInput(args, 'x2', 2);
    const p = normOrder(args);
    const m = x1.shape[x1.rank - 1]!;
    if (x2.shape[x2.rank - 1] !== m) throw args.error(`x1 and x2 must have the same number of columns, given [${x1.shape.join(', ')}] and [${x2.shape.join(', ')}]`);
    if (x1.dtype !== x2.dtype) throw args.error(`x1 and x2 must have the same dtype, given ${x1.dtype} and ${x2.dtype}`);
    const r1 = x1.shape[x1.rank - 2]!, r2 = x2.shape[x2.rank - 2]!;
    let batch: number[];
    try {
      batch = broadcastShapes(x1.shape.slice(0, -2), x2.shape.slice(0, -2));
    } catch {
      throw args.error(`batch dims of x1 [${x1.shape.join(', ')}] and x2 [${x2.shape.join(', ')}] do not broadcast`);
    }
    const nb = batch.reduce((a, b) => a * b, 1);
    const a = numbersOf(broadcastView(x1, [...batch, r1, m])), b = numbersOf(broadcastView(x2, [...batch, r2, m]));
    const out = outputBuffer(x1.dtype, [...batch, r1, r2]);
    out.values.set(pairwiseDistances(a, b, nb, r1, r2, m, p));
    return out.finish();
  },
};

/** `aten._pdist_forward` and `aten.pdist`: distances between rows i < j of a 2-d input. */
export const PDIST: KernelDef = {
  ops: ['aten._pdist_forward.default', 'aten.pdist.default'],
  run: (args) => {
    const x = floatInput(args, 'self', 2);
    if (x.rank !== 2) throw args.error(`pdist expects a 2-d input, given shape [${x.shape.join(', ')}]`);
    const [r, m] = x.shape as [number, number];
    const out = outputBuffer(x.dtype, [(r * (r - 1)) / 2]);
    out.values.set(upperDistances(numbersOf(x), r, m, normOrder(args)));
    return out.finish();
  },
};
