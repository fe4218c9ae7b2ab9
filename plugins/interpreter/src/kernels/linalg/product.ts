import type { DType, Tensor } from '@nativert/core';
import { ErrorCode, NativertError } from '@nativert/core';
import { promoteTypes } from '../../util/promotion.js';
import { broadcastStrides } from '../../util/shape.js';
import type { FloatView } from './float-view.js';
import { allocFloat, computeKind, floatView, fromFloat, materialize } from './float-view.js';
import { broadcastMatmul, matmulShape } from './matmul-core.js';

/** Scaling of a product: `beta * self + alpha * (a @ b)`; `self` is broadcast to the product's shape. */
export interface ProductScale {
  readonly self?: Tensor;
  readonly alpha?: number;
  readonly beta?: number;
}

/**
 * `torch.matmul(a, b)` for every rank combination (1-d operands gain and then lose a dim, batch dims
 * broadcast), optionally as `beta * self + alpha * (a @ b)`. The result dtype promotes a, b (and self);
 * float32/f16/bf16 compute in float32, float64 and integers in float64.
 */
export function matmulTensors(a: Tensor, b: Tensor, threads: number, where: string, scale: ProductScale = {}): Tensor {
  if (a.rank === 0 || b.rank === 0) {
    throw new NativertError(ErrorCode.InvalidArgument, `${where}: both arguments need at least 1 dimension, given shapes [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`);
  }
  let dtype: DType = promoteTypes(a.dtype, b.dtype);
  if (scale.self !== undefined) dtype = promoteTypes(dtype, scale.self.dtype);
  const kind = computeKind(dtype);
  let va = floatView(a, kind), vb = floatView(b, kind);
  if (a.rank === 1) va = { ...va, shape: [1, a.shape[0]!], strides: [0, a.strides[0]!] };
  if (b.rank === 1) vb = { ...vb, shape: [b.shape[0]!, 1], strides: [b.strides[0]!, 0] };
  const full = matmulShape(va.shape, vb.shape);
  const beta = scale.self === undefined ? 0 : scale.beta ?? 1;
  const out = beta === 0 ? allocFloat(kind, full.reduce((x, y) => x * y, 1)) : broadcastTo(floatView(scale.self!, kind), full, where).data;
  broadcastMatmul(va, vb, { data: out, offset: 0 }, { alpha: scale.alpha ?? 1, beta, threads }, where);
  const shape = full.filter((_, i) => !((a.rank === 1 && i === full.length - 2) || (b.rank === 1 && i === full.length - 1)));
  return fromFloat(out, shape, dtype);
}

/** A fresh contiguous copy of `v` broadcast to `shape`. */
export function broadcastTo(v: FloatView, shape: readonly number[], where: string): FloatView {
  if (v.shape.length > shape.length || v.shape.some((d, i) => d !== 1 && d !== shape[shape.length - v.shape.length + i])) {
    throw new NativertError(ErrorCode.InvalidArgument, `${where}: input of shape [${v.shape.join(', ')}] does not broadcast to the product's shape [${shape.join(', ')}]`);
  }
  return materialize({ ...v, shape, strides: broadcastStrides(v.shape, v.strides, shape) });
}

/** Throws unless `t` has rank `rank`, naming the argument. */
export function expectRank(t: Tensor, rank: number, arg: string, where: string): void {
  if (t.rank !== rank) {
    throw new NativertError(ErrorCode.InvalidArgument, `${where}: argument '${arg}' must be ${rank}-D, given shape [${t.shape.join(', ')}]`);
  }
}
