import { Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { numbersOf } from '../../util/numbers-of.js';

/**
 * For each value, the insertion index into its row of `sorted` (the last dim; a 1-d sequence
 * serves every value): the first position whose element is >= value (> value when `right`).
 * `sorter`, when given, orders each row. Returns an int64 (int32 when asked) tensor of `shape`.
 */
export function searchSorted(sorted: Tensor, values: Float64Array, shape: readonly number[], right: boolean, sorter: Tensor | null, int32: boolean): Tensor {
  const seq = numbersOf(sorted);
  const order = sorter === null ? null : numbersOf(sorter);
  const len = sorted.shape[sorted.rank - 1] ?? 1;
  const inner = shape[shape.length - 1] ?? 1;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const base = sorted.rank <= 1 ? 0 : Math.floor(i / inner) * len;
    const v = values[i]!;
    let lo = 0, hi = len;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = seq[base + (order ? order[base + mid]! : mid)]!;
      if (right ? e <= v : e < v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = lo;
  }
  return Tensor.fromNumbers(int32 ? 'int32' : 'int64', shape, out);
}

function scalarOrTensor(args: KernelArgs, name: string): { values: Float64Array; shape: number[] } {
  if (args.raw(name)?.kind === 'tensor') {
    const t = args.tensor(name);
    return { values: numbersOf(t), shape: [...t.shape] };
  }
  return { values: Float64Array.of(args.scalar(name)), shape: [] };
}

/** `searchsorted` (tensor or scalar values; `side` 'right' equals right=True). */
export const SEARCHSORTED_KERNEL: KernelDef = {
  ops: ['aten.searchsorted.Tensor', 'aten.searchsorted.Scalar'],
  run: (args) => {
    const seq = args.tensor('sorted_sequence');
    const { values, shape } = scalarOrTensor(args, 'self');
    const right = args.bool('right', false) || (args.has('side') && args.string('side') === 'right');
    if (seq.rank > 1 && (seq.rank !== shape.length || seq.shape.slice(0, -1).some((s, i) => s !== shape[i]))) {
      throw args.error(`sorted_sequence [${seq.shape.join(', ')}] and values [${shape.join(', ')}] must match in all but the last dim`);
    }
    return searchSorted(seq, values, shape, right, args.optTensor('sorter'), args.bool('out_int32', false));
  },
};

/** `bucketize` (tensor or scalar input, 1-d boundaries). */
export const BUCKETIZE_KERNEL: KernelDef = {
  ops: ['aten.bucketize.Tensor', 'aten.bucketize.Scalar'],
  run: (args) => {
    const boundaries = args.tensor('boundaries');
    if (boundaries.rank !== 1) throw args.error(`boundaries must be 1-d, given [${boundaries.shape.join(', ')}]`);
    const { values, shape } = scalarOrTensor(args, 'self');
    return searchSorted(boundaries, values, shape, args.bool('right', false), null, args.bool('out_int32', false));
  },
};
