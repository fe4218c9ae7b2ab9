// Pure row kernels over contiguous numbers: softmax and the normalizations (layer, RMS).

/** Softmax (or log-softmax) of `rows` rows of length `n`, read at `x[xOff + r*n + i]`, into `out[r*n + i]`. */
export function softmaxRows(x: ArrayLike<number>, xOff: number, rows: number, n: number, out: { [i: number]: number }, log: boolean): void {
  const row = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    const base = xOff + r * n, ob = r * n;
    let m = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = x[base + i]!;
      if (v > m || v !== v) m = v;
    }
    // A row of -inf stays NaN in PyTorch: exp(-inf - -inf) is NaN, which the shift below keeps.
    let s = 0;
    if (log) {
      for (let i = 0; i < n; i++) s += Math.exp(x[base + i]! - m);
      const ls = Math.log(s);
      for (let i = 0; i < n; i++) out[ob + i] = x[base + i]! - m - ls;
    } else {
      // exp once into a float64 row, so the division rounds once into the output dtype.
      for (let i = 0; i < n; i++) {
        const e = Math.exp(x[base + i]! - m);
        row[i] = e;
        s += e;
      }
      for (let i = 0; i < n; i++) out[ob + i] = row[i]! / s;
    }
  }
}

/** Per-row statistics written by {@link normalizeRows}: mean (layer norm only) and 1/sqrt(var + eps). */
export interface RowStats {
  readonly mean: { [i: number]: number } | null;
  readonly rstd: { [i: number]: number } | null;
}

/**
 * Layer norm (`rms` false: subtract the mean, divide by the biased std) or RMS norm (`rms` true:
 * divide by the root mean square) of rows of length `n`, then `* weight[i] + bias[i]` when given.
 */
export function normalizeRows(
  x: ArrayLike<number>, xOff: number, rows: number, n: number, eps: number, rms: boolean,
  weight: ArrayLike<number> | null, bias: ArrayLike<number> | null,
  out: { [i: number]: number }, stats: RowStats,
): void {
  for (let r = 0; r < rows; r++) {
    const base = xOff + r * n, ob = r * n;
    let m = 0;
    if (!rms) {
      for (let i = 0; i < n; i++) m += x[base + i]!;
      m /= n;
    }
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = x[base + i]! - m;
      ss += d * d;
    }
    const rstd = 1 / Math.sqrt(ss / n + eps);
    for (let i = 0; i < n; i++) {
      let v = (x[base + i]! - m) * rstd;
      if (weight) v *= weight[i]!;
      if (bias) v += bias[i]!;
      out[ob + i] = v;
    }
    if (stats.mean) stats.mean[r] = m;
    if (stats.rstd) stats.rstd[r] = rstd;
  }
}
