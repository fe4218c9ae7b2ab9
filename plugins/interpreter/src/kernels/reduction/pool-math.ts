// Pure pooling over contiguous planes of up to 3 spatial dims. Every pool is described per axis by
// its windows: for output position o, the valid input positions and the window size PyTorch divides
// by. Lower-rank pools run as 3-d ones with leading size-1 axes.

/** The windows of one axis: valid input positions of each output position, and avg-pool divisor parts. */
export interface AxisWindows {
  readonly inSize: number;
  readonly outSize: number;
  /** taps[o]: valid input positions of output o, ascending. */
  readonly taps: readonly (readonly number[])[];
  /** padded[o]: window extent clipped to the padded input (count_include_pad divisor factor). */
  readonly padded: readonly number[];
}

/** Output size of a sliding window (PyTorch's pooling_output_shape, with ceil_mode). */
export function pooledSize(inSize: number, k: number, pad: number, stride: number, dilation: number, ceil: boolean): number {
  const span = inSize + 2 * pad - dilation * (k - 1) - 1 + (ceil ? stride - 1 : 0);
  let out = Math.floor(span / stride) + 1;
  if (ceil && (out - 1) * stride >= inSize + pad) out--;
  return out;
}

/** Windows of a strided, padded, dilated pool along one axis. */
export function slidingWindows(inSize: number, k: number, pad: number, stride: number, dilation: number, ceil: boolean): AxisWindows {
  const outSize = Math.max(0, pooledSize(inSize, k, pad, stride, dilation, ceil));
  const taps: number[][] = [], padded: number[] = [];
  for (let o = 0; o < outSize; o++) {
    const start = o * stride - pad;
    const list: number[] = [];
    for (let j = 0; j < k; j++) {
      const p = start + j * dilation;
      if (p >= 0 && p < inSize) list.push(p);
    }
    taps.push(list);
    padded.push(Math.min(start + (k - 1) * dilation + 1, inSize + pad) - start);
  }
  return { inSize, outSize, taps, padded };
}

/** Windows of an adaptive pool: [floor(o*in/out), ceil((o+1)*in/out)). */
export function adaptiveWindows(inSize: number, outSize: number): AxisWindows {
  const taps: number[][] = [], padded: number[] = [];
  for (let o = 0; o < outSize; o++) {
    const start = Math.floor((o * inSize) / outSize);
    const end = Math.ceil(((o + 1) * inSize) / outSize);
    taps.push(Array.from({ length: end - start }, (_, i) => start + i));
    padded.push(end - start);
  }
  return { inSize, outSize, taps, padded };
}

const UNIT: AxisWindows = { inSize: 1, outSize: 1, taps: [[0]], padded: [1] };

/** Pads an axis list to exactly 3 axes with leading unit axes. */
function as3d(axes: readonly AxisWindows[]): [AxisWindows, AxisWindows, AxisWindows] {
  const a = [...Array(3 - axes.length).fill(UNIT), ...axes] as AxisWindows[];
  return [a[0]!, a[1]!, a[2]!];
}

/**
 * Max pool of `planes` contiguous planes; writes values and, when given, the flat in-plane index
 * of each max. NaN wins (the last NaN of a window), as in PyTorch's CPU kernel.
 */
export function maxPool(x: ArrayLike<number>, xOff: number, planes: number, axes: readonly AxisWindows[], out: { [i: number]: number }, indices: { [i: number]: number } | null): void {
  const [d, h, w] = as3d(axes);
  const inPlane = d.inSize * h.inSize * w.inSize, outPlane = d.outSize * h.outSize * w.outSize;
  for (let p = 0; p < planes; p++) {
    const ib = xOff + p * inPlane;
    let o = p * outPlane;
    for (let od = 0; od < d.outSize; od++) {
      for (let oh = 0; oh < h.outSize; oh++) {
        for (let ow = 0; ow < w.outSize; ow++, o++) {
          let m = -Infinity, at = -1;
          for (const id of d.taps[od]!) {
            for (const ih of h.taps[oh]!) {
              const row = (id * h.inSize + ih) * w.inSize;
              for (const iw of w.taps[ow]!) {
                const v = x[ib + row + iw]!;
                if (v > m || v !== v || at < 0) {
                  if (v > m || v !== v) m = v;
                  at = row + iw;
                }
              }
            }
          }
          out[o] = m;
          if (indices) indices[o] = at;
        }
      }
    }
  }
}

/**
 * Average pool of `planes` contiguous planes. The divisor is `divisor` when given, else the padded
 * window size (`countPad`) or the number of valid taps.
 */
export function avgPool(x: ArrayLike<number>, xOff: number, planes: number, axes: readonly AxisWindows[], countPad: boolean, divisor: number | null, out: { [i: number]: number }): void {
  const [d, h, w] = as3d(axes);
  const inPlane = d.inSize * h.inSize * w.inSize, outPlane = d.outSize * h.outSize * w.outSize;
  for (let p = 0; p < planes; p++) {
    const ib = xOff + p * inPlane;
    let o = p * outPlane;
    for (let od = 0; od < d.outSize; od++) {
      for (let oh = 0; oh < h.outSize; oh++) {
        for (let ow = 0; ow < w.outSize; ow++, o++) {
          const td = d.taps[od]!, th = h.taps[oh]!, tw = w.taps[ow]!;
          let s = 0;
          for (const id of td) {
            for (const ih of th) {
              const row = ib + (id * h.inSize + ih) * w.inSize;
              for (const iw of tw) s += x[row + iw]!;
            }
          }
          const n = td.length * th.length * tw.length;
          const div = divisor ?? (countPad ? d.padded[od]! * h.padded[oh]! * w.padded[ow]! : n);
          out[o] = n === 0 ? 0 : s / div;
        }
      }
    }
  }
}
