import { contiguousStrides, isFloating } from '@nativert/core';
import type { DType, Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { numericView, outputBuffer } from '../../util/elementwise.js';
import { normalizeDim } from '../../util/shape.js';
import { allocF32, f32Contiguous } from '../../native/f32-tensor.js';
import { nativeAddon } from '../../native/native-addon.js';
import { realTensor } from './reduce-args.js';
import { softmaxRows } from './row-math.js';

/** Moves `dim` of `t` last (a view), so each softmax row is contiguous in the scratch copy. */
function lastDimRows(t: Tensor, dim: number): { perm: number[]; rows: Tensor } {
  const perm = [...Array(t.rank).keys()].filter((d) => d !== dim).concat(t.rank === 0 ? [] : [dim]);
  return { perm, rows: t.asStrided(perm.map((d) => t.shape[d]!), perm.map((d) => t.strides[d]!)).contiguous() };
}

/** Softmax along `dim` of `self` into a new `dtype` tensor. */
function softmaxAlong(args: KernelArgs, self: Tensor, dim: number, dtype: DType, log: boolean, threads: number): Tensor {
  let d: number;
  try {
    d = normalizeDim(dim, self.rank);
  } catch (e) {
    throw args.error(e instanceof Error ? e.message : String(e));
  }
  const native = nativeAddon(), x = f32Contiguous(self);
  if (native !== null && x !== null && dtype === 'float32' && self.rank > 0 && d === self.rank - 1) {
    // The common case: float32 rows already contiguous along the last dim.
    const n = self.shape[d]!, out = allocF32(self.shape);
    native.softmaxF32(x.data, x.offset, out.data, n === 0 ? 0 : self.numel / n, n, log, threads);
    return out.tensor;
  }
  const n = self.rank === 0 ? 1 : self.shape[d]!;
  const { perm, rows } = lastDimRows(self, d);
  const view = numericView(rows, rows.shape);
  const out = outputBuffer(dtype, rows.shape);
  softmaxRows(view.data, view.offset, n === 0 ? 0 : rows.numel / n, n, out.values, log);
  const result = out.finish();
  if (self.rank <= 1 || d === self.rank - 1) return result;
  // Undo the permutation: result dims are `perm`, so output dim perm[k] has stride of result dim k.
  const rs = contiguousStrides(rows.shape);
  const strides = new Array<number>(self.rank);
  perm.forEach((p, k) => { strides[p] = rs[k]!; });
  return result.asStrided(self.shape, strides, 0).contiguous();
}

/** `aten.softmax.int` / `aten.log_softmax.int` (optional `dtype`) and `aten._softmax` / `aten._log_softmax` (`half_to_float`). */
export const SOFTMAX: KernelDef = {
  ops: ['aten.softmax.int', 'aten.log_softmax.int', 'aten._softmax.default', 'aten._log_softmax.default'],
  run: (args, ctx) => {
    const target = args.node.target;
    const log = target.includes('log_softmax');
    const self = realTensor(args, 'self');
    let dtype = self.dtype;
    if (target.endsWith('.int')) dtype = args.dtype('dtype') ?? dtype;
    else if (args.bool('half_to_float', false)) dtype = 'float32';
    if (!isFloating(dtype)) throw args.error(`${log ? 'log_softmax' : 'softmax'} needs a floating point input (or dtype), given ${self.dtype}`);
    return softmaxAlong(args, self, args.int('dim'), dtype, log, ctx.threads);
  },
};
