import { Tensor } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { numbersOf } from '../../util/numbers-of.js';

/** Coordinates of the non-zero elements of `t` in row-major order: one array per dim, each `count` long. */
export function nonzeroCoords(t: Tensor): { count: number; coords: Float64Array[] } {
  const vals = numbersOf(t);
  let count = 0;
  for (let i = 0; i < vals.length; i++) if (vals[i] !== 0) count++;
  const rank = t.rank;
  const coords = Array.from({ length: rank }, () => new Float64Array(count));
  let j = 0;
  for (let i = 0; i < vals.length; i++) {
    if (vals[i] === 0) continue;
    let rem = i;
    for (let d = rank - 1; d >= 0; d--) {
      const s = t.shape[d]!;
      coords[d]![j] = rem % s;
      rem = Math.floor(rem / s);
    }
    j++;
  }
  return { count, coords };
}

/** `nonzero`: int64 [count, rank] coordinates of non-zero elements (NaN counts as non-zero). */
export const NONZERO_KERNEL: KernelDef = {
  ops: ['aten.nonzero.default'],
  run: (args) => {
    const self = args.tensor('self');
    const { count, coords } = nonzeroCoords(self);
    const rank = self.rank;
    const flat = new Float64Array(count * rank);
    for (let i = 0; i < count; i++) for (let d = 0; d < rank; d++) flat[i * rank + d] = coords[d]![i]!;
    return Tensor.fromNumbers('int64', [count, rank], flat);
  },
};

/** `where(condition)` (one argument): the coordinates of non-zero elements, one int64 tensor per dim. */
export const WHERE_NONZERO_KERNEL: KernelDef = {
  ops: ['aten.where.default'],
  run: (args) => {
    const { count, coords } = nonzeroCoords(args.tensor('condition'));
    return coords.map((c) => Tensor.fromNumbers('int64', [count], c));
  },
};
