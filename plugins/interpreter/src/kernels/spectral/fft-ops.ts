// The torch.fft.* ops as export IR keeps them (`aten.fft_fft`, `aten.fft_rfftn`, ...): signal sizes
// (`n`/`s`) resize the input (truncate or zero-pad), `norm` picks the scaling, then the core transforms.
import type { Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import type { ComplexBuffer } from './complex-buffer.js';
import { complexDtype, complexOf, complexTensor, realDtype, realTensor, resizeDim } from './complex-buffer.js';
import { conjugate, dimList, normFromString, normScale, signalPoints, spectralInput } from './spectral-args.js';
import { c2c, c2r, r2c } from './transforms.js';

/** What an fft_* op computes. */
type Kind = 'c2c' | 'r2c' | 'c2r' | 'hfft' | 'ihfft';

/** Dims and signal sizes (null = output size from the input) of a 1-d, 2-d or n-d fft_* op. */
function signal(args: KernelArgs, self: Tensor): { dims: number[]; sizes: (number | null)[] } {
  const target = args.node.target;
  if (!/fft2\.|fftn\./.test(target)) {
    const dims = dimList(args, 'dim', [args.int('dim', -1)], self.rank);
    const n = args.optInt('n');
    if (n !== null && n < 1) throw args.error(`argument 'n': expected a positive signal size, given ${n}`);
    return { dims, sizes: [n] };
  }
  const s = args.optInts('s');
  const dflt = target.includes('fft2') ? [-2, -1] : null;
  const given = args.optInts('dim') ?? dflt;
  const rawDims = given ?? (s !== null ? s.map((_, i) => self.rank - s.length + i) : self.shape.map((_, i) => i));
  const dims = dimList(args, 'dim', rawDims, self.rank);
  if (s !== null && s.length !== dims.length) throw args.error(`arguments 's' and 'dim' must have the same length, given ${s.length} and ${dims.length}`);
  return { dims, sizes: dims.map((_, i) => (s === null || s[i] === -1 ? null : s[i]!)) };
}

/** `b` resized to `sizes` along `dims` (null keeps the size). */
function resized(b: ComplexBuffer, dims: readonly number[], sizes: readonly (number | null)[]): ComplexBuffer {
  return dims.reduce((acc, d, i) => (sizes[i] === null ? acc : resizeDim(acc, d, sizes[i]!)), b);
}

/** Runs one fft_* op of `kind`, `inverse` for the ifft/irfft family. */
function runFft(args: KernelArgs, kind: Kind, inverse: boolean): Tensor {
  const realIn = kind === 'r2c' || kind === 'ihfft';
  const self = spectralInput(args, 'self', realIn);
  const { dims, sizes } = signal(args, self);
  const mode = normFromString(args, inverse);
  if (kind === 'c2c' || kind === 'r2c' || kind === 'ihfft') {
    const input = resized(complexOf(self), dims, sizes);
    const n = signalPoints(input.shape, dims);
    let b = kind === 'c2c' ? c2c(input, dims, inverse) : r2c(input, dims, true);
    if (kind === 'ihfft') b = conjugate(b);
    return complexTensor(complexDtype(self.dtype), b, normScale(mode, n));
  }
  // c2r and hfft: the last dim's output size defaults to 2*(m-1); the input keeps its first n/2+1 entries.
  const last = dims.length - 1;
  const lastSize = sizes[last] ?? 2 * (self.shape[dims[last]!]! - 1);
  if (lastSize < 1) throw args.error(`invalid output size ${lastSize} along dim ${dims[last]} (input size ${self.shape[dims[last]!]})`);
  const inSizes = [...sizes.slice(0, last), Math.floor(lastSize / 2) + 1];
  let input = resized(complexOf(self), dims, inSizes);
  if (kind === 'hfft') input = conjugate(input);
  const b = c2r(input, dims, lastSize);
  return realTensor(realDtype(self.dtype), b, normScale(mode, signalPoints(b.shape, dims)));
}

/** A kernel for the ops `names` (without `aten.` and `.default`) computing `kind`. */
function fftKernel(names: readonly string[], kind: Kind, inverse: boolean): KernelDef {
  return { ops: names.map((n) => `aten.${n}.default`), run: (args) => runFft(args, kind, inverse) };
}

/** `fft_fft`, `fft_fft2`, `fft_fftn`: forward complex DFT (real inputs promoted). */
export const FFT_FFT = fftKernel(['fft_fft', 'fft_fft2', 'fft_fftn'], 'c2c', false);
/** `fft_ifft`, `fft_ifft2`, `fft_ifftn`: inverse complex DFT. */
export const FFT_IFFT = fftKernel(['fft_ifft', 'fft_ifft2', 'fft_ifftn'], 'c2c', true);
/** `fft_rfft`, `fft_rfft2`, `fft_rfftn`: forward DFT of a real input, one-sided. */
export const FFT_RFFT = fftKernel(['fft_rfft', 'fft_rfft2', 'fft_rfftn'], 'r2c', false);
/** `fft_irfft`, `fft_irfft2`, `fft_irfftn`: inverse of rfft, real output. */
export const FFT_IRFFT = fftKernel(['fft_irfft', 'fft_irfft2', 'fft_irfftn'], 'c2r', true);
/** `fft_hfft`: forward DFT of a Hermitian signal given by its half (real output). */
export const FFT_HFFT = fftKernel(['fft_hfft'], 'hfft', false);
/** `fft_ihfft`: inverse of hfft, one-sided complex output of a real input. */
export const FFT_IHFFT = fftKernel(['fft_ihfft'], 'ihfft', true);
