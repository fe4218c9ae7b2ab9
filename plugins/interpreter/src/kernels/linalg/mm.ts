import type { Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { castTo } from './cast.js';
import { expectRank, matmulTensors } from './product.js';

function product(args: KernelArgs, threads: number, rankA: number | null, rankB: number | null, second: string): Tensor {
  const a = args.tensor('self'), b = args.tensor(second);
  const where = `node '${args.node.name}' (${args.node.target})`;
  if (rankA !== null) expectRank(a, rankA, 'self', where);
  if (rankB !== null) expectRank(b, rankB, second, where);
  return castTo(matmulTensors(a, b, threads, where), args.dtype('out_dtype'));
}

/** `aten.mm`: [m, k] @ [k, n]; the `.dtype` overload casts to `out_dtype`. */
export const MM: KernelDef = {
  ops: ['aten.mm.default', 'aten.mm.dtype'],
  run: (args, ctx) => product(args, ctx.threads, 2, 2, 'mat2'),
};

/** `aten.bmm`: [b, m, k] @ [b, k, n]. */
export const BMM: KernelDef = {
  ops: ['aten.bmm.default', 'aten.bmm.dtype'],
  run: (args, ctx) => product(args, ctx.threads, 3, 3, 'mat2'),
};

/** `aten.matmul`: every rank combination, batch dims broadcast. */
export const MATMUL: KernelDef = {
  ops: ['aten.matmul.default'],
  run: (args, ctx) => product(args, ctx.threads, null, null, 'other'),
};

/** `aten.mv`: [m, k] @ [k]. */
export const MV: KernelDef = {
  ops: ['aten.mv.default'],
  run: (args, ctx) => product(args, ctx.threads, 2, 1, 'vec'),
};

/** `aten.dot`: inner product of two 1-d tensors, a 0-d result. */
export const DOT: KernelDef = {
  ops: ['aten.dot.default'],
  run: (args, ctx) => product(args, ctx.threads, 1, 1, 'tensor'),
};

/** `aten.vdot`: like dot for real tensors (conjugation of self is a no-op). */
export const VDOT: KernelDef = {
  ops: ['aten.vdot.default'],
  run: (args, ctx) => product(args, ctx.threads, 1, 1, 'other'),
};

/** `aten.outer` / `aten.ger`: [n] x [m] -> [n, m], a GEMM with k = 1. */
export const OUTER: KernelDef = {
  ops: ['aten.outer.default', 'aten.ger.default'],
  run: (args, ctx) => {
    const a = args.tensor('self'), b = args.tensor('vec2');
    const where = `node '${args.node.name}' (${args.node.target})`;
    expectRank(a, 1, 'self', where);
    expectRank(b, 1, 'vec2', where);
    const col = a.asStrided([a.shape[0]!, 1], [a.strides[0]!, 1]);
    const row = b.asStrided([1, b.shape[0]!], [1, b.strides[0]!]);
    return matmulTensors(col, row, ctx.threads, where);
  },
};
