import type { Tensor } from '@nativert/core';
import type { CudaOpDef } from './cuda-op.js';
import { float32Only } from './cuda-op.js';
import { gemm } from './gemm.js';

/** The last two dims of `t` swapped (a view). */
export function transposeLast(t: Tensor): Tensor {
  const r = t.rank;
  if (r < 2) return t;
  const shape = [...t.shape];
  const strides = [...t.strides];
  [shape[r - 2], shape[r - 1]] = [shape[r - 1]!, shape[r - 2]!];
  [strides[r - 2], strides[r - 1]] = [strides[r - 1]!, strides[r - 2]!];
  return t.asStrided(shape, strides);
}

/** `torch.matmul` on any ranks: 1-d operands are lifted to matrices and the added dim dropped. */
export function matmul(ctx: Parameters<typeof gemm>[0], a: Tensor, b: Tensor): Tensor {
  const a2 = a.rank === 1 ? a.asStrided([1, a.shape[0]!], [0, a.strides[0]!]) : a;
  const b2 = b.rank === 1 ? b.asStrided([b.shape[0]!, 1], [b.strides[0]!, 0]) : b;
  const out = gemm(ctx, a2, b2);
  if (a.rank === 1 && b.rank === 1) return out.asStrided([], []);
  if (a.rank === 1) return out.asStrided([...out.shape.slice(0, -2), out.shape[out.rank - 1]!], [...out.strides.slice(0, -2), 1]);
  if (b.rank === 1) return out.asStrided(out.shape.slice(0, -1), [...out.strides.slice(0, -2), 1]);
  return out;
}

const f32: CudaOpDef['check'] = (node, graph) => float32Only(node, graph);

/** mm, bmm, matmul, addmm, baddbmm, linear: cuBLAS SGEMM. */
export const MATMUL_OPS: readonly CudaOpDef[] = [
  { ops: ['aten.mm.default', 'aten.bmm.default'], check: f32, run: (args, ctx) => gemm(ctx, args.tensor('self'), args.tensor('mat2')) },
  { ops: ['aten.matmul.default'], check: f32, run: (args, ctx) => matmul(ctx, args.tensor('self'), args.tensor('other')) },
  {
    ops: ['aten.addmm.default', 'aten.baddbmm.default'],
    check: f32,
    run: (args, ctx) => gemm(ctx, args.tensor(args.has('batch1') ? 'batch1' : 'mat1'), args.tensor(args.has('batch2') ? 'batch2' : 'mat2'),
      args.tensor('self'), args.scalar('alpha', 1), args.scalar('beta', 1)),
  },
  {
    ops: ['aten.linear.default'],
    check: f32,
    run: (args, ctx) => {
      const x = args.tensor('input');
      const w = transposeLast(args.tensor('weight'));
      const bias = args.optTensor('bias') ?? undefined;
      if (x.rank === 1) return matmul(ctx, x, w);
      // Fold leading dims into M when they step as one, so one GEMM serves [B, T, K] inputs.
      const lead = x.shape.slice(0, -1);
      const rows = lead.reduce((p, d) => p * d, 1);
      const K = x.shape[x.rank - 1]!;
      const flat = x.isContiguous() ? x.asStrided([rows, K], [K, 1]) : null;
      if (flat) {
        const out = gemm(ctx, flat, w, bias);
        return out.asStrided([...lead, out.shape[1]!], [...lead.map((_, i) => lead.slice(i + 1).reduce((p, d) => p * d, 1) * out.shape[1]!), 1]);
      }
      return gemm(ctx, x, w, bias);
    },
  },
];
