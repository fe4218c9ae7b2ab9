import { ErrorCode, NativertError, Tensor } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { promoteTypes } from '../../util/promotion.js';
import { normalizeDim } from '../../util/shape.js';
import { copyInto } from '../../util/strided-copy.js';
import { reshapeView, sliceView, unsqueezeView } from './views.js';

/**
 * `torch.cat(tensors, dim)`: the result dtype is the promotion of all inputs; 1-d empty tensors are
 * skipped (PyTorch's legacy rule); other dims must match.
 */
export function catTensors(tensors: readonly Tensor[], dim: number): Tensor {
  if (tensors.length === 0) throw new NativertError(ErrorCode.InvalidArgument, 'cat: expected a non-empty list of tensors');
  const dtype = tensors.map((t) => t.dtype).reduce(promoteTypes);
  const parts = tensors.filter((t) => !(t.rank === 1 && t.shape[0] === 0));
  if (parts.length === 0) return Tensor.zeros(dtype, [0]);
  const first = parts[0]!;
  const d = normalizeDim(dim, first.rank, 'cat dim');
  const shape = [...first.shape];
  shape[d] = 0;
  for (const t of parts) {
    if (t.rank !== first.rank || t.shape.some((s, i) => i !== d && s !== first.shape[i])) {
      throw new NativertError(ErrorCode.InvalidArgument, `cat: sizes must match except in dim ${d}; given [${first.shape.join(', ')}] and [${t.shape.join(', ')}]`);
    }
    shape[d]! += t.shape[d]!;
  }
  const out = Tensor.zeros(dtype, shape);
  let at = 0;
  for (const t of parts) {
    const n = t.shape[d]!;
    copyInto(sliceView(out, d, at, at + n, 1), t);
    at += n;
  }
  return out;
}

/** `cat.default`. */
export const CAT_KERNEL: KernelDef = {
  ops: ['aten.cat.default'],
  run: (args) => catTensors(args.tensors('tensors'), args.int('dim', 0)),
};

/** `stack.default`: inputs of one shape joined along a new dim. */
export const STACK_KERNEL: KernelDef = {
  ops: ['aten.stack.default'],
  run: (args) => {
    const ts = args.tensors('tensors');
    if (ts.length === 0) throw args.error('expected a non-empty list of tensors');
    const rank = ts[0]!.rank;
    const d = normalizeDim(args.int('dim', 0), rank + 1, 'stack dim');
    for (const t of ts) {
      if (t.rank !== rank || t.shape.some((s, i) => s !== ts[0]!.shape[i])) {
        throw args.error(`stack expects equal shapes, given [${ts[0]!.shape.join(', ')}] and [${t.shape.join(', ')}]`);
      }
    }
    return catTensors(ts.map((t) => unsqueezeView(t, d)), d);
  },
};

/** `hstack` (cat along dim 1, or dim 0 for 1-d inputs) and `vstack` (inputs made at least 2-d, cat along dim 0). */
export const HSTACK_VSTACK_KERNEL: KernelDef = {
  ops: ['aten.hstack.default', 'aten.vstack.default'],
  run: (args) => {
    const ts = args.tensors('tensors');
    if (args.node.target === 'aten.vstack.default') {
      return catTensors(ts.map((t) => (t.rank >= 2 ? t : reshapeView(t, [1, t.numel]))), 0);
    }
    const atLeast1d = ts.map((t) => (t.rank === 0 ? reshapeView(t, [1]) : t));
    return catTensors(atLeast1d, atLeast1d[0]?.rank === 1 ? 0 : 1);
  },
};
