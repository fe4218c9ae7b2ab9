// p-norm distances between rows of length m, with PyTorch's special cases: p = 0 counts differing
// entries, p = inf takes the largest |difference|, p = 1 and p = 2 avoid pow.

/** The p-norm of the differences of rows `a[ai..ai+m)` and `b[bi..bi+m)`. */
export function rowDistance(a: Float64Array, ai: number, b: Float64Array, bi: number, m: number, p: number): number {
  let s = 0;
  if (p === 0) {
    for (let j = 0; j < m; j++) s += a[ai + j]! !== b[bi + j]! ? 1 : 0;
    return s;
  }
  if (p === Infinity) {
    for (let j = 0; j < m; j++) {
      const d = Math.abs(a[ai + j]! - b[bi + j]!);
      if (d > s || d !== d) s = d;
    }
    return s;
  }
  if (p === 1) {
    for (let j = 0; j < m; j++) s += Math.abs(a[ai + j]! - b[bi + j]!);
    return s;
  }
  if (p === 2) {
    for (let j = 0; j < m; j++) {
      const d = a[ai + j]! - b[bi + j]!;
      s += d * d;
    }
    return Math.sqrt(s);
  }
  for (let j = 0; j < m; j++) s += Math.abs(a[ai + j]! - b[bi + j]!) ** p;
  return s ** (1 / p);
}

/** Distances of every row pair of `batch` matrices [r1, m] x [r2, m]: out [batch, r1, r2]. */
export function pairwiseDistances(a: Float64Array, b: Float64Array, batch: number, r1: number, r2: number, m: number, p: number): Float64Array {
  const out = new Float64Array(batch * r1 * r2);
  let o = 0;
  for (let n = 0; n < batch; n++) {
    for (let i = 0; i < r1; i++) {
      for (let j = 0; j < r2; j++) out[o++] = rowDistance(a, (n * r1 + i) * m, b, (n * r2 + j) * m, m, p);
    }
  }
  return out;
}

/** Distances between rows i < j of one [r, m] matrix, in row-major upper-triangle order (pdist). */
export function upperDistances(a: Float64Array, r: number, m: number, p: number): Float64Array {
  const out = new Float64Array((r * (r - 1)) / 2);
  let o = 0;
  for (let i = 0; i < r; i++) {
    for (let j = i + 1; j < r; j++) out[o++] = rowDistance(a, i * m, a, j * m, m, p);
  }
  return out;
}
