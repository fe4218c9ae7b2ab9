import type { Tensor } from '@nativert/core';
import { ErrorCode, NativertError } from '@nativert/core';
import { CublasOp } from '../ffi/cublas-api.js';
import { ptrOf } from '../device/device-tensor.js';
import type { CudaOpContext } from './cuda-op.js';
import { broadcastShapes, contiguous, copyInto, empty } from './launch-helpers.js';

/** A row-major matrix as cuBLAS (column-major) sees its transpose: op and leading dimension. */
export interface BlasOperand {
  readonly op: number;
  readonly ld: number;
}

/**
 * How to hand a `rows x cols` row-major matrix with element strides `[s0, s1]` to cuBLAS as its
 * transpose, or null when neither dim has unit stride (the caller copies it first).
 */
export function blasOperand(rows: number, cols: number, s0: number, s1: number): BlasOperand | null {
  if ((cols === 1 || s1 === 1) && (rows === 1 || s0 >= Math.max(cols, 1))) return { op: CublasOp.N, ld: rows === 1 ? Math.max(cols, 1) : s0 };
  if ((rows === 1 || s0 === 1) && (cols === 1 || s1 >= Math.max(rows, 1))) return { op: CublasOp.T, ld: cols === 1 ? Math.max(rows, 1) : s1 };
  return null;
}

/** One batch stride for dims `shape`/`strides` when they step as one, else null. */
export function collapseBatch(shape: readonly number[], strides: readonly number[]): number | null {
  let stride: number | null = null;
  let span = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 1) continue;
    if (stride === null) stride = strides[i]!;
    else if (strides[i] !== stride * span) return null;
    span *= shape[i]!;
  }
  return stride ?? 0;
}

interface Prepared {
  readonly t: Tensor;
  readonly blas: BlasOperand;
  readonly batchStride: number;
}

/** `t` expanded to `batch` dims, copied when cuBLAS cannot read its layout directly. */
function prepare(ctx: CudaOpContext, t: Tensor, batch: readonly number[]): Prepared {
  const r = t.shape[t.rank - 2]!;
  const c = t.shape[t.rank - 1]!;
  const lead = batch.length - (t.rank - 2);
  const bStrides = batch.map((_, i) => (i < lead || t.shape[i - lead] === 1 ? 0 : t.strides[i - lead]!));
  const expanded = t.asStrided([...batch, r, c], [...bStrides, t.strides[t.rank - 2]!, t.strides[t.rank - 1]!]);
  const blas = blasOperand(r, c, expanded.strides[batch.length]!, expanded.strides[batch.length + 1]!);
  const bs = collapseBatch(batch, bStrides);
  if (blas && bs !== null) return { t: expanded, blas, batchStride: bs };
  const copy = contiguous(ctx, expanded);
  return { t: copy, blas: blasOperand(r, c, c, 1)!, batchStride: r * c };
}

/**
 * `alpha * a @ b + beta * bias` for a `[..., M, K]` and b `[..., K, N]` with broadcast batch dims
 * (bias broadcast to the result; beta ignored without bias), through cuBLAS SGEMM or strided
 * batched SGEMM. The result is a new contiguous `[..., M, N]` tensor.
 */
export function gemm(ctx: CudaOpContext, a: Tensor, b: Tensor, bias?: Tensor, alpha = 1, beta = 1): Tensor {
  if (a.rank < 2 || b.rank < 2) throw new NativertError(ErrorCode.Internal, 'cuda gemm: operands must be at least 2-d');
  const M = a.shape[a.rank - 2]!;
  const K = a.shape[a.rank - 1]!;
  const N = b.shape[b.rank - 1]!;
  if (b.shape[b.rank - 2] !== K) {
    throw new NativertError(ErrorCode.InvalidArgument, `matmul: shapes [${a.shape.join(', ')}] and [${b.shape.join(', ')}] cannot be multiplied`);
  }
  const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const out = empty(ctx, 'float32', [...batch, M, N]);
  if (out.numel === 0) return out;
  const useBias = bias !== undefined && beta !== 0;
  if (useBias) copyInto(ctx, out, bias);
  const pa = prepare(ctx, a, batch);
  const pb = prepare(ctx, b, batch);
  const { cuda } = ctx;
  cuda.alpha[0] = alpha;
  cuda.beta[0] = useBias ? beta : 0;
  const count = batch.reduce((x, y) => x * y, 1);
  // Row-major C = A B is column-major C^T = B^T A^T: swap the operands and pass N, M.
  const rc = count === 1
    ? cuda.cublas.cublasSgemm(cuda.cublasHandle, pb.blas.op, pa.blas.op, N, M, K, cuda.alpha, ptrOf(pb.t), pb.blas.ld, ptrOf(pa.t), pa.blas.ld, cuda.beta, ptrOf(out), N)
    : cuda.cublas.cublasSgemmStridedBatched(
      cuda.cublasHandle, pb.blas.op, pa.blas.op, N, M, K, cuda.alpha, ptrOf(pb.t), pb.blas.ld, pb.batchStride,
      ptrOf(pa.t), pa.blas.ld, pa.batchStride, cuda.beta, ptrOf(out), N, M * N, count,
    );
  if (rc !== 0) throw new NativertError(ErrorCode.PluginFailure, `cuda: cuBLAS sgemm [${M}x${K}]x[${K}x${N}] batch ${count} failed with status ${rc}`);
  return out;
}
