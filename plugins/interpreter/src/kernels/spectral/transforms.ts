// Multi-dimensional c2c, r2c and c2r transforms over a ComplexBuffer, unnormalized; callers scale.
import type { ComplexBuffer } from './complex-buffer.js';
import { forEachLine } from './complex-buffer.js';
import { fft1d } from './fft-1d.js';

/** In-place DFT of every line of `b` along `dim`. */
function transformDim(b: ComplexBuffer, dim: number, inverse: boolean): void {
  let lre = new Float64Array(0), lim = new Float64Array(0);
  forEachLine(b.shape, dim, (start, step, n) => {
    if (lre.length !== n) {
      lre = new Float64Array(n);
      lim = new Float64Array(n);
    }
    for (let k = 0, i = start; k < n; k++, i += step) {
      lre[k] = b.re[i]!;
      lim[k] = b.im[i]!;
    }
    fft1d(lre, lim, inverse);
    for (let k = 0, i = start; k < n; k++, i += step) {
      b.re[i] = lre[k]!;
      b.im[i] = lim[k]!;
    }
  });
}

/** Complex-to-complex DFT of `b` over `dims`, in place. */
export function c2c(b: ComplexBuffer, dims: readonly number[], inverse: boolean): ComplexBuffer {
  for (const d of dims) transformDim(b, d, inverse);
  return b;
}

/** `b` narrowed along `dim` to its first `size` entries (a copy). */
function narrow(b: ComplexBuffer, dim: number, size: number): ComplexBuffer {
  const old = b.shape[dim]!, shape = [...b.shape];
  shape[dim] = size;
  const outer = b.shape.slice(0, dim).reduce((a, c) => a * c, 1), inner = b.shape.slice(dim + 1).reduce((a, c) => a * c, 1);
  const re = new Float64Array(outer * size * inner), im = new Float64Array(outer * size * inner);
  for (let o = 0; o < outer; o++) {
    re.set(b.re.subarray(o * old * inner, o * old * inner + size * inner), o * size * inner);
    im.set(b.im.subarray(o * old * inner, o * old * inner + size * inner), o * size * inner);
  }
  return { shape, re, im };
}

/** Forward DFT of real `b` over `dims`; `onesided` keeps n/2+1 entries of the last of `dims`. */
export function r2c(b: ComplexBuffer, dims: readonly number[], onesided: boolean): ComplexBuffer {
  c2c(b, dims, false);
  if (!onesided || dims.length === 0) return b;
  const last = dims[dims.length - 1]!;
  return narrow(b, last, Math.floor(b.shape[last]! / 2) + 1);
}

/**
 * Inverse DFT of a Hermitian half-spectrum over `dims` with real output of `lastSize` along the last of
 * `dims`: inverse c2c over the other dims, then the half spectrum (imaginary parts of the DC and, for
 * even sizes, Nyquist terms ignored, as pocketfft does) extended by conjugate symmetry.
 */
export function c2r(b: ComplexBuffer, dims: readonly number[], lastSize: number): ComplexBuffer {
  const last = dims[dims.length - 1]!;
  c2c(b, dims.slice(0, -1), true);
  const have = b.shape[last]!, half = Math.floor(lastSize / 2) + 1;
  const shape = [...b.shape];
  shape[last] = lastSize;
  const n = shape.reduce((a, c) => a * c, 1);
  const out: ComplexBuffer = { shape, re: new Float64Array(n), im: new Float64Array(n) };
  const outer = b.shape.slice(0, last).reduce((a, c) => a * c, 1), inner = b.shape.slice(last + 1).reduce((a, c) => a * c, 1);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const src = (k: number) => (o * have + k) * inner + i, dst = (k: number) => (o * lastSize + k) * inner + i;
      for (let k = 0; k < Math.min(half, have, lastSize); k++) {
        const edge = k === 0 || (lastSize % 2 === 0 && k === lastSize / 2);
        out.re[dst(k)] = b.re[src(k)]!;
        out.im[dst(k)] = edge ? 0 : b.im[src(k)]!;
        if (k > 0 && !edge) {
          out.re[dst(lastSize - k)] = b.re[src(k)]!;
          out.im[dst(lastSize - k)] = -b.im[src(k)]!;
        }
      }
    }
  }
  transformDim(out, last, true);
  return out;
}
