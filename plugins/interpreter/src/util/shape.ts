import { ErrorCode, NativertError } from '@nativert/core';

/** Wraps a possibly negative `dim` into [0, rank); rank 0 accepts -1 and 0 as PyTorch does. */
export function normalizeDim(dim: number, rank: number, where = 'dim'): number {
  const r = Math.max(rank, 1);
  const d = dim < 0 ? dim + r : dim;
  if (d < 0 || d >= r) throw new NativertError(ErrorCode.InvalidArgument, `${where} ${dim} out of range for a tensor of rank ${rank}`);
  return d;
}

/** The broadcast shape of `shapes` (NumPy rules); throws naming both sizes on mismatch. */
export function broadcastShapes(...shapes: (readonly number[])[]): number[] {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const o = rank - s.length + i;
      const d = s[i]!;
      if (d === out[o] || d === 1) continue;
      if (out[o] === 1) out[o] = d;
      else throw new NativertError(ErrorCode.InvalidArgument, `shapes [${shapes.map((x) => x.join(', ')).join('] and [')}] do not broadcast (dim ${o}: ${out[o]} vs ${d})`);
    }
  }
  return out;
}

/** Strides (in elements) that read a tensor of `shape`/`strides` as if broadcast to `target` (0 on broadcast dims). */
export function broadcastStrides(shape: readonly number[], strides: readonly number[], target: readonly number[]): number[] {
  const out = new Array<number>(target.length).fill(0);
  const off = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[off + i] = shape[i] === 1 && target[off + i] !== 1 ? 0 : strides[i]!;
  return out;
}
