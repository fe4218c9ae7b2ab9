import { Tensor } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { normalizeDim } from '../../util/shape.js';
import { cartesianOffsets, copyInto, gatherOffsets, rangeTable } from '../../util/strided-copy.js';
import { reshapeView } from './views.js';

/** `self` reversed along `dims`, as a new contiguous tensor (read through negative strides). */
export function flipTensor(self: Tensor, dims: readonly number[]): Tensor {
  const strides = [...self.strides];
  let offset = self.offset;
  for (const d of new Set(dims.map((x) => normalizeDim(x, self.rank)))) {
    if (self.shape[d]! > 0) offset += (self.shape[d]! - 1) * strides[d]!;
    strides[d] = -strides[d]!;
  }
  const out = Tensor.zeros(self.dtype, self.shape);
  copyInto(out, self.asStrided(self.shape, strides, offset));
  return out;
}

/** `flip`. */
export const FLIP_KERNEL: KernelDef = {
  ops: ['aten.flip.default'],
  run: (args) => flipTensor(args.tensor('self'), args.ints('dims')),
};

/** `self` rolled by `shifts` along `dims` (element i moves to i + shift, wrapping). */
export function rollTensor(self: Tensor, shifts: readonly number[], dims: readonly number[]): Tensor {
  if (dims.length === 0) {
    return reshapeView(rollTensor(reshapeView(self, [self.numel]), [shifts[0] ?? 0], [0]), self.shape);
  }
  const shift = new Map<number, number>();
  dims.forEach((x, i) => {
    const d = normalizeDim(x, self.rank);
    shift.set(d, (shift.get(d) ?? 0) + (shifts[i] ?? 0));
  });
  const tables = self.shape.map((n, d) => {
    const s = shift.get(d);
    if (s === undefined || n === 0) return rangeTable(n, self.strides[d]!);
    const t = new Float64Array(n);
    for (let i = 0; i < n; i++) t[i] = ((((i - s) % n) + n) % n) * self.strides[d]!;
    return t;
  });
  return gatherOffsets(self, cartesianOffsets(self.offset, tables), self.shape);
}

/** `roll` (no dims: roll the flattened tensor). */
export const ROLL_KERNEL: KernelDef = {
  ops: ['aten.roll.default'],
  run: (args) => {
    const shifts = args.ints('shifts'), dims = args.ints('dims', []);
    if (dims.length > 0 && dims.length !== shifts.length) throw args.error(`shifts [${shifts.join(', ')}] and dims [${dims.join(', ')}] differ in length`);
    return rollTensor(args.tensor('self'), shifts, dims);
  },
};
