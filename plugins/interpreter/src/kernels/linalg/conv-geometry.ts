import { ErrorCode, NativertError } from '@nativert/core';

/** Three spatial extents (depth, height, width); 1-d and 2-d convolutions lead with 1s. */
export type Dims3 = [number, number, number];

/**
 * Sizes of one convolution, normalized to three spatial dims. For a transposed convolution `cin`
 * and `cout` keep their meaning (input and output channels) and `outSize` is the larger side.
 */
export interface ConvGeometry {
  readonly batch: number;
  readonly cin: number;
  readonly cout: number;
  readonly groups: number;
  /** Number of spatial dims of the op (1, 2 or 3), for the output shape. */
  readonly spatialRank: number;
  readonly inSize: Dims3;
  readonly kernel: Dims3;
  readonly outSize: Dims3;
  readonly stride: Dims3;
  readonly dilation: Dims3;
  /** Padding before each spatial dim (after-padding only changes `outSize`). */
  readonly padBefore: Dims3;
}

/** Convolution hyper-parameters as the schema gives them (lists may hold one value for all dims). */
export interface ConvParams {
  readonly stride: readonly number[];
  /** Per-dim symmetric padding, or PyTorch's 'same' / 'valid'. */
  readonly padding: readonly number[] | 'same' | 'valid';
  readonly dilation: readonly number[];
  readonly groups: number;
  readonly transposed: boolean;
  readonly outputPadding: readonly number[];
}

/** Spreads a schema int list over `rank` dims and pads it in front to three with `fill`. */
function to3(list: readonly number[], rank: number, fill: number, name: string, where: string): Dims3 {
  if (list.length !== 1 && list.length !== rank) {
    throw new NativertError(ErrorCode.InvalidArgument, `${where}: ${name} needs 1 or ${rank} values, given [${list.join(', ')}]`);
  }
  const full = list.length === 1 ? new Array<number>(rank).fill(list[0]!) : [...list];
  while (full.length < 3) full.unshift(fill);
  return full as Dims3;
}

/** Validates shapes and derives the normalized geometry of a (transposed) convolution over a batched input. */
export function convGeometry(input: readonly number[], weight: readonly number[], p: ConvParams, where: string): ConvGeometry {
  const rank = input.length - 2;
  if (rank < 1 || rank > 3 || weight.length !== input.length) {
    throw new NativertError(ErrorCode.InvalidArgument, `${where}: expected a batched input of rank 3-5 and a weight of equal rank, given input [${input.join(', ')}] and weight [${weight.join(', ')}]`);
  }
  const groups = p.groups;
  const cin = input[1]!;
  const cout = p.transposed ? weight[1]! * groups : weight[0]!;
  const wIn = p.transposed ? weight[0]! : weight[1]! * groups;
  if (groups < 1 || cin !== wIn || cout % groups !== 0 || cin % groups !== 0) {
    throw new NativertError(ErrorCode.InvalidArgument, `${where}: input [${input.join(', ')}] with ${cin} channels does not fit weight [${weight.join(', ')}] with groups=${groups}`);
  }
  const inSize = to3(input.slice(2), rank, 1, 'input size', where);
  const kernel = to3(weight.slice(2), rank, 1, 'kernel size', where);
  const stride = to3(p.stride, rank, 1, 'stride', where);
  const dilation = to3(p.dilation, rank, 1, 'dilation', where);
  let padBefore: Dims3, padAfter: Dims3;
  if (p.padding === 'valid') {
    padBefore = [0, 0, 0];
    padAfter = [0, 0, 0];
  } else if (p.padding === 'same') {
    if (stride.some((s) => s !== 1)) throw new NativertError(ErrorCode.InvalidArgument, `${where}: padding='same' needs stride 1, given [${p.stride.join(', ')}]`);
    // PyTorch puts the odd extra pad after (on the right).
    const total = kernel.map((k, i) => dilation[i]! * (k - 1));
    padBefore = total.map((t) => Math.floor(t / 2)) as Dims3;
    padAfter = total.map((t, i) => t - padBefore[i]!) as Dims3;
  } else {
    padBefore = to3(p.padding, rank, 0, 'padding', where);
    padAfter = padBefore;
  }
  const outPad = to3(p.outputPadding.length === 0 ? [0] : p.outputPadding, rank, 0, 'output_padding', where);
  const outSize = inSize.map((i, d) => {
    const span = dilation[d]! * (kernel[d]! - 1);
    return p.transposed
      ? (i - 1) * stride[d]! - padBefore[d]! - padAfter[d]! + span + outPad[d]! + 1
      : Math.floor((i + padBefore[d]! + padAfter[d]! - span - 1) / stride[d]!) + 1;
  }) as Dims3;
  if (outSize.some((o) => o <= 0)) {
    throw new NativertError(ErrorCode.InvalidArgument, `${where}: input [${input.join(', ')}] is too small for kernel [${weight.slice(2).join(', ')}] (output size [${outSize.slice(3 - rank).join(', ')}])`);
  }
  return { batch: input[0]!, cin, cout, groups, spatialRank: rank, inSize, kernel, outSize, stride, dilation, padBefore };
}

/** Product of three extents. */
export function volume(d: Dims3): number {
  return d[0] * d[1] * d[2];
}
