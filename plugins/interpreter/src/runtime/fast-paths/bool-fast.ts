import { Tensor } from '@nativert/core';
import type { FastPath } from './fast-path.js';

/** The broadcast shape of a and b, or null when they do not broadcast. */
function broadcastShape(a: readonly number[], b: readonly number[]): number[] | null {
  const rank = Math.max(a.length, b.length), out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1, db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return null;
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** `t`'s strides over the output `shape`, 0 where t is broadcast. */
function stridesOver(t: Tensor, shape: readonly number[]): number[] {
  const lead = shape.length - t.rank;
  return shape.map((_, i) => (i < lead || t.shape[i - lead] === 1 ? 0 : t.strides[i - lead]!));
}

/**
 * Elementwise and/or of two bool tensors with broadcasting (attention masks): a byte loop over the
 * innermost dim, instead of the generic per-element path.
 */
function boolBinary(or: boolean): FastPath {
  return (args) => {
    const sa = args.raw('self'), sb = args.raw('other');
    if (sa?.kind !== 'tensor' || sb?.kind !== 'tensor') return null;
    const a = args.tensor('self'), b = args.tensor('other');
    if (a.dtype !== 'bool' || b.dtype !== 'bool' || a.storage.kind !== 'host' || b.storage.kind !== 'host') return null;
    const shape = broadcastShape(a.shape, b.shape);
    if (shape === null) return null;
    const A = stridesOver(a, shape), B = stridesOver(b, shape), ad = a.storage.bytes, bd = b.storage.bytes;
    const rank = shape.length, inner = rank === 0 ? 1 : shape[rank - 1]!, ia = rank === 0 ? 0 : A[rank - 1]!, ib = rank === 0 ? 0 : B[rank - 1]!;
    let numel = 1;
    for (const d of shape) numel *= d;
    const out = new Uint8Array(numel), idx = new Array<number>(Math.max(rank - 1, 0)).fill(0);
    let oa = a.offset, ob = b.offset;
    for (let o = 0; o < numel; o += inner) {
      for (let j = 0, pa = oa, pb = ob; j < inner; j++, pa += ia, pb += ib) {
        const x = ad[pa]! !== 0, y = bd[pb]! !== 0;
        out[o + j] = (or ? x || y : x && y) ? 1 : 0;
      }
      // Odometer over the outer dims.
      for (let d = rank - 2; d >= 0; d--) {
        oa += A[d]!;
        ob += B[d]!;
        if (++idx[d]! < shape[d]!) break;
        oa -= A[d]! * shape[d]!;
        ob -= B[d]! * shape[d]!;
        idx[d] = 0;
      }
    }
    return Tensor.fromTyped('bool', shape, out);
  };
}

/** Fast paths of bool and/or (mask building). */
export const BOOL_FAST_PATHS: ReadonlyMap<string, FastPath> = new Map<string, FastPath>([
  ['aten.__and__.Tensor', boolBinary(false)],
  ['aten.bitwise_and.Tensor', boolBinary(false)],
  ['aten.logical_and.default', boolBinary(false)],
  ['aten.__or__.Tensor', boolBinary(true)],
  ['aten.bitwise_or.Tensor', boolBinary(true)],
  ['aten.logical_or.default', boolBinary(true)],
]);
