// Glue shared by the reduction kernels: reading the input, its dims, and planning the walk.
import type { DType, Tensor } from '@nativert/core';
import { contiguousStrides, isComplex, isFloating } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import { numericView } from '../../util/elementwise.js';
import type { ReducePlan } from '../../util/reduce-plan.js';
import { planReduce, reductionDims } from '../../util/reduce-plan.js';

/** A reduction ready to run: the input, its elements as numbers, and the plan over them. */
export interface PlannedReduction {
  readonly input: Tensor;
  readonly data: ArrayLike<number>;
  readonly plan: ReducePlan;
}

/** Tensor argument `name`, rejecting complex dtypes (not supported by these kernels) by name. */
export function realTensor(args: KernelArgs, name: string): Tensor {
  const t = args.tensor(name);
  if (isComplex(t.dtype)) throw args.error(`argument '${name}': complex tensors are not supported by this kernel, given ${t.dtype}`);
  return t;
}

/** Like {@link realTensor}, also requiring a floating dtype (`what` names the op for the message). */
export function floatTensor(args: KernelArgs, name: string, what: string): Tensor {
  const t = realTensor(args, name);
  if (!isFloating(t.dtype)) throw args.error(`${what} needs a floating point input '${name}', given ${t.dtype}`);
  return t;
}

/** Plans reducing `input` over `dims` (null or [] = every dim); errors name the node. */
export function planOver(args: KernelArgs, input: Tensor, dims: readonly number[] | null, keepdim: boolean): PlannedReduction {
  let norm: number[];
  try {
    norm = reductionDims(dims, input.rank);
  } catch (e) {
    throw args.error(e instanceof Error ? e.message : String(e));
  }
  const view = numericView(input, input.shape);
  return { input, data: view.data, plan: planReduce(input.shape, view.strides, view.offset, norm, keepdim) };
}

/** Plans reducing `input` along the single dim `dim` (wrapped). */
export function planAlong(args: KernelArgs, input: Tensor, dim: number, keepdim: boolean): PlannedReduction {
  return planOver(args, input, input.rank === 0 ? [] : [dim], keepdim);
}

/** Throws when a reduction with no identity (max, argmax, ...) meets an empty group. */
export function requireNonEmpty(args: KernelArgs, r: PlannedReduction, op: string): void {
  if (r.plan.inner === 0 && r.plan.outer > 0 || r.input.numel === 0) {
    throw args.error(`${op}(): cannot reduce an empty tensor of shape [${r.input.shape.join(', ')}] (the operation has no identity)`);
  }
}

/** The dtype `sum`/`prod`/`cumsum` produce: `dtype` if given, int64 for integral and bool inputs. */
export function accumulateDtype(input: DType, requested: DType | null): DType {
  if (requested !== null) return requested;
  return isFloating(input) || isComplex(input) ? input : 'int64';
}

/**
 * Plans a walk along `dim` of `input` (groups = every other index) twice: over the input, and over a
 * contiguous output of the same shape, for ops that keep the shape (cumsum, sort, softmax-like scans).
 */
export function planScan(args: KernelArgs, input: Tensor, dim: number): { r: PlannedReduction; out: ReducePlan } {
  const r = planAlong(args, input, dim, true);
  const dims = input.rank === 0 ? [] : reductionDims([dim], input.rank);
  return { r, out: planReduce(input.shape, contiguousStrides(input.shape), 0, dims, true) };
}
