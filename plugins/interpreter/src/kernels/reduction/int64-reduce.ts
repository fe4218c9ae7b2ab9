// int64 reductions and scans on 64-bit integers: exact past 2^53 (where the float64 loops round)
// and wrapping modulo 2^64 as PyTorch's int64 accumulation does.
import type { DType } from '@nativert/core';
import { Tensor } from '@nativert/core';
import { cloneContiguous } from '../../util/raw-copy.js';
import type { ReducePlan } from '../../util/reduce-plan.js';
import type { PlannedReduction } from './reduce-args.js';

/**
 * The int64 elements of `r.input` laid out as `r.plan` indexes them (its plans address a
 * contiguous copy of int64 inputs), or null unless both the input and the result dtype `out`
 * are int64.
 */
export function int64Elements(r: PlannedReduction, out: DType = r.input.dtype): BigInt64Array | null {
  if (r.input.dtype !== 'int64' || out !== 'int64') return null;
  return cloneContiguous(r.input).data() as BigInt64Array;
}

const TWO_32 = 2n ** 32n;
/** Elements summed in doubles between flushes: 2^20 low words (< 2^32 each) stay below 2^53. */
const FLUSH = 0xfffff;

/**
 * Sums of each group of `plan` as a new int64 tensor. The low and high 32-bit words are summed
 * in doubles (exact between flushes) and combined in BigInt, which is much cheaper than a BigInt
 * addition per element.
 */
export function sumInt64(src: BigInt64Array, plan: ReducePlan): Tensor {
  const w = new Int32Array(src.buffer, src.byteOffset, src.length * 2);
  const out = Tensor.zeros('int64', plan.outShape);
  const d = out.data() as BigInt64Array;
  for (let o = 0; o < plan.outer; o++) {
    const base = plan.outerOffsets[o]!;
    let acc = 0n, lo = 0, hi = 0;
    for (let i = 0; i < plan.inner; i++) {
      const k = 2 * (base + plan.innerOffsets[i]!);
      lo += w[k]! >>> 0;
      hi += w[k + 1]!;
      if ((i & FLUSH) === FLUSH) {
        acc += BigInt(hi) * TWO_32 + BigInt(lo);
        lo = hi = 0;
      }
    }
    d[o] = BigInt.asIntN(64, acc + BigInt(hi) * TWO_32 + BigInt(lo));
  }
  return out;
}

/** Products of each group of `plan` as a new int64 tensor (wrapping at every step, as int64 does). */
export function prodInt64(src: BigInt64Array, plan: ReducePlan): Tensor {
  const out = Tensor.zeros('int64', plan.outShape);
  const d = out.data() as BigInt64Array;
  for (let o = 0; o < plan.outer; o++) {
    const base = plan.outerOffsets[o]!;
    let acc = 1n;
    for (let i = 0; i < plan.inner; i++) acc = BigInt.asIntN(64, acc * src[base + plan.innerOffsets[i]!]!);
    d[o] = acc;
  }
  return out;
}

/**
 * Running sums (`product` false) or products along each group of `plan`, written at the same
 * positions of `out` (contiguous), as a new int64 tensor of `shape`.
 */
export function scanInt64(src: BigInt64Array, plan: ReducePlan, out: ReducePlan, shape: readonly number[], product: boolean): Tensor {
  const result = Tensor.zeros('int64', shape);
  const d = result.data() as BigInt64Array;
  for (let o = 0; o < plan.outer; o++) {
    const base = plan.outerOffsets[o]!, outBase = out.outerOffsets[o]!;
    let acc = product ? 1n : 0n;
    for (let i = 0; i < plan.inner; i++) {
      const x = src[base + plan.innerOffsets[i]!]!;
      acc = BigInt.asIntN(64, product ? acc * x : acc + x);
      d[outBase + out.innerOffsets[i]!] = acc;
    }
  }
  return result;
}

/** The largest (`isMax`) or smallest element of each group and the index of its first occurrence. */
export function extremeInt64(src: BigInt64Array, plan: ReducePlan, isMax: boolean): { values: Tensor; indices: Tensor } {
  const values = Tensor.zeros('int64', plan.outShape), indices = Tensor.zeros('int64', plan.outShape);
  const v = values.data() as BigInt64Array, ix = indices.data() as BigInt64Array;
  for (let o = 0; o < plan.outer; o++) {
    const base = plan.outerOffsets[o]!;
    let best = src[base + plan.innerOffsets[0]!]!, at = 0;
    for (let i = 1; i < plan.inner; i++) {
      const x = src[base + plan.innerOffsets[i]!]!;
      if (isMax ? x > best : x < best) {
        best = x;
        at = i;
      }
    }
    v[o] = best;
    ix[o] = BigInt(at);
  }
  return { values, indices };
}
