// Pure per-channel loops over contiguous (N, C, S) numbers: the core of batch/instance/group norm.

/** `out[n,c,s] = x[n,c,s] * scale[n*C+c] + shift[n*C+c]`. */
export function affinePerChannel(
  x: ArrayLike<number>, xOff: number, N: number, C: number, S: number,
  scale: ArrayLike<number>, shift: ArrayLike<number>, out: { [i: number]: number },
): void {
  for (let nc = 0; nc < N * C; nc++) {
    const a = scale[nc]!, b = shift[nc]!, base = nc * S;
    for (let s = 0; s < S; s++) out[base + s] = x[xOff + base + s]! * a + b;
  }
}

/** Mean and biased variance of each of `groups` consecutive blocks of `size` numbers (two-pass, float64). */
export function blockMoments(x: ArrayLike<number>, xOff: number, groups: number, size: number): { mean: Float64Array; variance: Float64Array } {
  const mean = new Float64Array(groups), variance = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    const base = xOff + g * size;
    let s = 0;
    for (let i = 0; i < size; i++) s += x[base + i]!;
    const m = s / size;
    let ss = 0;
    for (let i = 0; i < size; i++) {
      const d = x[base + i]! - m;
      ss += d * d;
    }
    mean[g] = m;
    variance[g] = ss / size;
  }
  return { mean, variance };
}

/** Mean and biased variance of each channel over (N, S) of contiguous (N, C, S) numbers. */
export function channelMoments(x: ArrayLike<number>, xOff: number, N: number, C: number, S: number): { mean: Float64Array; variance: Float64Array } {
  const mean = new Float64Array(C), variance = new Float64Array(C);
  const count = N * S;
  for (let c = 0; c < C; c++) {
    let s = 0;
    for (let n = 0; n < N; n++) {
      const base = xOff + (n * C + c) * S;
      for (let i = 0; i < S; i++) s += x[base + i]!;
    }
    const m = s / count;
    let ss = 0;
    for (let n = 0; n < N; n++) {
      const base = xOff + (n * C + c) * S;
      for (let i = 0; i < S; i++) {
        const d = x[base + i]! - m;
        ss += d * d;
      }
    }
    mean[c] = m;
    variance[c] = ss / count;
  }
  return { mean, variance };
}
