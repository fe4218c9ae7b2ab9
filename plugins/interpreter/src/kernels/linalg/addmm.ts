import type { Tensor } from '@nativert/core';
import { writeNumbers } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { castTo } from './cast.js';
import { expectRank, matmulTensors } from './product.js';
import { sumBatches } from './sum-batches.js';

// `beta * self + alpha * (a @ b)`; in-place overloads write the result back through self's strides.
function scaledProduct(args: KernelArgs, threads: number, first: string, second: string, ranks: [number, number], inPlace: boolean): Tensor {
  const self = args.tensor('self'), a = args.tensor(first), b = args.tensor(second);
  const where = `node '${args.node.name}' (${args.node.target})`;
  expectRank(a, ranks[0], first, where);
  expectRank(b, ranks[1], second, where);
  const scale = { self, beta: args.scalar('beta', 1), alpha: args.scalar('alpha', 1) };
  const out = castTo(matmulTensors(a, b, threads, where, scale), args.dtype('out_dtype'));
  if (!inPlace) return out;
  writeNumbers(self, castTo(out, self.dtype).toFloat64());
  return self;
}

/** `aten.addmm`: `beta * self + alpha * (mat1 @ mat2)`, and its in-place and `.dtype` overloads. */
export const ADDMM: KernelDef = {
  ops: ['aten.addmm.default', 'aten.addmm.dtype', 'aten.addmm_.default'],
  run: (args, ctx) => scaledProduct(args, ctx.threads, 'mat1', 'mat2', [2, 2], args.node.target === 'aten.addmm_.default'),
};

/**
 * `aten.addmv`: `beta * self + alpha * (mat @ vec)`. Computed as a one-column matmul so `self`
 * broadcasts against the [n] result (as a [n, 1] column) rather than against [n, 1].
 */
export const ADDMV: KernelDef = {
  ops: ['aten.addmv.default', 'aten.addmv_.default'],
  run: (args, ctx) => {
    const self = args.tensor('self'), mat = args.tensor('mat'), vec = args.tensor('vec');
    const where = `node '${args.node.name}' (${args.node.target})`;
    expectRank(mat, 2, 'mat', where);
    expectRank(vec, 1, 'vec', where);
    const column = vec.asStrided([vec.shape[0]!, 1], [vec.strides[0]!, 0]);
    const selfColumn = self.asStrided([...self.shape, 1], [...self.strides, 0]);
    const scale = { self: selfColumn, beta: args.scalar('beta', 1), alpha: args.scalar('alpha', 1) };
    const product = matmulTensors(mat, column, ctx.threads, where, scale);
    const out = product.asStrided([product.shape[0]!], [product.strides[0]!], product.offset);
    if (args.node.target !== 'aten.addmv_.default') return out;
    writeNumbers(self, castTo(out, self.dtype).toFloat64());
    return self;
  },
};

/** `aten.baddbmm`: `beta * self + alpha * bmm(batch1, batch2)`. */
export const BADDBMM: KernelDef = {
  ops: ['aten.baddbmm.default', 'aten.baddbmm.dtype', 'aten.baddbmm_.default'],
  run: (args, ctx) => scaledProduct(args, ctx.threads, 'batch1', 'batch2', [3, 3], args.node.target === 'aten.baddbmm_.default'),
};

/** `aten.addbmm`: `beta * self + alpha * Σ_b batch1[b] @ batch2[b]`. */
export const ADDBMM: KernelDef = {
  ops: ['aten.addbmm.default', 'aten.addbmm_.default'],
  run: (args) => {
    const self = args.tensor('self'), b1 = args.tensor('batch1'), b2 = args.tensor('batch2');
    const where = `node '${args.node.name}' (${args.node.target})`;
    expectRank(b1, 3, 'batch1', where);
    expectRank(b2, 3, 'batch2', where);
    const out = sumBatches(self, b1, b2, args.scalar('beta', 1), args.scalar('alpha', 1), where);
    if (args.node.target !== 'aten.addbmm_.default') return out;
    writeNumbers(self, out.toFloat64());
    return self;
  },
};
