import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import type { ConvPairs } from './conv-backward-math.js';
import { channelSums, convBackward } from './conv-backward-math.js';
import { floatArg, outputMask, tensorOf, valuesOf } from './grad-args.js';

type Dims3 = [number, number, number];

/** Schema int list `name` spread over `rank` spatial dims and padded in front to three with `fill`. */
function spatial3(args: KernelArgs, name: string, rank: number, fill: number): Dims3 {
  const list = args.ints(name);
  if (list.length !== 1 && list.length !== rank) throw args.error(`argument '${name}': expected 1 or ${rank} values, given [${list.join(', ')}]`);
  const full = list.length === 1 ? new Array<number>(rank).fill(list[0]!) : [...list];
  while (full.length < 3) full.unshift(fill);
  return full as Dims3;
}

/** Spatial extents of `shape` (after batch and channels) padded in front to three with 1s. */
function size3(shape: readonly number[]): Dims3 {
  const s = shape.slice(2);
  while (s.length < 3) s.unshift(1);
  return s as Dims3;
}

/**
 * `aten.convolution_backward`: (grad_input, grad_weight, grad_bias) of a plain or transposed
 * convolution of 1-3 spatial dims; entries are null where `output_mask` is false. Sizes come from
 * the given tensors, so output_padding and bias_sizes need no use.
 */
export const CONVOLUTION_BACKWARD: KernelDef = {
  ops: ['aten.convolution_backward.default'],
  run: (args) => {
    const go = floatArg(args, 'grad_output', 'convolution_backward');
    const input = floatArg(args, 'input', 'convolution_backward');
    const weight = floatArg(args, 'weight', 'convolution_backward');
    const rank = input.rank - 2;
    if (rank < 1 || rank > 3 || weight.rank !== input.rank || go.rank !== input.rank) {
      throw args.error(`expected grad_output, input and weight of equal rank 3-5, given [${go.shape.join(', ')}], [${input.shape.join(', ')}], [${weight.shape.join(', ')}]`);
    }
    const transposed = args.bool('transposed'), groups = args.int('groups', 1);
    const [a, b] = transposed ? [input, go] : [go, input];
    const p: ConvPairs = {
      batch: input.shape[0]!, groups, aChannels: a.shape[1]!, bChannels: b.shape[1]!,
      aSize: size3(a.shape), bSize: size3(b.shape), kernel: size3(weight.shape),
      stride: spatial3(args, 'stride', rank, 1), padding: spatial3(args, 'padding', rank, 0), dilation: spatial3(args, 'dilation', rank, 1),
    };
    if (groups < 1 || weight.shape[0] !== p.aChannels || p.aChannels % groups !== 0 || weight.shape[1]! * groups !== p.bChannels || go.shape[0] !== p.batch) {
      throw args.error(`weight [${weight.shape.join(', ')}] with groups=${groups} does not fit input [${input.shape.join(', ')}] and grad_output [${go.shape.join(', ')}]${transposed ? ' (transposed)' : ''}`);
    }
    const mask = outputMask(args);
    const { gradInput, gradWeight } = convBackward(
      p, valuesOf(args, transposed ? 'input' : 'grad_output'), valuesOf(args, transposed ? 'grad_output' : 'input'), valuesOf(args, 'weight'),
      transposed ? 'A' : 'B', mask[0]!, mask[1]!,
    );
    const goPlane = go.numel / Math.max(1, go.shape[0]! * go.shape[1]!);
    return [
      gradInput && tensorOf(input.dtype, input.shape, gradInput),
      gradWeight && tensorOf(weight.dtype, weight.shape, gradWeight),
      mask[2] ? tensorOf(go.dtype, [go.shape[1]!], channelSums(valuesOf(args, 'grad_output'), go.shape[0]!, go.shape[1]!, goPlane)) : null,
    ];
  },
};
