// Pure separable resampling (nearest, linear, cubic) of contiguous planes of up to 3 spatial dims,
// following PyTorch's UpSample.h index arithmetic. Each axis is a table of taps: for output
// position o, `taps` input positions with weights.

/** One axis of a resampling: `idx[o*taps + t]` and `w[o*taps + t]` for each output position o. */
export interface AxisTaps {
  readonly inSize: number;
  readonly outSize: number;
  readonly taps: number;
  readonly idx: Int32Array;
  readonly w: Float64Array;
}

/** Interpolation modes of the upsample ops. */
export type ResampleMode = 'nearest' | 'nearest-exact' | 'linear' | 'cubic';

/** PyTorch's compute_scales_value: 1/scale when a positive scale was given, else in/out (float32 math). */
function scaleValue(scale: number | null, inSize: number, outSize: number): number {
  return scale !== null && scale > 0 ? Math.fround(1 / scale) : Math.fround(inSize / outSize);
}

/** PyTorch's area_pixel_compute_scale. */
function areaScale(inSize: number, outSize: number, alignCorners: boolean, scale: number | null): number {
  if (alignCorners) return outSize > 1 ? (inSize - 1) / (outSize - 1) : 0;
  return scaleValue(scale, inSize, outSize);
}

const A = -0.75;
const cubic1 = (x: number) => ((A + 2) * x - (A + 3)) * x * x + 1;
const cubic2 = (x: number) => ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;

/** The taps of one axis; `scale` is the user's scale factor for this axis (or null). */
export function axisTaps(mode: ResampleMode, inSize: number, outSize: number, alignCorners: boolean, scale: number | null): AxisTaps {
  const taps = mode === 'cubic' ? 4 : mode === 'linear' ? 2 : 1;
  const idx = new Int32Array(outSize * taps), w = new Float64Array(outSize * taps);
  const last = inSize - 1;
  if (mode === 'nearest' || mode === 'nearest-exact') {
    const s = scaleValue(scale, inSize, outSize);
    const shift = mode === 'nearest' ? 0 : 0.5;
    for (let o = 0; o < outSize; o++) {
      idx[o] = Math.min(Math.floor(Math.fround((o + shift) * s)), last);
      w[o] = 1;
    }
    return { inSize, outSize, taps, idx, w };
  }
  const s = areaScale(inSize, outSize, alignCorners, scale);
  for (let o = 0; o < outSize; o++) {
    if (mode === 'linear') {
      const src = alignCorners ? s * o : Math.max(s * (o + 0.5) - 0.5, 0);
      const i0 = Math.floor(src);
      const l = Math.min(src - i0, 1);
      idx[2 * o] = i0;
      idx[2 * o + 1] = i0 < last ? i0 + 1 : i0;
      w[2 * o] = 1 - l;
      w[2 * o + 1] = l;
    } else {
      const src = alignCorners ? s * o : s * (o + 0.5) - 0.5;
      const i0 = Math.floor(src);
      const t = src - i0;
      const ws = [cubic2(t + 1), cubic1(t), cubic1(1 - t), cubic2(2 - t)];
      for (let j = 0; j < 4; j++) {
        idx[4 * o + j] = Math.min(Math.max(i0 - 1 + j, 0), last);
        w[4 * o + j] = ws[j]!;
      }
    }
  }
  return { inSize, outSize, taps, idx, w };
}

const UNIT: AxisTaps = { inSize: 1, outSize: 1, taps: 1, idx: Int32Array.of(0), w: Float64Array.of(1) };

/** Resamples `planes` contiguous planes through up to 3 axes of taps into contiguous `out`. */
export function resample(x: ArrayLike<number>, xOff: number, planes: number, axes: readonly AxisTaps[], out: { [i: number]: number }): void {
  const all = [...Array(3 - axes.length).fill(UNIT), ...axes] as AxisTaps[];
  const [d, h, w] = [all[0]!, all[1]!, all[2]!];
  const inPlane = d.inSize * h.inSize * w.inSize;
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const ib = xOff + p * inPlane;
    for (let od = 0; od < d.outSize; od++) {
      for (let oh = 0; oh < h.outSize; oh++) {
        for (let ow = 0; ow < w.outSize; ow++, o++) {
          let acc = 0;
          for (let td = 0; td < d.taps; td++) {
            const wd = d.w[od * d.taps + td]!, id = d.idx[od * d.taps + td]!;
            for (let th = 0; th < h.taps; th++) {
              const wdh = wd * h.w[oh * h.taps + th]!;
              const row = ib + (id * h.inSize + h.idx[oh * h.taps + th]!) * w.inSize;
              for (let tw = 0; tw < w.taps; tw++) acc += wdh * w.w[ow * w.taps + tw]! * x[row + w.idx[ow * w.taps + tw]!]!;
            }
          }
          out[o] = acc;
        }
      }
    }
  }
}
