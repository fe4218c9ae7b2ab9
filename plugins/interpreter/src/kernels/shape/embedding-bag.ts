// embedding_bag: sums, means or maxima of bags of weight rows, bags delimited by offsets.
import type { DType } from '@nativert/core';
import { Tensor, isFloating } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { numericView, outputBuffer } from '../../util/elementwise.js';
import { numbersOf } from '../../util/numbers-of.js';

/** What one call computes: mode 0 sum, 1 mean, 2 max; padding index -1 for none. */
export interface BagOptions {
  readonly mode: number;
  readonly perSampleWeights: Tensor | null;
  readonly includeLastOffset: boolean;
  readonly paddingIdx: number;
}

/** The four results of ATen's `_embedding_bag`: output, offset2bag, bag_size, max_indices. */
export type BagResult = [Tensor, Tensor, Tensor, Tensor];

/** [start, end) of each bag in the indices, from `offsets` (checked to start at 0 and not decrease). */
function bagRanges(offsets: Float64Array, n: number, includeLast: boolean, fail: (m: string) => Error): [number, number][] {
  const bags = includeLast ? Math.max(offsets.length - 1, 0) : offsets.length;
  if (offsets.length > 0 && offsets[0] !== 0) throw fail(`offsets[0] has to be 0, given ${offsets[0]}`);
  const out: [number, number][] = [];
  for (let b = 0; b < bags; b++) {
    const start = offsets[b]!, end = b + 1 < offsets.length ? offsets[b + 1]! : n;
    if (end < start || end > n) throw fail(`offsets must be non-decreasing and at most ${n}, given ${offsets[b]} then ${end}`);
    out.push([start, Math.min(end, n)]);
  }
  return out;
}

/** True where PyTorch's CPU kernel takes its index_select fast path, which skips offset2bag for sums. */
function sumFastPath(weight: Tensor, paddingIdx: number): boolean {
  const dtype: DType = weight.dtype;
  return (dtype === 'float32' || dtype === 'float16' || dtype === 'bfloat16') && (weight.shape[1] === 1 || weight.strides[1] === 1) && paddingIdx < 0;
}

/**
 * PyTorch's CPU `_embedding_bag` forward. Sums accumulate in the weight's float type (float32 for
 * f16/bf16) row by row, in index order; means divide by the bag's non-padding count; maxima keep
 * the first of equal values. Auxiliary outputs have the shapes PyTorch's CPU kernel gives them.
 */
export function embeddingBag(weight: Tensor, indices: Tensor, offsets: Tensor, o: BagOptions, fail: (m: string) => Error): BagResult {
  if (weight.rank !== 2) throw fail(`weight must be 2-d, given [${weight.shape.join(', ')}]`);
  if (indices.rank !== 1 || offsets.rank !== 1) throw fail(`indices and offsets must be 1-d, given [${indices.shape.join(', ')}] and [${offsets.shape.join(', ')}]`);
  if (!isFloating(weight.dtype)) throw fail(`weight must be floating, given ${weight.dtype}`);
  if (o.mode < 0 || o.mode > 2) throw fail(`mode must be 0 (sum), 1 (mean) or 2 (max), given ${o.mode}`);
  if (o.perSampleWeights !== null && o.mode !== 0) throw fail(`per_sample_weights is only supported for mode 0 (sum), given mode ${o.mode}`);
  const idx = numbersOf(indices);
  const psw = o.perSampleWeights === null ? null : numbersOf(o.perSampleWeights);
  if (psw !== null && psw.length !== idx.length) throw fail(`per_sample_weights has ${psw.length} values for ${idx.length} indices`);
  const rows = weight.shape[0]!, dim = weight.shape[1]!;
  const ranges = bagRanges(numbersOf(offsets), idx.length, o.includeLastOffset, fail);
  const bags = ranges.length;
  const w = numericView(weight, weight.shape);
  const ws0 = w.strides[0]!, ws1 = w.strides[1]!, wd = w.data;
  // Accumulators round like PyTorch's: float32 for every float type but float64.
  const acc = weight.dtype === 'float64' ? new Float64Array(bags * dim) : new Float32Array(bags * dim);
  const bagSize = new Float64Array(bags);
  const maxIdx = new Float64Array(o.mode === 2 ? bags * dim : 0);
  const offset2bag = new Float64Array(idx.length);
  ranges.forEach(([start, end], b) => {
    let count = 0;
    for (let i = start; i < end; i++) {
      offset2bag[i] = b;
      const r = idx[i]!;
      if (r < 0 || r >= rows) throw fail(`index ${r} is out of range for ${rows} embeddings`);
      if (r === o.paddingIdx) continue;
      const src = w.offset + r * ws0, dst = b * dim;
      if (o.mode === 2) {
        for (let d = 0; d < dim; d++) {
          const v = wd[src + d * ws1]!;
          if (count === 0 || v > acc[dst + d]!) { acc[dst + d] = v; maxIdx[dst + d] = r; }
        }
      } else {
        const s = psw === null ? 1 : psw[i]!;
        for (let d = 0; d < dim; d++) acc[dst + d] += s * wd[src + d * ws1]!;
      }
      count++;
    }
    bagSize[b] = count;
    if (o.mode === 1 && count > 0) for (let d = 0; d < dim; d++) acc[b * dim + d] /= count;
  });
  const out = outputBuffer(weight.dtype, [bags, dim]);
  out.values.set(acc);
  const longs = (shape: number[], v: ArrayLike<number>): Tensor => Tensor.fromNumbers('int64', shape, v);
  const sum = o.mode === 0;
  return [
    out.finish(),
    sum && sumFastPath(weight, o.paddingIdx) ? longs([0], []) : longs([idx.length], offset2bag),
    sum ? longs([bags], new Float64Array(bags)) : longs([bags], bagSize),
    o.mode === 2 ? longs([bags, dim], maxIdx) : sum ? longs([bags], new Float64Array(bags)) : longs([bags], bagSize),
  ];
}

function options(args: KernelArgs, paddingIdx: number): BagOptions {
  return {
    mode: args.int('mode', 0),
    perSampleWeights: args.optTensor('per_sample_weights'),
    includeLastOffset: args.bool('include_last_offset', false),
    paddingIdx,
  };
}

function run(args: KernelArgs, paddingIdx: number): BagResult {
  const fail = (m: string): Error => args.error(m);
  return embeddingBag(args.tensor('weight'), args.tensor('indices'), args.tensor('offsets'), options(args, paddingIdx), fail);
}

/** `_embedding_bag` and `_embedding_bag_forward_only`: padding_idx as given (-1, the default, means none). */
export const EMBEDDING_BAG_INTERNAL_KERNEL: KernelDef = {
  ops: ['aten._embedding_bag.default', 'aten._embedding_bag_forward_only.default'],
  run: (args) => run(args, args.int('padding_idx', -1)),
};

/** `embedding_bag` (no padding) and `embedding_bag.padding_idx` (None for none; negatives count from the end). */
export const EMBEDDING_BAG_KERNEL: KernelDef = {
  ops: ['aten.embedding_bag.default', 'aten.embedding_bag.padding_idx'],
  run: (args) => {
    const p = args.optInt('padding_idx');
    if (p === null) return run(args, -1);
    const rows = args.tensor('weight').shape[0] ?? 0;
    if (p < -rows || p >= rows) throw args.error(`padding_idx must be within [-${rows}, ${rows - 1}], given ${p}`);
    return run(args, p < 0 ? p + rows : p);
  },
};
