import type { Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { outputBuffer } from '../../util/elementwise.js';
import { contiguousNumbers } from './norm-args.js';
import type { AxisWindows } from './pool-math.js';
import { adaptiveWindows, avgPool, maxPool, slidingWindows } from './pool-math.js';
import { realTensor } from './reduce-args.js';
import { allocF32, f32Contiguous } from '../../native/f32-tensor.js';
import { nativeAddon } from '../../native/native-addon.js';

/** The spatial rank (1, 2 or 3) an op name ends in (`max_pool2d_with_indices` -> 2). */
function spatialRank(target: string): number {
  const m = /(\d)d/.exec(target);
  return m ? Number(m[1]) : 2;
}

/** An int-list argument expanded to `k` entries (a single value repeats), or `dflt` when absent/empty. */
function perAxis(args: KernelArgs, name: string, k: number, dflt: readonly number[]): number[] {
  const v = args.ints(name, dflt);
  const list = v.length === 0 ? [...dflt] : v;
  if (list.length === 1) return new Array<number>(k).fill(list[0]!);
  if (list.length !== k) throw args.error(`argument '${name}': expected 1 or ${k} values, given [${list.join(', ')}]`);
  return list;
}

/** Input `self` (batched or not) split into planes and its last `k` spatial sizes. */
function poolInput(args: KernelArgs, k: number): { input: Tensor; planes: number; lead: number[]; spatial: number[] } {
  const input = realTensor(args, 'self');
  if (input.rank !== k + 1 && input.rank !== k + 2) {
    throw args.error(`expected a ${k + 1}-d (unbatched) or ${k + 2}-d input, given shape [${input.shape.join(', ')}]`);
  }
  const lead = input.shape.slice(0, input.rank - k);
  return { input, planes: lead.reduce((a, b) => a * b, 1), lead, spatial: input.shape.slice(input.rank - k) };
}

/** Runs a max pool over `axes`; returns values, plus int64 indices when `withIndices`. */
function runMax(args: KernelArgs, k: number, axes: (spatial: number[]) => AxisWindows[], withIndices: boolean, threads: number, params?: WindowParams) {
  const { input, planes, lead, spatial } = poolInput(args, k);
  const windows = axes(spatial);
  const outShape = [...lead, ...windows.map((a) => a.outSize)];
  if (windows.some((a) => a.outSize <= 0)) throw args.error(`output size would be [${outShape.join(', ')}] for input [${input.shape.join(', ')}]: too small`);
  if (k === 2 && !withIndices && params !== undefined) {
    const fast = nativeMaxPool2d(input, planes, windows, outShape, params, threads);
    if (fast !== null) return fast;
  }
  const x = contiguousNumbers(input);
  const values = outputBuffer(input.dtype, outShape, true);
  const indices = outputBuffer('int64', outShape);
  maxPool(x.data, x.offset, planes, windows, values.values, withIndices ? indices.values : null);
  return withIndices ? [values.finish(), indices.finish()] : values.finish();
}

/**
 * The float32 native path of a 2-d max pool without indices, or null (also when the last window
 * would leave the padded input, as ceil_mode allows).
 */
function nativeMaxPool2d(input: Tensor, planes: number, windows: AxisWindows[], outShape: number[], g: WindowParams, threads: number): Tensor | null {
  const native = nativeAddon(), x = f32Contiguous(input);
  if (native === null || x === null) return null;
  const [h, w] = [windows[0]!.inSize, windows[1]!.inSize], [oh, ow] = [windows[0]!.outSize, windows[1]!.outSize];
  const fits = (i: number, size: number, out: number) => (out - 1) * g.stride[i]! + (g.kernel[i]! - 1) * g.dilation[i]! - g.pad[i]! < size + g.pad[i]!;
  if (!fits(0, h, oh) || !fits(1, w, ow)) return null;
  const out = allocF32(outShape);
  native.maxPool2dF32(x.data, x.offset, out.data, Float64Array.of(planes, h, w, oh, ow, g.kernel[0]!, g.kernel[1]!,
    g.stride[0]!, g.stride[1]!, g.pad[0]!, g.pad[1]!, g.dilation[0]!, g.dilation[1]!), threads);
  return out.tensor;
}

/** Per-axis window hyper-parameters of a sliding pool. */
interface WindowParams { kernel: number[]; stride: number[]; pad: number[]; dilation: number[]; ceil: boolean }

/** Window hyper-parameters from kernel_size/stride/padding/dilation/ceil_mode arguments. */
function windowParams(args: KernelArgs, k: number, withDilation: boolean): WindowParams {
  const kernel = perAxis(args, 'kernel_size', k, []);
  const stride = perAxis(args, 'stride', k, kernel);
  const pad = perAxis(args, 'padding', k, [0]);
  const dilation = withDilation ? perAxis(args, 'dilation', k, [1]) : new Array<number>(k).fill(1);
  for (let i = 0; i < k; i++) {
    if (pad[i]! * 2 > kernel[i]!) throw args.error(`padding (${pad[i]}) should be at most half of kernel size (${kernel[i]})`);
  }
  return { kernel, stride, pad, dilation, ceil: args.bool('ceil_mode', false) };
}

/** Sliding windows from kernel_size/stride/padding/dilation/ceil_mode arguments. */
function sliding(args: KernelArgs, k: number, withDilation: boolean, params = windowParams(args, k, withDilation)): (spatial: number[]) => AxisWindows[] {
  const { kernel, stride, pad, dilation, ceil } = params;
  return (spatial) => spatial.map((s, i) => slidingWindows(s, kernel[i]!, pad[i]!, stride[i]!, dilation[i]!, ceil));
}

/** `aten.max_pool{1,2,3}d` and `aten.max_pool{2,3}d_with_indices`. */
export const MAX_POOL: KernelDef = {
  ops: ['aten.max_pool1d.default', 'aten.max_pool2d.default', 'aten.max_pool3d.default', 'aten.max_pool2d_with_indices.default', 'aten.max_pool3d_with_indices.default'],
  run: (args, ctx) => {
    const k = spatialRank(args.node.target);
    const params = windowParams(args, k, true);
    return runMax(args, k, sliding(args, k, true, params), args.node.target.includes('with_indices'), ctx.threads, params);
  },
};

/** `aten.avg_pool{1,2,3}d`: ceil_mode, count_include_pad and divisor_override as PyTorch. */
export const AVG_POOL: KernelDef = {
  ops: ['aten.avg_pool1d.default', 'aten.avg_pool2d.default', 'aten.avg_pool3d.default'],
  run: (args) => {
    const k = spatialRank(args.node.target);
    const { input, planes, lead, spatial } = poolInput(args, k);
    const windows = sliding(args, k, false)(spatial);
    const outShape = [...lead, ...windows.map((a) => a.outSize)];
    const divisor = args.optInt('divisor_override');
    if (divisor === 0) throw args.error('divisor_override must be non-zero');
    const x = contiguousNumbers(input);
    const out = outputBuffer(input.dtype, outShape);
    avgPool(x.data, x.offset, planes, windows, args.bool('count_include_pad', true), divisor, out.values);
    return out.finish();
  },
};

function adaptive(args: KernelArgs, k: number): (spatial: number[]) => AxisWindows[] {
  const size = perAxis(args, 'output_size', k, []);
  return (spatial) => spatial.map((s, i) => adaptiveWindows(s, size[i]!));
}

/** `aten.adaptive_avg_pool{1,2,3}d` and `aten._adaptive_avg_pool{2,3}d`. */
export const ADAPTIVE_AVG_POOL: KernelDef = {
  ops: [
    'aten.adaptive_avg_pool1d.default', 'aten.adaptive_avg_pool2d.default', 'aten.adaptive_avg_pool3d.default',
    'aten._adaptive_avg_pool2d.default', 'aten._adaptive_avg_pool3d.default',
  ],
  run: (args) => {
    const k = spatialRank(args.node.target);
    const { input, planes, lead, spatial } = poolInput(args, k);
    const windows = adaptive(args, k)(spatial);
    const x = contiguousNumbers(input);
    const out = outputBuffer(input.dtype, [...lead, ...windows.map((a) => a.outSize)]);
    avgPool(x.data, x.offset, planes, windows, false, null, out.values);
    return out.finish();
  },
};

/** `aten.adaptive_max_pool{1,2,3}d`: (values, int64 in-plane indices). */
export const ADAPTIVE_MAX_POOL: KernelDef = {
  ops: ['aten.adaptive_max_pool1d.default', 'aten.adaptive_max_pool2d.default', 'aten.adaptive_max_pool3d.default'],
  run: (args) => {
    const k = spatialRank(args.node.target);
    return runMax(args, k, adaptive(args, k), true, 1);
  },
};
