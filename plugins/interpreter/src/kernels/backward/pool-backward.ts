import type { Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import type { AxisWindows } from '../reduction/pool-math.js';
import { adaptiveWindows, slidingWindows } from '../reduction/pool-math.js';
import { floatArg, tensorOf, valuesOf } from './grad-args.js';
import { avgPoolBackward, scatterToIndices } from './pool-backward-math.js';

/** Spatial rank of a pool op from its name (`..._pool3d_...` is 3, else 2). */
function rankOf(target: string): number {
  return target.includes('3d') ? 3 : 2;
}

/** The pooled input `self` split into planes and `k` spatial dims; grad_output must hold `outSizes` per plane. */
function poolPlanes(args: KernelArgs, k: number): { self: Tensor; planes: number; spatial: number[] } {
  const self = floatArg(args, 'self', args.node.target);
  if (self.rank !== k + 1 && self.rank !== k + 2) throw args.error(`expected 'self' of rank ${k + 1} or ${k + 2}, given shape [${self.shape.join(', ')}]`);
  const spatial = self.shape.slice(self.rank - k);
  return { self, planes: self.numel / Math.max(1, spatial.reduce((a, b) => a * b, 1)), spatial };
}

/** Int list `name` over `k` axes (one value for all, or `dflt` when empty/absent). */
function perAxis(args: KernelArgs, name: string, k: number, dflt: readonly number[]): number[] {
  let v = args.ints(name, dflt);
  if (v.length === 0) v = [...dflt];
  if (v.length === 1) v = new Array<number>(k).fill(v[0]!);
  if (v.length !== k) throw args.error(`argument '${name}': expected 1 or ${k} values, given [${v.join(', ')}]`);
  return v;
}

/** Sliding windows of kernel_size/stride/padding/dilation/ceil_mode over `spatial`. */
function slidingAxes(args: KernelArgs, spatial: readonly number[], withDilation: boolean): AxisWindows[] {
  const k = spatial.length;
  const kernel = perAxis(args, 'kernel_size', k, []);
  const stride = perAxis(args, 'stride', k, kernel), pad = perAxis(args, 'padding', k, [0]);
  const dil = withDilation ? perAxis(args, 'dilation', k, [1]) : new Array<number>(k).fill(1);
  const ceil = args.bool('ceil_mode', false);
  return spatial.map((s, i) => slidingWindows(s, kernel[i]!, pad[i]!, stride[i]!, dil[i]!, ceil));
}

/** grad_output values, checked to hold one entry per pooled output of every plane. */
function gradValues(args: KernelArgs, planes: number, axes: readonly AxisWindows[]): Float64Array {
  const outs = axes.map((a) => a.outSize);
  const go = args.tensor('grad_output');
  if (go.numel !== planes * outs.reduce((a, b) => a * b, 1)) {
    throw args.error(`grad_output shape [${go.shape.join(', ')}] does not match ${planes} planes of pooled size [${outs.join(', ')}]`);
  }
  return valuesOf(args, 'grad_output');
}

/** `aten.avg_pool{2,3}d_backward`: gradient of avg_pool with the forward's divisors. */
export const AVG_POOL_BACKWARD: KernelDef = {
  ops: ['aten.avg_pool2d_backward.default', 'aten.avg_pool3d_backward.default'],
  run: (args) => {
    const { self, planes, spatial } = poolPlanes(args, rankOf(args.node.target));
    const axes = slidingAxes(args, spatial, false);
    const divisor = args.optInt('divisor_override');
    if (divisor === 0) throw args.error('divisor_override must be non-zero');
    const gi = avgPoolBackward(gradValues(args, planes, axes), planes, axes, args.bool('count_include_pad', true), divisor);
    return tensorOf(self.dtype, self.shape, gi);
  },
};

/** `aten._adaptive_avg_pool{2,3}d_backward`: output sizes taken from grad_output's trailing dims. */
export const ADAPTIVE_AVG_POOL_BACKWARD: KernelDef = {
  ops: ['aten._adaptive_avg_pool2d_backward.default', 'aten._adaptive_avg_pool3d_backward.default'],
  run: (args) => {
    const k = rankOf(args.node.target);
    const { self, planes, spatial } = poolPlanes(args, k);
    const go = args.tensor('grad_output');
    if (go.rank !== self.rank) throw args.error(`grad_output rank ${go.rank} differs from self rank ${self.rank}`);
    const outs = go.shape.slice(go.rank - k);
    const axes = spatial.map((s, i) => adaptiveWindows(s, outs[i]!));
    return tensorOf(self.dtype, self.shape, avgPoolBackward(gradValues(args, planes, axes), planes, axes, false, null));
  },
};

/** `aten.max_pool{2,3}d_with_indices_backward`: grad_output added at the forward's argmax `indices`. */
export const MAX_POOL_WITH_INDICES_BACKWARD: KernelDef = {
  ops: ['aten.max_pool2d_with_indices_backward.default', 'aten.max_pool3d_with_indices_backward.default'],
  run: (args) => {
    const { self, planes, spatial } = poolPlanes(args, rankOf(args.node.target));
    const go = args.tensor('grad_output'), indices = args.tensor('indices');
    if (indices.numel !== go.numel) throw args.error(`indices shape [${indices.shape.join(', ')}] differs from grad_output shape [${go.shape.join(', ')}]`);
    const inPlane = spatial.reduce((a, b) => a * b, 1), outPlane = go.numel / Math.max(1, planes);
    const { gi, bad } = scatterToIndices(valuesOf(args, 'grad_output'), valuesOf(args, 'indices'), planes, outPlane, inPlane);
    if (bad !== null) throw args.error(`index ${bad} in 'indices' is outside a pooled plane of ${inPlane} elements`);
    return tensorOf(self.dtype, self.shape, gi);
  },
};
