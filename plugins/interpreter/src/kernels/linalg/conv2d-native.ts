import type { Tensor } from '@nativert/core';
import { allocF32, f32Contiguous } from '../../native/f32-tensor.js';
import type { UnaryOp } from '../../native/native-addon.js';
import { nativeAddon } from '../../native/native-addon.js';
import type { ConvGeometry } from './conv-geometry.js';

/**
 * A float32 1-d or 2-d (non-transposed) convolution in the native addon with the bias and `act`
 * fused, or null when the addon is missing or an operand is not float32 host memory. `x` is the
 * batched input; the result is [batch, cout, oh, ow] ([batch, cout, ow] in 1-d). Non-contiguous inputs are copied first.
 */
export function conv2dNative(x: Tensor, weight: Tensor, bias: Tensor | null, g: ConvGeometry, act: UnaryOp, threads: number): Tensor | null {
  const native = nativeAddon();
  // A 1-d convolution is the 2-d one over a plane of height 1 (its geometry's leading dims are 1 / 0).
  if (native === null || (g.spatialRank !== 2 && g.spatialRank !== 1) || x.dtype !== 'float32') return null;
  const xs = f32Contiguous(x.isContiguous() ? x : x.contiguous()), ws = f32Contiguous(weight);
  const bs = bias === null ? { data: null, offset: 0 } : f32Contiguous(bias);
  if (xs === null || ws === null || bs === null) return null;
  const [, h, w] = g.inSize, [, kh, kw] = g.kernel, [, oh, ow] = g.outSize;
  const out = allocF32(g.spatialRank === 2 ? [g.batch, g.cout, oh, ow] : [g.batch, g.cout, ow]);
  native.conv2dF32(xs.data, xs.offset, Float64Array.of(g.batch, g.cin, h, w, g.cout, kh, kw, oh, ow,
    g.stride[1], g.stride[2], g.padBefore[1], g.padBefore[2], g.dilation[1], g.dilation[2], g.groups),
  ws.data, ws.offset, bs.data, bs.offset, out.data, act, threads);
  return out.tensor;
}
