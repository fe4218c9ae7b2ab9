import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import type { ConvParams } from './conv-geometry.js';
import { convolution } from './conv.js';

function where(args: KernelArgs): string {
  return `node '${args.node.name}' (${args.node.target})`;
}

function padding(args: KernelArgs, dflt: readonly number[]): ConvParams['padding'] {
  if (!args.has('padding') && args.node.target.endsWith('.padding')) return 'valid';
  if (args.raw('padding')?.kind !== 'string') return args.ints('padding', dflt);
  const s = args.string('padding');
  if (s !== 'same' && s !== 'valid') throw args.error(`argument 'padding': expected 'same' or 'valid', given '${s}'`);
  return s;
}

function run(args: KernelArgs, threads: number, p: ConvParams) {
  return convolution(args.tensor('input'), args.tensor('weight'), args.optTensor('bias'), p, threads, where(args));
}

/** `aten.convolution` and `aten._convolution`: every layout, plain or transposed, with explicit hyper-parameters. */
export const CONVOLUTION: KernelDef = {
  ops: ['aten.convolution.default', 'aten._convolution.default', 'aten._convolution.deprecated'],
  run: (args, ctx) => run(args, ctx.threads, {
    stride: args.ints('stride'), padding: args.ints('padding'), dilation: args.ints('dilation'), groups: args.int('groups'),
    transposed: args.bool('transposed'), outputPadding: args.ints('output_padding', [0]),
  }),
};

function convNd(rank: number): KernelDef {
  const ones = new Array<number>(rank).fill(1), zeros = new Array<number>(rank).fill(0);
  return {
    ops: [`aten.conv${rank}d.default`, `aten.conv${rank}d.padding`],
    run: (args, ctx) => run(args, ctx.threads, {
      stride: args.ints('stride', ones), padding: padding(args, zeros),
      dilation: args.ints('dilation', ones), groups: args.int('groups', 1), transposed: false, outputPadding: [0],
    }),
  };
}

function convTransposeNd(rank: number): KernelDef {
  const ones = new Array<number>(rank).fill(1), zeros = new Array<number>(rank).fill(0);
  return {
    ops: [rank === 1 ? 'aten.conv_transpose1d.default' : `aten.conv_transpose${rank}d.input`],
    run: (args, ctx) => run(args, ctx.threads, {
      stride: args.ints('stride', ones), padding: args.ints('padding', zeros), dilation: args.ints('dilation', ones),
      groups: args.int('groups', 1), transposed: true, outputPadding: args.ints('output_padding', zeros),
    }),
  };
}

/** `aten.conv1d` (`.default` and `.padding`). */
export const CONV1D = convNd(1);
/** `aten.conv2d` (`.default` and `.padding`). */
export const CONV2D = convNd(2);
/** `aten.conv3d` (`.default` and `.padding`). */
export const CONV3D = convNd(3);
/** `aten.conv_transpose1d.default`. */
export const CONV_TRANSPOSE1D = convTransposeNd(1);
/** `aten.conv_transpose2d.input`. */
export const CONV_TRANSPOSE2D = convTransposeNd(2);
/** `aten.conv_transpose3d.input`. */
export const CONV_TRANSPOSE3D = convTransposeNd(3);
