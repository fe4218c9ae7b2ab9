// prelu (per-channel slope on dim 1) and glu (first half gated by the sigmoid of the second).
import type { Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { map2, numericView, outputBuffer } from '../../util/elementwise.js';
import { resultType } from '../../util/promotion.js';
import { normalizeDim } from '../../util/shape.js';

/** prelu: x > 0 ? x : w * x, with `weight` (1 or C values) applied along dim 1. */
function prelu(args: KernelArgs): Tensor {
  const x = args.tensor('self'), w = args.tensor('weight');
  const channels = x.rank >= 2 ? x.shape[1]! : 1;
  if (w.numel !== 1 && w.numel !== channels) {
    throw args.error(`prelu: weight must have 1 or ${channels} (input channels) elements, given ${w.numel}`);
  }
  // View the weight as [C, 1, ..., 1] so it broadcasts against dim 1 of x.
  const wv = w.numel === 1 || x.rank < 2
    ? w.asStrided([], [], w.offset)
    : w.asStrided([channels, ...new Array<number>(x.rank - 2).fill(1)], [w.rank > 0 ? w.strides[w.rank - 1]! : 0, ...new Array<number>(x.rank - 2).fill(0)]);
  const out = resultType([{ dtype: x.dtype, rank: x.rank }, { dtype: w.dtype, rank: w.rank }]);
  const buf = outputBuffer(out, x.shape);
  map2(buf.values, x.shape, numericView(x, x.shape), numericView(wv, x.shape), (v, s) => (v > 0 ? v : s * v));
  return buf.finish();
}

/** glu along `dim`: a * sigmoid(b) where a, b are the two halves. */
function glu(args: KernelArgs): Tensor {
  const x = args.tensor('self');
  const dim = normalizeDim(args.int('dim', -1), x.rank);
  const size = x.shape[dim]!;
  if (size % 2 !== 0) throw args.error(`glu: dim ${dim} must have an even size, given ${size}`);
  const shape = [...x.shape];
  shape[dim] = size / 2;
  const a = x.asStrided(shape, x.strides);
  const b = x.asStrided(shape, x.strides, x.offset + (size / 2) * x.strides[dim]!);
  const buf = outputBuffer(x.dtype, shape);
  map2(buf.values, shape, numericView(a, shape), numericView(b, shape), (u, v) => u / (1 + Math.exp(-v)));
  return buf.finish();
}

/** Kernels of prelu and glu. */
export const GATED_KERNELS: readonly KernelDef[] = [
  { ops: ['aten.prelu.default', 'aten._prelu_kernel.default'], run: prelu },
  { ops: ['aten.glu.default'], run: glu },
];
