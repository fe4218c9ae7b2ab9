import { Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { outputBuffer, writeInto } from '../../util/elementwise.js';
import { affinePerChannel, blockMoments, channelMoments } from './channel-math.js';
import { contiguousNumbers, optValues } from './norm-args.js';
import { floatTensor } from './reduce-args.js';

/** N, C and the spatial size S of an (N, C, *) input. */
function ncs(args: KernelArgs, shape: readonly number[]): { N: number; C: number; S: number } {
  if (shape.length < 2) throw args.error(`expected an input of rank >= 2 (N, C, ...), given shape [${shape.join(', ')}]`);
  return { N: shape[0]!, C: shape[1]!, S: shape.slice(2).reduce((a, b) => a * b, 1) };
}

/** Scale/shift per (n, c) from per-channel (or per-(n, c) when `perSample`) mean and invstd. */
function scaleShift(N: number, C: number, mean: ArrayLike<number>, invstd: ArrayLike<number>, perSample: boolean, w: Float64Array | null, b: Float64Array | null) {
  const scale = new Float64Array(N * C), shift = new Float64Array(N * C);
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const k = perSample ? n * C + c : c;
      const a = invstd[k]! * (w ? w[c]! : 1);
      scale[n * C + c] = a;
      shift[n * C + c] = (b ? b[c]! : 0) - mean[k]! * a;
    }
  }
  return { scale, shift };
}

/**
 * Batch norm in eval mode (running stats) or training mode (batch stats; running stats, when given,
 * are updated in place with the unbiased variance, as PyTorch does). Returns the output and the
 * saved mean/invstd (empty in eval mode).
 */
function batchNorm(args: KernelArgs, training: boolean): [Tensor, Tensor, Tensor] {
  const input = floatTensor(args, 'input', 'batch_norm');
  const { N, C, S } = ncs(args, input.shape);
  const x = contiguousNumbers(input);
  const w = optValues(args, 'weight', C), b = optValues(args, 'bias', C);
  const rm = args.has('running_mean') ? args.tensor('running_mean') : null;
  const rv = args.has('running_var') ? args.tensor('running_var') : null;
  const eps = args.float('eps');
  let mean: Float64Array, invstd: Float64Array;
  if (training) {
    const m = channelMoments(x.data, x.offset, N, C, S);
    mean = m.mean;
    invstd = m.variance.map((v) => 1 / Math.sqrt(v + eps));
    const momentum = args.float('momentum');
    const count = N * S;
    if (rm) writeInto(rm, rm.toFloat64().map((r, c) => (1 - momentum) * r + momentum * mean[c]!));
    if (rv) writeInto(rv, rv.toFloat64().map((r, c) => (1 - momentum) * r + momentum * m.variance[c]! * count / Math.max(count - 1, 1)));
  } else {
    if (!rm || !rv) throw args.error('batch norm in eval mode needs running_mean and running_var, given None');
    mean = rm.toFloat64();
    invstd = rv.toFloat64().map((v) => 1 / Math.sqrt(v + eps));
  }
  const { scale, shift } = scaleShift(N, C, mean, invstd, false, w, b);
  const out = outputBuffer(input.dtype, input.shape);
  affinePerChannel(x.data, x.offset, N, C, S, scale, shift, out.values);
  if (!training) return [out.finish(), Tensor.zeros(input.dtype, [0]), Tensor.zeros(input.dtype, [0])];
  return [out.finish(), Tensor.fromNumbers(input.dtype, [C], mean), Tensor.fromNumbers(input.dtype, [C], invstd)];
}

/**
 * `aten.batch_norm`, `aten.native_batch_norm`, `aten._native_batch_norm_legit_no_training`,
 * `aten._native_batch_norm_legit` (with and without stats).
 */
export const BATCH_NORM: KernelDef = {
  ops: [
    'aten.batch_norm.default', 'aten.native_batch_norm.default', 'aten._native_batch_norm_legit_no_training.default',
    'aten._native_batch_norm_legit.default', 'aten._native_batch_norm_legit.no_stats',
  ],
  run: (args) => {
    const target = args.node.target;
    const training = target === 'aten._native_batch_norm_legit_no_training.default' ? false : args.bool('training');
    const result = batchNorm(args, training);
    return target === 'aten.batch_norm.default' ? result[0] : result;
  },
};

/** `aten.instance_norm`: per-sample, per-channel stats (or running stats when `use_input_stats` is false). */
export const INSTANCE_NORM: KernelDef = {
  ops: ['aten.instance_norm.default'],
  run: (args) => {
    if (!args.bool('use_input_stats')) return batchNorm(args, false)[0];
    const input = floatTensor(args, 'input', 'instance_norm');
    const { N, C, S } = ncs(args, input.shape);
    const x = contiguousNumbers(input);
    const eps = args.float('eps');
    const m = blockMoments(x.data, x.offset, N * C, S);
    const invstd = m.variance.map((v) => 1 / Math.sqrt(v + eps));
    const { scale, shift } = scaleShift(N, C, m.mean, invstd, true, optValues(args, 'weight', C), optValues(args, 'bias', C));
    const out = outputBuffer(input.dtype, input.shape);
    affinePerChannel(x.data, x.offset, N, C, S, scale, shift, out.values);
    return out.finish();
  },
};
