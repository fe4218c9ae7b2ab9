import type { Tensor } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { normalizeDim } from '../../util/shape.js';
import { selectView, sliceView } from './views.js';
import { numbersOf } from '../../util/numbers-of.js';

/** Views of `self` along `dim` between consecutive `bounds` (clamped to the dim's size). */
export function splitAt(self: Tensor, dim: number, bounds: readonly number[]): Tensor[] {
  const d = normalizeDim(dim, self.rank);
  const size = self.shape[d]!;
  const out: Tensor[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const s = Math.min(bounds[i]!, size);
    out.push(sliceView(self, d, s, Math.max(Math.min(bounds[i + 1]!, size), s), 1));
  }
  return out;
}

/** Bounds of pieces of `splitSize` covering `size` (one empty piece for an empty dim). */
function evenBounds(size: number, splitSize: number): number[] {
  const pieces = splitSize === 0 ? 1 : Math.max(Math.ceil(size / splitSize), 1);
  return Array.from({ length: pieces + 1 }, (_, i) => (i === pieces ? size : i * splitSize));
}

/** Running sums of `sizes` from 0: the bounds of consecutive pieces. */
function boundsOf(sizes: readonly number[]): number[] {
  const b = [0];
  for (const s of sizes) b.push(b[b.length - 1]! + s);
  return b;
}

/** `split.Tensor` / `unsafe_split.Tensor`: pieces of `split_size` (the last may be smaller). */
export const SPLIT_KERNEL: KernelDef = {
  ops: ['aten.split.Tensor', 'aten.unsafe_split.Tensor'],
  run: (args) => {
    const self = args.tensor('self');
    const d = normalizeDim(args.int('dim', 0), self.rank);
    return splitAt(self, d, evenBounds(self.shape[d]!, args.int('split_size')));
  },
};

/** `split_with_sizes`: pieces of the given sizes, which must sum to the dim's size. */
export const SPLIT_WITH_SIZES_KERNEL: KernelDef = {
  ops: ['aten.split_with_sizes.default', 'aten.unsafe_split_with_sizes.default'],
  run: (args) => {
    const self = args.tensor('self');
    const d = normalizeDim(args.int('dim', 0), self.rank);
    const sizes = args.ints('split_sizes');
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total !== self.shape[d]) throw args.error(`split_sizes [${sizes.join(', ')}] sum to ${total}, dim ${d} has size ${self.shape[d]}`);
    return splitAt(self, d, boundsOf(sizes));
  },
};

/** `chunk`: `chunks` pieces of ceil(size / chunks) (fewer when the dim is small). */
export const CHUNK_KERNEL: KernelDef = {
  ops: ['aten.chunk.default', 'aten.unsafe_chunk.default'],
  run: (args) => {
    const self = args.tensor('self');
    const chunks = args.int('chunks');
    if (chunks <= 0) throw args.error(`chunks must be positive, given ${chunks}`);
    const d = normalizeDim(args.int('dim', 0), self.rank);
    return splitAt(self, d, evenBounds(self.shape[d]!, Math.ceil(self.shape[d]! / chunks)));
  },
};

/** `unbind.int`: every index along dim as a view without that dim. */
export const UNBIND_KERNEL: KernelDef = {
  ops: ['aten.unbind.int'],
  run: (args) => {
    const self = args.tensor('self');
    const d = normalizeDim(args.int('dim', 0), self.rank);
    return Array.from({ length: self.shape[d]! }, (_, i) => selectView(self, d, i));
  },
};

/** Bounds of numpy.array_split: the first size % n pieces get one extra element. */
function sectionBounds(size: number, n: number): number[] {
  const base = Math.floor(size / n), extra = size % n;
  const b = [0];
  for (let i = 0; i < n; i++) b.push(b[i]! + base + (i < extra ? 1 : 0));
  return b;
}

/** `tensor_split` by a number of sections, by split indices, or by a tensor holding either. */
export const TENSOR_SPLIT_KERNEL: KernelDef = {
  ops: ['aten.tensor_split.sections', 'aten.tensor_split.indices', 'aten.tensor_split.tensor_indices_or_sections'],
  run: (args) => {
    const self = args.tensor('self');
    const d = normalizeDim(args.int('dim', 0), self.rank);
    const size = self.shape[d]!;
    let sections: number | null = null, indices: number[] = [];
    if (args.has('sections')) sections = args.int('sections');
    else if (args.has('indices')) indices = args.ints('indices');
    else {
      const t = args.tensor('tensor_indices_or_sections');
      if (t.rank === 0) sections = t.item();
      else indices = [...numbersOf(t)];
    }
    if (sections !== null) {
      if (sections <= 0) throw args.error(`sections must be positive, given ${sections}`);
      return splitAt(self, d, sectionBounds(size, sections));
    }
    const wrap = indices.map((i) => Math.min(Math.max(i < 0 ? i + size : i, 0), size));
    return splitAt(self, d, [0, ...wrap, size]);
  },
};
