import { hostStorage, Tensor } from '@nativert/core';
import { activeArena } from './f32-arena.js';

/** A float32 host tensor's whole storage as a Float32Array, and its element offset. */
export interface F32Operand {
  readonly data: Float32Array;
  readonly offset: number;
}

/**
 * The storage of `v` as float32 elements when `v` is a float32 host tensor whose bytes are
 * 4-byte aligned (archive weights may not be), else null. Strides are not checked.
 */
export function f32Operand(v: unknown): F32Operand | null {
  if (!(v instanceof Tensor) || v.dtype !== 'float32' || v.storage.kind !== 'host') return null;
  const bytes = v.storage.bytes;
  if (bytes.byteOffset % 4 !== 0) return null;
  return { data: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2), offset: v.offset };
}

/** Like {@link f32Operand}, but also requires row-major contiguous elements. */
export function f32Contiguous(v: unknown): F32Operand | null {
  return v instanceof Tensor && v.isContiguous() ? f32Operand(v) : null;
}

/**
 * A new contiguous float32 tensor of `shape` and its data. Inside a plan's run the buffer may be a
 * recycled one with stale contents (see F32Arena): callers must write every element.
 */
export function allocF32(shape: readonly number[]): { tensor: Tensor; data: Float32Array } {
  let n = 1;
  for (const d of shape) n *= d;
  const arena = activeArena();
  const data = arena === null ? new Float32Array(n) : arena.take(n);
  return { tensor: Tensor.fromTyped('float32', shape, data), data };
}

/**
 * A float32 host tensor whose storage is 4-byte aligned: `t` itself when it already is, else a
 * byte copy of just the elements it spans (no float64 round trip), with its layout kept.
 */
export function alignedF32(t: Tensor): Tensor {
  if (t.dtype !== 'float32' || t.storage.kind !== 'host' || t.storage.bytes.byteOffset % 4 === 0) return t;
  let lo = t.offset, hi = t.offset;
  t.shape.forEach((d, i) => {
    const s = t.strides[i]!;
    if (d > 0) { if (s < 0) lo += s * (d - 1); else hi += s * (d - 1); }
  });
  const bytes = t.numel === 0 ? new Uint8Array(0) : t.storage.bytes.slice(lo * 4, (hi + 1) * 4);
  return new Tensor('float32', t.shape, hostStorage(bytes), t.strides, t.offset - lo);
}

/** A float32 tensor's elements in row-major order: a view of its own storage when contiguous and aligned, else a copy. */
export function f32Values(t: Tensor): Float32Array {
  const a = alignedF32(t);
  const own = f32Contiguous(a) ?? f32Contiguous(a.clone())!;
  return own.data.subarray(own.offset, own.offset + t.numel);
}
