// Pure reduction loops over a ReducePlan: values are read as numbers from a NumericView and
// accumulated in float64 (PyTorch accumulates f32 pairwise and f16/bf16 in f32; float64 is at
// least as accurate, so results agree within rounding of the output dtype).
import type { ReducePlan } from '../../util/reduce-plan.js';
import type { NumberArray } from '../../util/elementwise.js';

/** Numbers addressed by the offsets of a ReducePlan. */
export type Numbers = ArrayLike<number>;

/** Sum of each group; `skipNaN` ignores NaNs (nansum). */
export function reduceSum(data: Numbers, plan: ReducePlan, out: NumberArray, skipNaN = false): void {
  const { outer, inner, outerOffsets, innerOffsets } = plan;
  for (let o = 0; o < outer; o++) {
    const base = outerOffsets[o]!;
    let acc = 0;
    if (skipNaN) {
      for (let i = 0; i < inner; i++) {
        const v = data[base + innerOffsets[i]!]!;
        if (v === v) acc += v;
      }
    } else {
      for (let i = 0; i < inner; i++) acc += data[base + innerOffsets[i]!]!;
    }
    out[o] = acc;
  }
}

/** Product of each group. */
export function reduceProd(data: Numbers, plan: ReducePlan, out: NumberArray): void {
  const { outer, inner, outerOffsets, innerOffsets } = plan;
  for (let o = 0; o < outer; o++) {
    const base = outerOffsets[o]!;
    let acc = 1;
    for (let i = 0; i < inner; i++) acc *= data[base + innerOffsets[i]!]!;
    out[o] = acc;
  }
}

/** Max (or min) of each group, NaN propagating as in PyTorch. Groups must be non-empty. */
export function reduceExtreme(data: Numbers, plan: ReducePlan, out: NumberArray, isMax: boolean): void {
  const { outer, inner, outerOffsets, innerOffsets } = plan;
  for (let o = 0; o < outer; o++) {
    const base = outerOffsets[o]!;
    let m = isMax ? -Infinity : Infinity;
    for (let i = 0; i < inner; i++) {
      const v = data[base + innerOffsets[i]!]!;
      if (v !== v) { m = NaN; break; }
      if (isMax ? v > m : v < m) m = v;
    }
    out[o] = m;
  }
}

/**
 * Max (or min) of each group with the index of its first occurrence within the group; a NaN wins
 * at its first position, as PyTorch's max.dim/argmax do. Groups must be non-empty.
 */
export function reduceArgExtreme(data: Numbers, plan: ReducePlan, values: NumberArray | null, indices: NumberArray, isMax: boolean): void {
  const { outer, inner, outerOffsets, innerOffsets } = plan;
  for (let o = 0; o < outer; o++) {
    const base = outerOffsets[o]!;
    let m = data[base + innerOffsets[0]!]!;
    let at = 0;
    if (m === m) {
      for (let i = 1; i < inner; i++) {
        const v = data[base + innerOffsets[i]!]!;
        if (v !== v) { m = v; at = i; break; }
        if (isMax ? v > m : v < m) { m = v; at = i; }
      }
    }
    if (values) values[o] = m;
    indices[o] = at;
  }
}

/** Mean and variance (divided by max(0, n - correction)) of each group, two-pass in float64. */
export function reduceMoments(data: Numbers, plan: ReducePlan, correction: number, mean: NumberArray, variance: NumberArray): void {
  const { outer, inner, outerOffsets, innerOffsets } = plan;
  const denom = Math.max(0, inner - correction);
  for (let o = 0; o < outer; o++) {
    const base = outerOffsets[o]!;
    let s = 0;
    for (let i = 0; i < inner; i++) s += data[base + innerOffsets[i]!]!;
    const m = s / inner;
    let ss = 0;
    for (let i = 0; i < inner; i++) {
      const d = data[base + innerOffsets[i]!]! - m;
      ss += d * d;
    }
    mean[o] = m;
    variance[o] = ss / denom;
  }
}

/** 1 where any (or, with `all`, every) element of the group is non-zero, else 0. */
export function reduceAnyAll(data: Numbers, plan: ReducePlan, out: NumberArray, all: boolean): void {
  const { outer, inner, outerOffsets, innerOffsets } = plan;
  for (let o = 0; o < outer; o++) {
    const base = outerOffsets[o]!;
    let r = all;
    for (let i = 0; i < inner; i++) {
      const nz = data[base + innerOffsets[i]!]! !== 0;
      if (all ? !nz : nz) { r = !all; break; }
    }
    out[o] = r ? 1 : 0;
  }
}

/** Count of non-zero elements of each group (NaN counts as non-zero). */
export function reduceCountNonzero(data: Numbers, plan: ReducePlan, out: NumberArray): void {
  const { outer, inner, outerOffsets, innerOffsets } = plan;
  for (let o = 0; o < outer; o++) {
    const base = outerOffsets[o]!;
    let c = 0;
    for (let i = 0; i < inner; i++) if (data[base + innerOffsets[i]!]! !== 0) c++;
    out[o] = c;
  }
}

/** log(sum(exp(x))) of each group, shifted by the group max; an infinite max is not shifted. */
export function reduceLogSumExp(data: Numbers, plan: ReducePlan, out: NumberArray): void {
  const { outer, inner, outerOffsets, innerOffsets } = plan;
  for (let o = 0; o < outer; o++) {
    const base = outerOffsets[o]!;
    let m = -Infinity;
    for (let i = 0; i < inner; i++) {
      const v = data[base + innerOffsets[i]!]!;
      if (v > m || v !== v) m = v;
    }
    const shift = Number.isFinite(m) ? m : 0;
    let s = 0;
    for (let i = 0; i < inner; i++) s += Math.exp(data[base + innerOffsets[i]!]! - shift);
    out[o] = Math.log(s) + shift;
  }
}

/** The p-norm of each group: p = inf/-inf (max/min |x|), 0 (count of non-zeros), else (sum |x|^p)^(1/p). */
export function reduceNorm(data: Numbers, plan: ReducePlan, out: NumberArray, p: number): void {
  const { outer, inner, outerOffsets, innerOffsets } = plan;
  for (let o = 0; o < outer; o++) {
    const base = outerOffsets[o]!;
    let acc: number;
    if (p === Infinity || p === -Infinity) {
      acc = p > 0 ? 0 : Infinity;
      for (let i = 0; i < inner; i++) {
        const a = Math.abs(data[base + innerOffsets[i]!]!);
        if (a !== a) { acc = NaN; break; }
        if (p > 0 ? a > acc : a < acc) acc = a;
      }
    } else if (p === 0) {
      acc = 0;
      for (let i = 0; i < inner; i++) if (data[base + innerOffsets[i]!]! !== 0) acc++;
    } else if (p === 1) {
      acc = 0;
      for (let i = 0; i < inner; i++) acc += Math.abs(data[base + innerOffsets[i]!]!);
    } else if (p === 2) {
      acc = 0;
      for (let i = 0; i < inner; i++) {
        const v = data[base + innerOffsets[i]!]!;
        acc += v * v;
      }
      acc = Math.sqrt(acc);
    } else {
      acc = 0;
      for (let i = 0; i < inner; i++) acc += Math.abs(data[base + innerOffsets[i]!]!) ** p;
      acc = acc ** (1 / p);
    }
    out[o] = acc;
  }
}
