// Convolution backward for 1-3 spatial dims, plain and transposed, as one loop. Every convolution
// pairs an "A" side, whose positions are multiplied by the stride, with a "B" side:
// posB = posA*stride - pad + k*dilation, weight [A channels, B channels / groups, k...].
// Plain conv: A = output, B = input. Transposed conv: A = input, B = output. Forward sums
// A[a,posA] * w[a,b,k] into the output's side, so its gradients are adjoint sums over the same pairs.

/** Spatial sizes and hyper-parameters, padded in front to three dims. */
export interface ConvPairs {
  readonly batch: number;
  readonly groups: number;
  /** Channels of the A and B sides (A = weight dim 0). */
  readonly aChannels: number;
  readonly bChannels: number;
  readonly aSize: readonly [number, number, number];
  readonly bSize: readonly [number, number, number];
  readonly kernel: readonly [number, number, number];
  readonly stride: readonly [number, number, number];
  readonly padding: readonly [number, number, number];
  readonly dilation: readonly [number, number, number];
}

/** Calls `fn(aIndex, bIndex, wIndex)` for every (a, b, k, posA) pair whose posB is inside B, flat row-major indices. */
function forEachPair(p: ConvPairs, fn: (ai: number, bi: number, wi: number) => void): void {
  const [AD, AH, AW] = p.aSize, [BD, BH, BW] = p.bSize, [KD, KH, KW] = p.kernel;
  const aPlane = AD * AH * AW, bPlane = BD * BH * BW, kVol = KD * KH * KW;
  const aPerGroup = p.aChannels / p.groups, bPerGroup = p.bChannels / p.groups;
  for (let n = 0; n < p.batch; n++) {
    for (let a = 0; a < p.aChannels; a++) {
      const g = Math.floor(a / aPerGroup);
      const aBase = (n * p.aChannels + a) * aPlane;
      for (let b = 0; b < bPerGroup; b++) {
        const bBase = (n * p.bChannels + g * bPerGroup + b) * bPlane;
        const wBase = (a * bPerGroup + b) * kVol;
        for (let kd = 0; kd < KD; kd++) for (let kh = 0; kh < KH; kh++) for (let kw = 0; kw < KW; kw++) {
          const wi = wBase + (kd * KH + kh) * KW + kw;
          for (let ad = 0; ad < AD; ad++) {
            const bd = ad * p.stride[0] - p.padding[0] + kd * p.dilation[0];
            if (bd < 0 || bd >= BD) continue;
            for (let ah = 0; ah < AH; ah++) {
              const bh = ah * p.stride[1] - p.padding[1] + kh * p.dilation[1];
              if (bh < 0 || bh >= BH) continue;
              const aRow = aBase + (ad * AH + ah) * AW, bRow = bBase + (bd * BH + bh) * BW;
              for (let aw = 0; aw < AW; aw++) {
                const bw = aw * p.stride[2] - p.padding[2] + kw * p.dilation[2];
                if (bw >= 0 && bw < BW) fn(aRow + aw, bRow + bw, wi);
              }
            }
          }
        }
      }
    }
  }
}

/**
 * Gradients of a (transposed) convolution; `aValues`/`bValues` are the A and B side tensors the weight
 * gradient pairs (plain: grad_output and input; transposed: input and grad_output). Returns the gradient
 * of the side not given as grad_output (`gradSide`), computed from the other side and the weight, and
 * the weight gradient; null where not requested.
 */
export function convBackward(
  p: ConvPairs, aValues: Float64Array, bValues: Float64Array, weight: Float64Array, gradSide: 'A' | 'B',
  wantInput: boolean, wantWeight: boolean,
): { gradInput: Float64Array | null; gradWeight: Float64Array | null } {
  const gradInput = wantInput ? new Float64Array(gradSide === 'A' ? aValues.length : bValues.length) : null;
  const gradWeight = wantWeight ? new Float64Array(weight.length) : null;
  if (gradInput === null && gradWeight === null) return { gradInput, gradWeight };
  forEachPair(p, (ai, bi, wi) => {
    if (gradWeight !== null) gradWeight[wi] += aValues[ai]! * bValues[bi]!;
    if (gradInput !== null) {
      if (gradSide === 'B') gradInput[bi] += aValues[ai]! * weight[wi]!;
      else gradInput[ai] += bValues[bi]! * weight[wi]!;
    }
  });
  return { gradInput, gradWeight };
}

/** Sum of grad_output over every dim but 1 (channels): the bias gradient. */
export function channelSums(values: Float64Array, batch: number, channels: number, plane: number): Float64Array {
  const out = new Float64Array(channels);
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      let s = 0;
      for (let i = (n * channels + c) * plane, end = i + plane; i < end; i++) s += values[i]!;
      out[c] += s;
    }
  }
  return out;
}
