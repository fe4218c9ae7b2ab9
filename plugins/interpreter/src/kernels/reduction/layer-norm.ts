import type { Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { allocF32, f32Contiguous } from '../../native/f32-tensor.js';
import { nativeAddon } from '../../native/native-addon.js';
import { outputBuffer } from '../../util/elementwise.js';
import { floatTensor } from './reduce-args.js';
import { contiguousNumbers, dtypeEps, optValues } from './norm-args.js';
import { normalizeRows } from './row-math.js';

/** Rows and row length of a norm over the trailing `normalized_shape` of `input`. */
function rowsOf(args: KernelArgs, shape: readonly number[], normalized: readonly number[]): { rows: number; n: number; statShape: number[] } {
  const k = normalized.length;
  const tail = shape.slice(shape.length - k);
  if (k > shape.length || tail.some((d, i) => d !== normalized[i])) {
    throw args.error(`normalized_shape [${normalized.join(', ')}] does not match the trailing dims of input shape [${shape.join(', ')}]`);
  }
  const n = normalized.reduce((a, b) => a * b, 1);
  const lead = shape.slice(0, shape.length - k);
  return { rows: lead.reduce((a, b) => a * b, 1), n, statShape: [...lead, ...normalized.map(() => 1)] };
}

/** The float32 native path of `layer_norm` (contiguous input, float32 or absent affine), or null. */
function nativeLayerNorm(args: KernelArgs, input: Tensor, rows: number, n: number, threads: number): Tensor | null {
  const native = nativeAddon(), x = f32Contiguous(input);
  if (native === null || x === null) return null;
  const affine = (name: string) => {
    const t = args.optTensor(name);
    return t === null ? { data: null, offset: 0 } : f32Contiguous(t);
  };
  const w = affine('weight'), b = affine('bias');
  if (w === null || b === null) return null;
  const out = allocF32(input.shape);
  native.layerNormF32(x.data, x.offset, w.data, w.offset, b.data, b.offset, out.data, rows, n, args.float('eps', 1e-5), threads);
  return out.tensor;
}

/** `aten.layer_norm` (output only) and `aten.native_layer_norm` (output, mean, rstd in the input dtype). */
export const LAYER_NORM: KernelDef = {
  ops: ['aten.layer_norm.default', 'aten.native_layer_norm.default'],
  run: (args, ctx) => {
    const input = floatTensor(args, 'input', 'layer_norm');
    const { rows, n, statShape } = rowsOf(args, input.shape, args.ints('normalized_shape'));
    if (args.node.target === 'aten.layer_norm.default') {
      const fast = nativeLayerNorm(args, input, rows, n, ctx.threads);
      if (fast !== null) return fast;
    }
    const x = contiguousNumbers(input);
    const out = outputBuffer(input.dtype, input.shape);
    const mean = outputBuffer(input.dtype, statShape);
    const rstd = outputBuffer(input.dtype, statShape);
    normalizeRows(x.data, x.offset, rows, n, args.float('eps', 1e-5), false, optValues(args, 'weight', n), optValues(args, 'bias', n), out.values, { mean: mean.values, rstd: rstd.values });
    if (args.node.target === 'aten.layer_norm.default') return out.finish();
    return [out.finish(), mean.finish(), rstd.finish()];
  },
};

/** `aten.rms_norm` and `aten._fused_rms_norm` (output, float32 rstd); eps defaults to the dtype's epsilon. */
export const RMS_NORM: KernelDef = {
  ops: ['aten.rms_norm.default', 'aten._fused_rms_norm.default'],
  run: (args) => {
    const input = floatTensor(args, 'input', 'rms_norm');
    const { rows, n, statShape } = rowsOf(args, input.shape, args.ints('normalized_shape'));
    const x = contiguousNumbers(input);
    const out = outputBuffer(input.dtype, input.shape);
    const rstd = outputBuffer('float32', statShape);
    const eps = args.has('eps') ? args.float('eps') : dtypeEps(input.dtype);
    normalizeRows(x.data, x.offset, rows, n, eps, true, optValues(args, 'weight', n), null, out.values, { mean: null, rstd: rstd.values });
    if (args.node.target === 'aten.rms_norm.default') return out.finish();
    return [out.finish(), rstd.finish()];
  },
};
