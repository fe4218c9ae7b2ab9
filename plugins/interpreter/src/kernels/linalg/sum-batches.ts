import type { Tensor } from '@nativert/core';
import { ErrorCode, NativertError } from '@nativert/core';
import { promoteTypes } from '../../util/promotion.js';
import { computeKind, floatView, fromFloat } from './float-view.js';
import { gemm } from './gemm.js';
import { broadcastTo } from './product.js';

/** `beta * self + alpha * Σ_b b1[b] @ b2[b]` (addbmm): one GEMM per batch entry accumulating into one [m, n] result. */
export function sumBatches(self: Tensor, b1: Tensor, b2: Tensor, beta: number, alpha: number, where: string): Tensor {
  const [batch, m, k] = b1.shape as [number, number, number];
  const n = b2.shape[2]!;
  if (b2.shape[0] !== batch || b2.shape[1] !== k) {
    throw new NativertError(ErrorCode.InvalidArgument, `${where}: batch1 [${b1.shape.join(', ')}] and batch2 [${b2.shape.join(', ')}] do not match`);
  }
  const dtype = promoteTypes(promoteTypes(b1.dtype, b2.dtype), self.dtype);
  const kind = computeKind(dtype);
  const out = broadcastTo(floatView(self, kind), [m, n], where).data;
  if (beta !== 1) for (let i = 0; i < out.length; i++) out[i] = beta === 0 ? 0 : beta * out[i]!;
  const va = floatView(b1, kind), vb = floatView(b2, kind);
  for (let i = 0; i < batch; i++) {
    gemm(m, n, k,
      { data: va.data, offset: va.offset + i * va.strides[0]!, rowStride: va.strides[1]!, colStride: va.strides[2]! },
      { data: vb.data, offset: vb.offset + i * vb.strides[0]!, rowStride: vb.strides[1]!, colStride: vb.strides[2]! },
      { data: out, offset: 0, ld: n }, { alpha, beta: 1 });
  }
  return fromFloat(out, [m, n], dtype);
}
