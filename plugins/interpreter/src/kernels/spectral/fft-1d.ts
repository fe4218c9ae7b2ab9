// Unnormalized 1-D complex DFT of any length on split real/imaginary float64 arrays: iterative
// radix-2 for powers of two, Bluestein's chirp-z (a power-of-two convolution) for other lengths.
// Forward uses exp(-2*pi*i*jk/n), inverse exp(+2*pi*i*jk/n), as PyTorch/pocketfft.

/** Precomputed tables of one power-of-two length. */
interface Radix2Plan {
  readonly n: number;
  readonly rev: Uint32Array;
  readonly cos: Float64Array;
  readonly sin: Float64Array;
}

/** Precomputed tables of one Bluestein length: the chirp and the FFT of its conjugate filter. */
interface BluesteinPlan {
  readonly m: number;
  readonly chirpRe: Float64Array;
  readonly chirpIm: Float64Array;
  readonly filterRe: Float64Array;
  readonly filterIm: Float64Array;
}

const radix2Plans = new Map<number, Radix2Plan>();
const bluesteinPlans = new Map<number, BluesteinPlan>();

function radix2Plan(n: number): Radix2Plan {
  let p = radix2Plans.get(n);
  if (p !== undefined) return p;
  const bits = Math.log2(n);
  const rev = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >>> b) & 1) << (bits - 1 - b);
    rev[i] = r >>> 0;
  }
  const cos = new Float64Array(n / 2), sin = new Float64Array(n / 2);
  for (let k = 0; k < n / 2; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n);
    sin[k] = Math.sin((2 * Math.PI * k) / n);
  }
  p = { n, rev, cos, sin };
  radix2Plans.set(n, p);
  return p;
}

/** In-place radix-2 DFT of power-of-two length `re.length`. */
function radix2(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  if (n <= 1) return;
  const { rev, cos, sin } = radix2Plan(n);
  for (let i = 0; i < n; i++) {
    const j = rev[i]!;
    if (j > i) {
      let t = re[i]!; re[i] = re[j]!; re[j] = t;
      t = im[i]!; im[i] = im[j]!; im[j] = t;
    }
  }
  const sign = inverse ? 1 : -1;
  for (let size = 2; size <= n; size *= 2) {
    const half = size / 2, step = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step]!, wi = sign * sin[k * step]!;
        const a = start + k, b = a + half;
        const xr = re[b]! * wr - im[b]! * wi, xi = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - xr; im[b] = im[a]! - xi;
        re[a] = re[a]! + xr; im[a] = im[a]! + xi;
      }
    }
  }
}

function bluesteinPlan(n: number): BluesteinPlan {
  let p = bluesteinPlans.get(n);
  if (p !== undefined) return p;
  let m = 1;
  while (m < 2 * n - 1) m *= 2;
  const chirpRe = new Float64Array(n), chirpIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    // k^2 mod 2n keeps the angle small and exact for large k.
    const a = (Math.PI * ((k * k) % (2 * n))) / n;
    chirpRe[k] = Math.cos(a);
    chirpIm[k] = -Math.sin(a);
  }
  const filterRe = new Float64Array(m), filterIm = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    filterRe[k] = chirpRe[k]!;
    filterIm[k] = -chirpIm[k]!;
    if (k > 0) {
      filterRe[m - k] = chirpRe[k]!;
      filterIm[m - k] = -chirpIm[k]!;
    }
  }
  radix2(filterRe, filterIm, false);
  p = { m, chirpRe, chirpIm, filterRe, filterIm };
  bluesteinPlans.set(n, p);
  return p;
}

/** In-place forward DFT of any length by Bluestein's algorithm. */
function bluestein(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  const { m, chirpRe, chirpIm, filterRe, filterIm } = bluesteinPlan(n);
  const ar = new Float64Array(m), ai = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    ar[k] = re[k]! * chirpRe[k]! - im[k]! * chirpIm[k]!;
    ai[k] = re[k]! * chirpIm[k]! + im[k]! * chirpRe[k]!;
  }
  radix2(ar, ai, false);
  for (let k = 0; k < m; k++) {
    const r = ar[k]! * filterRe[k]! - ai[k]! * filterIm[k]!;
    ai[k] = ar[k]! * filterIm[k]! + ai[k]! * filterRe[k]!;
    ar[k] = r;
  }
  radix2(ar, ai, true);
  for (let k = 0; k < n; k++) {
    const r = ar[k]! / m, i = ai[k]! / m;
    re[k] = r * chirpRe[k]! - i * chirpIm[k]!;
    im[k] = r * chirpIm[k]! + i * chirpRe[k]!;
  }
}

/** In-place unnormalized DFT (forward, or inverse when `inverse`) of `re`/`im` of any equal length. */
export function fft1d(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  if (n <= 1) return;
  if ((n & (n - 1)) === 0) {
    radix2(re, im, inverse);
    return;
  }
  // The inverse DFT is the conjugate of the forward DFT of the conjugate.
  if (inverse) for (let k = 0; k < n; k++) im[k] = -im[k]!;
  bluestein(re, im);
  if (inverse) for (let k = 0; k < n; k++) im[k] = -im[k]!;
}
