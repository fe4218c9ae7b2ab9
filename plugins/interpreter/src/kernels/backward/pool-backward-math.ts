// Adjoints of the pools of reduction/pool-math.ts over contiguous planes of up to 3 spatial dims,
// driven by the same per-axis windows, so divisors match the forward pools exactly.
import type { AxisWindows } from '../reduction/pool-math.js';

const UNIT: AxisWindows = { inSize: 1, outSize: 1, taps: [[0]], padded: [1] };

/** Pads an axis list in front to exactly 3 axes with unit axes. */
function as3d(axes: readonly AxisWindows[]): [AxisWindows, AxisWindows, AxisWindows] {
  const a = [...Array<AxisWindows>(3 - axes.length).fill(UNIT), ...axes];
  return [a[0]!, a[1]!, a[2]!];
}

/**
 * Average-pool backward: each grad_output entry, divided as the forward pool divided its window
 * (`divisor`, else padded window size when `countPad`, else valid taps), is added to every valid tap.
 */
export function avgPoolBackward(go: Float64Array, planes: number, axes: readonly AxisWindows[], countPad: boolean, divisor: number | null): Float64Array {
  const [d, h, w] = as3d(axes);
  const inPlane = d.inSize * h.inSize * w.inSize;
  const gi = new Float64Array(planes * inPlane);
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const ib = p * inPlane;
    for (let od = 0; od < d.outSize; od++) {
      for (let oh = 0; oh < h.outSize; oh++) {
        for (let ow = 0; ow < w.outSize; ow++, o++) {
          const td = d.taps[od]!, th = h.taps[oh]!, tw = w.taps[ow]!;
          const n = td.length * th.length * tw.length;
          if (n === 0) continue;
          const v = go[o]! / (divisor ?? (countPad ? d.padded[od]! * h.padded[oh]! * w.padded[ow]! : n));
          for (const id of td) {
            for (const ih of th) {
              const row = ib + (id * h.inSize + ih) * w.inSize;
              for (const iw of tw) gi[row + iw] += v;
            }
          }
        }
      }
    }
  }
  return gi;
}

/**
 * Max-pool backward: grad_output entries added at their flat in-plane `indices` (as max_pool*_with_indices
 * returns them) in planes of `inPlane` elements; an index outside the plane is an error for the caller.
 */
export function scatterToIndices(go: Float64Array, indices: Float64Array, planes: number, outPlane: number, inPlane: number): { gi: Float64Array; bad: number | null } {
  const gi = new Float64Array(planes * inPlane);
  for (let p = 0, o = 0; p < planes; p++) {
    for (let j = 0; j < outPlane; j++, o++) {
      const at = indices[o]!;
      if (at < 0 || at >= inPlane) return { gi, bad: at };
      gi[p * inPlane + at] += go[o]!;
    }
  }
  return { gi, bad: null };
}
