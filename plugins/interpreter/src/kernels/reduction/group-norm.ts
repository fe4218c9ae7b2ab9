import type { Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { outputBuffer } from '../../util/elementwise.js';
import { affinePerChannel, blockMoments } from './channel-math.js';
import { contiguousNumbers, optValues } from './norm-args.js';
import { floatTensor } from './reduce-args.js';

/** Group norm of contiguous (N, C, S) input in `groups` groups: output plus mean/rstd of shape [N, groups]. */
function groupNorm(args: KernelArgs, input: Tensor, N: number, C: number, S: number, groups: number, eps: number): Tensor[] {
  if (groups <= 0 || C % groups !== 0) throw args.error(`group norm: channels (${C}) must be divisible by num_groups (${groups})`);
  const x = contiguousNumbers(input);
  const cpg = C / groups;
  const m = blockMoments(x.data, x.offset, N * groups, cpg * S);
  const rstd = m.variance.map((v) => 1 / Math.sqrt(v + eps));
  const w = optValues(args, 'weight', C), b = optValues(args, 'bias', C);
  const scale = new Float64Array(N * C), shift = new Float64Array(N * C);
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const g = n * groups + Math.floor(c / cpg);
      const a = rstd[g]! * (w ? w[c]! : 1);
      scale[n * C + c] = a;
      shift[n * C + c] = (b ? b[c]! : 0) - m.mean[g]! * a;
    }
  }
  const out = outputBuffer(input.dtype, input.shape);
  affinePerChannel(x.data, x.offset, N, C, S, scale, shift, out.values);
  const mean = outputBuffer(input.dtype, [N, groups]);
  const rs = outputBuffer(input.dtype, [N, groups]);
  mean.values.set(m.mean);
  rs.values.set(rstd);
  return [out.finish(), mean.finish(), rs.finish()];
}

/** `aten.group_norm` (output only) and `aten.native_group_norm` (output, mean, rstd). */
export const GROUP_NORM: KernelDef = {
  ops: ['aten.group_norm.default', 'aten.native_group_norm.default'],
  run: (args) => {
    const input = floatTensor(args, 'input', 'group_norm');
    if (args.node.target === 'aten.native_group_norm.default') {
      return groupNorm(args, input, args.int('N'), args.int('C'), args.int('HxW'), args.int('group'), args.float('eps'));
    }
    const shape = input.shape;
    if (shape.length < 2) throw args.error(`group_norm expects an input of rank >= 2 (N, C, ...), given shape [${shape.join(', ')}]`);
    const S = shape.slice(2).reduce((a, c) => a * c, 1);
    return groupNorm(args, input, shape[0]!, shape[1]!, S, args.int('num_groups'), args.float('eps', 1e-5))[0]!;
  },
};
