import type { KernelDef } from '../../kernel/kernel-def.js';
import { matmulTensors } from './product.js';

/** `aten.linear`: `input @ weight.T (+ bias)`; the transpose is read through strides, the bias fills C before an accumulating GEMM. */
export const LINEAR: KernelDef = {
  ops: ['aten.linear.default'],
  run: (args, ctx) => {
    const input = args.tensor('input'), weight = args.tensor('weight'), bias = args.optTensor('bias');
    const where = `node '${args.node.name}' (${args.node.target})`;
    const wt = weight.rank === 2 ? weight.asStrided([weight.shape[1]!, weight.shape[0]!], [weight.strides[1]!, weight.strides[0]!]) : weight;
    return matmulTensors(input, wt, ctx.threads, where, bias === null ? {} : { self: bias, beta: 1, alpha: 1 });
  },
};
