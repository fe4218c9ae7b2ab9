import { ErrorCode, NativertError } from '@nativert/core';
import { broadcastShapes, broadcastStrides } from '../../util/shape.js';
import type { FloatView } from './float-view.js';
import type { FloatArray, GemmOptions } from './gemm.js';
import { gemmBatched } from './gemm.js';

/** Where a batched product writes: a row-major buffer of [...batch, m, n] (prefilled when beta != 0). */
export interface MatmulTarget {
  readonly data: FloatArray;
  readonly offset: number;
}

/**
 * Batched product with NumPy broadcasting of batch dims: `a` [...ba, m, k] times `b` [...bb, k, n]
 * into `out` ([...broadcast(ba, bb), m, n], row-major). Returns the output shape. When `b` is shared
 * by the whole batch and `a`'s batch rows are evenly strided, the batch folds into one tall GEMM.
 */
export function broadcastMatmul(a: FloatView, b: FloatView, out: MatmulTarget, opts: GemmOptions, where: string): number[] {
  const ra = a.shape.length, rb = b.shape.length;
  const m = a.shape[ra - 2]!, k = a.shape[ra - 1]!, n = b.shape[rb - 1]!;
  if (b.shape[rb - 2] !== k) {
    throw new NativertError(ErrorCode.InvalidArgument, `${where}: shapes [${a.shape.join(', ')}] and [${b.shape.join(', ')}] cannot be multiplied (${k} vs ${b.shape[rb - 2]})`);
  }
  const ba = a.shape.slice(0, -2), bb = b.shape.slice(0, -2);
  const batch = broadcastShapes(ba, bb);
  const outShape = [...batch, m, n];
  const count = batch.reduce((x, y) => x * y, 1);
  if (count === 0 || m === 0 || n === 0) return outShape;
  const sa = broadcastStrides(ba, a.strides.slice(0, -2), batch);
  const sb = broadcastStrides(bb, b.strides.slice(0, -2), batch);
  const rsa = a.strides[ra - 2]!, csa = a.strides[ra - 1]!;
  const op = (off: number, rs: number, cs: number, data: FloatArray) => ({ data, offsets: Float64Array.of(off), rowStride: rs, colStride: cs });
  const tall = foldedRowStride(batch, sa, m, rsa);
  if (sb.every((s) => s === 0) && tall !== null) {
    gemmBatched(count * m, n, k, op(a.offset, tall, csa, a.data), op(b.offset, b.strides[rb - 2]!, b.strides[rb - 1]!, b.data),
      { data: out.data, offsets: Float64Array.of(out.offset), ld: n }, opts);
    return outShape;
  }
  const aOffs = new Float64Array(count), bOffs = new Float64Array(count), cOffs = new Float64Array(count);
  const idx = new Array<number>(batch.length).fill(0);
  let oa = a.offset, ob = b.offset;
  for (let i = 0; i < count; i++) {
    aOffs[i] = oa;
    bOffs[i] = ob;
    cOffs[i] = out.offset + i * m * n;
    for (let d = batch.length - 1; d >= 0; d--) {
      oa += sa[d]!;
      ob += sb[d]!;
      if (++idx[d]! < batch[d]!) break;
      oa -= sa[d]! * batch[d]!;
      ob -= sb[d]! * batch[d]!;
      idx[d] = 0;
    }
  }
  gemmBatched(m, n, k, { data: a.data, offsets: aOffs, rowStride: rsa, colStride: csa },
    { data: b.data, offsets: bOffs, rowStride: b.strides[rb - 2]!, colStride: b.strides[rb - 1]! },
    { data: out.data, offsets: cOffs, ld: n }, opts);
  return outShape;
}

// The single row stride that walks all batch rows of `a` in order, or null when there is none.
function foldedRowStride(batch: readonly number[], strides: readonly number[], m: number, rs: number): number | null {
  let expect = m === 1 ? null : rs;
  let span = m;
  for (let d = batch.length - 1; d >= 0; d--) {
    if (batch[d] === 1) continue;
    if (expect === null) expect = strides[d]!;
    else if (strides[d] !== expect * span) return null;
    span *= batch[d]!;
  }
  return expect ?? rs;
}

/** The shape of `broadcastMatmul(a, b)` for operands of rank >= 2. */
export function matmulShape(a: readonly number[], b: readonly number[]): number[] {
  return [...broadcastShapes(a.slice(0, -2), b.slice(0, -2)), a[a.length - 2]!, b[b.length - 1]!];
}
