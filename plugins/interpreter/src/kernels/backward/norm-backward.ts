import type { KernelDef } from '../../kernel/kernel-def.js';
import { floatArg, outputMask, tensorOf, valuesOf } from './grad-args.js';
import { groupNormBackward, layerNormBackward } from './norm-backward-math.js';

/**
 * `aten.native_layer_norm_backward`: (grad_input, grad_weight, grad_bias), each null when masked off;
 * grad_weight needs `weight` and grad_bias needs `bias` (PyTorch has none to shape them otherwise).
 */
export const NATIVE_LAYER_NORM_BACKWARD: KernelDef = {
  ops: ['aten.native_layer_norm_backward.default'],
  run: (args) => {
    const input = floatArg(args, 'input', 'native_layer_norm_backward');
    const normalized = args.ints('normalized_shape');
    const k = normalized.length, shape = input.shape;
    if (k > shape.length || shape.slice(shape.length - k).some((d, i) => d !== normalized[i])) {
      throw args.error(`normalized_shape [${normalized.join(', ')}] does not match the trailing dims of input shape [${shape.join(', ')}]`);
    }
    const n = normalized.reduce((a, b) => a * b, 1), rows = input.numel / Math.max(n, 1);
    const weight = args.optTensor('weight'), bias = args.optTensor('bias');
    const mask = outputMask(args);
    const g = layerNormBackward(
      valuesOf(args, 'grad_out', input.numel), valuesOf(args, 'input'), valuesOf(args, 'mean', rows), valuesOf(args, 'rstd', rows),
      weight === null ? null : valuesOf(args, 'weight', n), rows, n, [mask[0]!, mask[1]!, mask[2]! && bias !== null],
    );
    return [
      g.dx && tensorOf(input.dtype, shape, g.dx),
      g.dgamma && weight && tensorOf(weight.dtype, weight.shape, g.dgamma),
      g.dbeta && bias && tensorOf(bias.dtype, bias.shape, g.dbeta),
    ];
  },
};

/** `aten.native_group_norm_backward`: (grad_input, grad_weight [C], grad_bias [C]), each null when masked off. */
export const NATIVE_GROUP_NORM_BACKWARD: KernelDef = {
  ops: ['aten.native_group_norm_backward.default'],
  run: (args) => {
    const input = floatArg(args, 'input', 'native_group_norm_backward');
    const N = args.int('N'), C = args.int('C'), HxW = args.int('HxW'), groups = args.int('group');
    if (groups <= 0 || C % groups !== 0) throw args.error(`channels (${C}) must be divisible by group (${groups})`);
    if (input.numel !== N * C * HxW) throw args.error(`input shape [${input.shape.join(', ')}] does not hold N*C*HxW = ${N}*${C}*${HxW} elements`);
    const weight = args.optTensor('weight');
    const g = groupNormBackward(
      valuesOf(args, 'grad_out', input.numel), valuesOf(args, 'input'), valuesOf(args, 'mean', N * groups), valuesOf(args, 'rstd', N * groups),
      weight === null ? null : valuesOf(args, 'weight', C), N, C, HxW, groups, outputMask(args),
    );
    return [
      g.dx && tensorOf(input.dtype, input.shape, g.dx),
      g.dgamma && tensorOf(input.dtype, [C], g.dgamma),
      g.dbeta && tensorOf(input.dtype, [C], g.dbeta),
    ];
  },
};
