// Pure ordering helpers: PyTorch sorts NaN above every number, and a stable sort keeps ties in index order.
import type { ReducePlan } from '../../util/reduce-plan.js';

/** Copies group `o` of a plan into `into` (length = plan.inner). */
export function gatherGroup<T extends number | bigint>(data: ArrayLike<T>, plan: ReducePlan, o: number, into: { [i: number]: T }): void {
  const base = plan.outerOffsets[o]!;
  for (let i = 0; i < plan.inner; i++) into[i] = data[base + plan.innerOffsets[i]!]!;
}

/** Positions 0..n-1 of `vals` in stable sorted order, NaN greatest (first when `descending`). */
export function sortedOrder(vals: Float64Array, descending: boolean): number[] {
  const order = Array.from({ length: vals.length }, (_, i) => i);
  const sign = descending ? -1 : 1;
  order.sort((i, j) => {
    const a = vals[i]!, b = vals[j]!;
    if (a < b) return -sign;
    if (a > b) return sign;
    const an = a !== a, bn = b !== b;
    if (an !== bn) return an ? sign : -sign;
    return i - j;
  });
  return order;
}

/** Positions 0..n-1 of int64 `vals` in stable sorted order, compared exactly as 64-bit integers. */
export function sortedOrderInt64(vals: BigInt64Array, descending: boolean): number[] {
  const order = Array.from({ length: vals.length }, (_, i) => i);
  const sign = descending ? -1 : 1;
  order.sort((i, j) => (vals[i]! < vals[j]! ? -sign : vals[i]! > vals[j]! ? sign : i - j));
  return order;
}

/**
 * Writes into `into` the dense rank of each of `vals` (0 for the smallest, equal values equal
 * ranks): a float64 stand-in that orders and compares exactly like the int64 values.
 */
export function denseRanksInt64(vals: BigInt64Array, into: Float64Array): void {
  const order = sortedOrderInt64(vals, false);
  let rank = 0;
  for (let k = 0; k < order.length; k++) {
    if (k > 0 && vals[order[k]!] !== vals[order[k - 1]!]) rank++;
    into[order[k]!] = rank;
  }
}

/** The most frequent value of `vals` (smallest on ties) and the position of its last occurrence. */
export function modeOf(vals: Float64Array): { value: number; index: number } {
  const order = sortedOrder(vals, false);
  let best = NaN, bestCount = 0, bestIndex = 0;
  for (let s = 0; s < order.length;) {
    const v = vals[order[s]!]!;
    let e = s + 1;
    while (e < order.length && (vals[order[e]!] === v || (v !== v && vals[order[e]!] !== vals[order[e]!]))) e++;
    if (e - s > bestCount) {
      bestCount = e - s;
      best = v;
      bestIndex = order[e - 1]!;
    }
    s = e;
  }
  return { value: best, index: bestIndex };
}
