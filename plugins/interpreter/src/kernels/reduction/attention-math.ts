// Scaled dot-product attention, math path: softmax(scale · Q·Kᵀ + bias) · V, with the two products
// run by the linalg family's batched GEMM and the softmax in between on the same float array.
import type { FloatArray } from '../linalg/gemm.js';
import { gemmBatched } from '../linalg/gemm.js';
import type { FloatView } from '../linalg/float-view.js';

/** Shapes of one attention call: `batch` = product of leading dims of Q, heads grouped for GQA. */
export interface AttentionDims {
  /** Leading dims of the query, e.g. [N, Hq]. */
  readonly batchShape: readonly number[];
  readonly L: number;
  readonly S: number;
  readonly E: number;
  readonly Ev: number;
}

/** Storage offsets of each batch entry of `v` (leading dims), mapping the head dim for GQA when `groups > 1`. */
export function batchOffsets(v: FloatView, batchShape: readonly number[], groups: number): Float64Array {
  const n = batchShape.reduce((a, b) => a * b, 1);
  const out = new Float64Array(n);
  const r = batchShape.length;
  for (let b = 0; b < n; b++) {
    let rem = b, off = v.offset;
    for (let d = r - 1; d >= 0; d--) {
      const size = batchShape[d]!;
      let i = rem % size;
      rem = Math.floor(rem / size);
      if (d === r - 1 && groups > 1) i = Math.floor(i / groups);
      off += (v.shape[d] === 1 ? 0 : i) * v.strides[d]!;
    }
    out[b] = off;
  }
  return out;
}

/**
 * Runs attention. `bias` (already broadcast to [batch, L, S], or null) is added to the scaled
 * scores; `causal` masks key j > query i. Returns the output [batch, L, Ev] and the log-sum-exp of
 * each score row [batch, L]. Rows masked entirely give NaN, as PyTorch's math path does.
 */
export function attention(
  q: FloatView, k: FloatView, v: FloatView, dims: AttentionDims, scale: number,
  bias: ArrayLike<number> | null, causal: boolean, groups: number, threads: number,
): { out: FloatArray; lse: Float64Array } {
  const { batchShape, L, S, E, Ev } = dims;
  const B = batchShape.reduce((a, b) => a * b, 1);
  const r = q.shape.length;
  const make = (n: number): FloatArray => (q.data instanceof Float32Array ? new Float32Array(n) : new Float64Array(n));
  const scores = make(B * L * S);
  const seq = (n: number, step: number) => Float64Array.from({ length: n }, (_, i) => i * step);
  gemmBatched(L, S, E,
    { data: q.data, offsets: batchOffsets(q, batchShape, 1), rowStride: q.strides[r - 2]!, colStride: q.strides[r - 1]! },
    { data: k.data, offsets: batchOffsets(k, batchShape, groups), rowStride: k.strides[r - 1]!, colStride: k.strides[r - 2]! },
    { data: scores, offsets: seq(B, L * S), ld: S }, { alpha: scale, threads });
  const lse = new Float64Array(B * L);
  for (let row = 0; row < B * L; row++) {
    const base = row * S, i = row % L;
    let m = -Infinity;
    for (let j = 0; j < S; j++) {
      let s = scores[base + j]!;
      if (bias) s += bias[base + j]!;
      if (causal && j > i) s = -Infinity;
      scores[base + j] = s;
      if (s > m || s !== s) m = s;
    }
    let sum = 0;
    for (let j = 0; j < S; j++) {
      const e = Math.exp(scores[base + j]! - m);
      scores[base + j] = e;
      sum += e;
    }
    for (let j = 0; j < S; j++) scores[base + j] = scores[base + j]! / sum;
    lse[row] = m + Math.log(sum);
  }
  const out = make(B * L * Ev);
  gemmBatched(L, Ev, S,
    { data: scores, offsets: seq(B, L * S), rowStride: S, colStride: 1 },
    { data: v.data, offsets: batchOffsets(v, batchShape, groups), rowStride: v.strides[r - 2]!, colStride: v.strides[r - 1]! },
    { data: out, offsets: seq(B, L * Ev), ld: Ev }, { threads });
  return { out, lse };
}
