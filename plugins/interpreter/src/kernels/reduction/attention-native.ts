import type { Tensor } from '@nativert/core';
import { allocF32, f32Operand } from '../../native/f32-tensor.js';
import { nativeAddon } from '../../native/native-addon.js';
import type { FloatView } from '../linalg/float-view.js';
import type { AttentionDims } from './attention-math.js';
import { batchOffsets } from './attention-math.js';

/** A view over a tensor's storage as the offsets helper expects. */
function viewOf(t: Tensor, data: Float32Array): FloatView {
  return { data, offset: t.offset, shape: t.shape, strides: t.strides };
}

/** Storage offsets of each batch entry of a mask broadcast to [...batchShape, L, S], and its row/col strides. */
function maskLayout(mask: Tensor, batchShape: readonly number[]): { offs: Float64Array; rs: number; cs: number } {
  const full = batchShape.length + 2, lead = full - mask.rank;
  const stride = (d: number) => (d < lead || mask.shape[d - lead] === 1 ? 0 : mask.strides[d - lead]!);
  const n = batchShape.reduce((a, b) => a * b, 1), offs = new Float64Array(n);
  for (let b = 0; b < n; b++) {
    let rem = b, off = mask.offset;
    for (let d = batchShape.length - 1; d >= 0; d--) {
      off += (rem % batchShape[d]!) * stride(d);
      rem = Math.floor(rem / batchShape[d]!);
    }
    offs[b] = off;
  }
  return { offs, rs: stride(full - 2), cs: stride(full - 1) };
}

/**
 * Float32 attention output ([...batchShape, L, Ev]) in the native addon, or null when the addon is
 * missing or an operand is not float32 host memory (bool masks and float32 masks are taken).
 * The mask must already be known to broadcast to the scores' shape.
 */
export function nativeAttention(q: Tensor, k: Tensor, v: Tensor, mask: Tensor | null, dims: AttentionDims, scale: number,
  causal: boolean, groups: number, threads: number): Tensor | null {
  const native = nativeAddon();
  const qs = f32Operand(q), ks = f32Operand(k), vs = f32Operand(v);
  if (native === null || qs === null || ks === null || vs === null) return null;
  if ([q, k, v].some((t) => t.strides.some((s) => s < 0))) return null;
  let m: Float32Array | Uint8Array | null = null, layout: ReturnType<typeof maskLayout> | null = null;
  if (mask !== null) {
    if (mask.strides.some((s) => s < 0) || mask.rank > dims.batchShape.length + 2) return null;
    if (mask.dtype === 'bool' && mask.storage.kind === 'host') m = mask.hostStorage().bytes;
    else m = f32Operand(mask)?.data ?? null;
    if (m === null) return null;
    layout = maskLayout(mask, dims.batchShape);
  }
  const { batchShape, L, S, E, Ev } = dims, r = q.rank;
  const B = batchShape.reduce((a, b) => a * b, 1);
  const out = allocF32([...batchShape, L, Ev]);
  const oOffs = Float64Array.from({ length: B }, (_, i) => i * L * Ev);
  native.attentionF32(Float64Array.of(L, S, E, Ev), scale, causal,
    qs.data, batchOffsets(viewOf(q, qs.data), batchShape, 1), q.strides[r - 2]!, q.strides[r - 1]!,
    ks.data, batchOffsets(viewOf(k, ks.data), batchShape, groups), k.strides[r - 2]!, k.strides[r - 1]!,
    vs.data, batchOffsets(viewOf(v, vs.data), batchShape, groups), v.strides[r - 2]!, v.strides[r - 1]!,
    m, layout?.offs ?? null, layout?.rs ?? 0, layout?.cs ?? 0, out.data, oOffs, threads);
  return out.tensor;
}
