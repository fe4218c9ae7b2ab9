// Backward of layer norm and group norm in PyTorch's own algebraic form (aten/src/ATen/native/cpu/
// layer_norm_kernel.cpp, group_norm_kernel.cpp): mean and rstd are taken as given, not recomputed, so
// results match PyTorch even when they are not the statistics of `x`.

/** Gradients of a normalization; null where not requested. */
export interface NormGrads {
  readonly dx: Float64Array | null;
  readonly dgamma: Float64Array | null;
  readonly dbeta: Float64Array | null;
}

/**
 * Layer norm backward over `rows` rows of `n` values: `dx = rstd*gamma*dy + b*x + c` with
 * `b = (db*mean - ds) * rstd^3 / n`, `c = -b*mean - db*rstd/n`, ds = sum(dy*gamma*x), db = sum(dy*gamma).
 */
export function layerNormBackward(
  dy: Float64Array, x: Float64Array, mean: Float64Array, rstd: Float64Array, gamma: Float64Array | null,
  rows: number, n: number, mask: readonly boolean[],
): NormGrads {
  const dx = mask[0] ? new Float64Array(rows * n) : null;
  const dgamma = mask[1] && gamma !== null ? new Float64Array(n) : null;
  const dbeta = mask[2] ? new Float64Array(n) : null;
  const scale = 1 / n;
  for (let r = 0; r < rows; r++) {
    const base = r * n, m = mean[r]!, rs = rstd[r]!;
    if (dx !== null) {
      let ds = 0, db = 0;
      for (let j = 0; j < n; j++) {
        const g = dy[base + j]! * (gamma === null ? 1 : gamma[j]!);
        ds += g * x[base + j]!;
        db += g;
      }
      const b = (db * m - ds) * rs * rs * rs * scale;
      const c = -b * m - db * rs * scale;
      for (let j = 0; j < n; j++) dx[base + j] = rs * dy[base + j]! * (gamma === null ? 1 : gamma[j]!) + b * x[base + j]! + c;
    }
    for (let j = 0; j < n; j++) {
      if (dgamma !== null) dgamma[j] += dy[base + j]! * (x[base + j]! - m) * rs;
      if (dbeta !== null) dbeta[j] += dy[base + j]!;
    }
  }
  return { dx, dgamma, dbeta };
}

/**
 * Group norm backward of contiguous (N, C, HxW) input in `groups` groups; mean/rstd are [N, groups].
 * Per channel sums ds = sum(dy*x), db = sum(dy) feed both dx and the affine gradients, as PyTorch does.
 */
export function groupNormBackward(
  dy: Float64Array, x: Float64Array, mean: Float64Array, rstd: Float64Array, gamma: Float64Array | null,
  N: number, C: number, HxW: number, groups: number, mask: readonly boolean[],
): NormGrads {
  const D = C / groups;
  const ds = new Float64Array(N * C), db = new Float64Array(N * C);
  for (let nc = 0; nc < N * C; nc++) {
    let s = 0, b = 0;
    for (let i = nc * HxW, end = i + HxW; i < end; i++) {
      s += dy[i]! * x[i]!;
      b += dy[i]!;
    }
    ds[nc] = s;
    db[nc] = b;
  }
  const dx = mask[0] ? new Float64Array(N * C * HxW) : null;
  if (dx !== null) {
    const scale = 1 / (D * HxW);
    for (let n = 0; n < N; n++) {
      for (let g = 0; g < groups; g++) {
        const m = mean[n * groups + g]!, rs = rstd[n * groups + g]!;
        let dsG = 0, dbG = 0;
        for (let c = g * D; c < (g + 1) * D; c++) {
          const w = gamma === null ? 1 : gamma[c]!;
          dsG += ds[n * C + c]! * w;
          dbG += db[n * C + c]! * w;
        }
        const c2 = (dbG * m - dsG) * rs * rs * rs * scale;
        const c3 = -c2 * m - dbG * rs * scale;
        for (let c = g * D; c < (g + 1) * D; c++) {
          const a = (gamma === null ? 1 : gamma[c]!) * rs;
          for (let i = (n * C + c) * HxW, end = i + HxW; i < end; i++) dx[i] = a * dy[i]! + c2 * x[i]! + c3;
        }
      }
    }
  }
  const dgamma = mask[1] && gamma !== null ? new Float64Array(C) : null;
  const dbeta = mask[2] ? new Float64Array(C) : null;
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const g = n * groups + Math.floor(c / D);
      if (dgamma !== null) dgamma[c] += (ds[n * C + c]! - db[n * C + c]! * mean[g]!) * rstd[g]!;
      if (dbeta !== null) dbeta[c] += db[n * C + c]!;
    }
  }
  return { dx, dgamma, dbeta };
}
