// Pure cumulative (scan) loops along one dim, reading through one plan and writing through another.
import type { ReducePlan } from '../../util/reduce-plan.js';

/** The scans PyTorch offers: running sum, product, log-sum-exp, and running max/min with indices. */
export type ScanKind = 'sum' | 'prod' | 'logsumexp' | 'max' | 'min';

/**
 * Runs `kind` along each group of `src` (read at `data`) into `values` (and `indices` for max/min)
 * at the offsets of `dst`. Running max/min follow PyTorch: `>=` moves the index to the latest tie,
 * and a NaN wins (each later NaN moves the index to itself).
 */
export function scan(data: ArrayLike<number>, src: ReducePlan, dst: ReducePlan, kind: ScanKind, values: { [i: number]: number }, indices: { [i: number]: number } | null): void {
  const { outer, inner } = src;
  for (let o = 0; o < outer; o++) {
    const sb = src.outerOffsets[o]!, db = dst.outerOffsets[o]!;
    let acc = kind === 'prod' ? 1 : kind === 'sum' ? 0 : NaN;
    let at = 0;
    for (let i = 0; i < inner; i++) {
      const v = data[sb + src.innerOffsets[i]!]!;
      const d = db + dst.innerOffsets[i]!;
      switch (kind) {
        case 'sum': acc += v; break;
        case 'prod': acc *= v; break;
        case 'logsumexp': {
          if (i === 0) acc = v;
          else {
            const m = Math.max(acc, v);
            acc = m === -Infinity ? -Infinity : m + Math.log(Math.exp(acc - m) + Math.exp(v - m));
            if (v !== v) acc = NaN;
          }
          break;
        }
        default: {
          if (i === 0 || v !== v || (kind === 'max' ? v >= acc : v <= acc)) {
            acc = v;
            at = i;
          }
          indices![d] = at;
        }
      }
      values[d] = acc;
    }
  }
}
