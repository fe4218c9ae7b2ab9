// Sums and means of complex tensors: both parts reduced in float64, written in the input's complex dtype.
import type { Tensor } from '@nativert/core';
import { contiguousStrides, isComplex } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import { planReduce, reductionDims } from '../../util/reduce-plan.js';
import { complexOf, complexTensor } from '../spectral/complex-buffer.js';

/**
 * `sum` (or `mean` when `mean`) of tensor argument `self` over the node's `dim`/`keepdim` when it
 * is complex; null for real tensors. A `dtype` other than the input's is refused by name.
 */
export function complexSumOrMean(args: KernelArgs, mean: boolean): Tensor | null {
  const self = args.tensor('self');
  if (!isComplex(self.dtype)) return null;
  const requested = args.dtype('dtype');
  if (requested !== null && requested !== self.dtype) throw args.error(`dtype ${requested} is not supported for a ${self.dtype} input`);
  let dims: number[];
  try {
    dims = reductionDims(args.optInts('dim'), self.rank);
  } catch (e) {
    throw args.error(e instanceof Error ? e.message : String(e));
  }
  const plan = planReduce(self.shape, contiguousStrides(self.shape), 0, dims, args.bool('keepdim', false));
  const b = complexOf(self);
  const re = new Float64Array(plan.outer), im = new Float64Array(plan.outer);
  for (let o = 0; o < plan.outer; o++) {
    const base = plan.outerOffsets[o]!;
    let sr = 0, si = 0;
    for (let i = 0; i < plan.inner; i++) {
      sr += b.re[base + plan.innerOffsets[i]!]!;
      si += b.im[base + plan.innerOffsets[i]!]!;
    }
    re[o] = mean ? sr / plan.inner : sr;
    im[o] = mean ? si / plan.inner : si;
  }
  return complexTensor(self.dtype, { shape: plan.outShape, re, im }, 1);
}
