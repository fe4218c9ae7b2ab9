import type { KernelDef } from '../../kernel/kernel-def.js';
import { VIEW_AS_COMPLEX, VIEW_AS_REAL } from './complex-views.js';
import { CONJ, RESOLVE_CONJ } from './conjugate.js';
import { FFT_C2C, FFT_C2R, FFT_R2C } from './fft-core.js';
import { FFT_FFT, FFT_HFFT, FFT_IFFT, FFT_IHFFT, FFT_IRFFT, FFT_RFFT } from './fft-ops.js';

/** Kernels of the spectral family: the core `_fft_*` transforms, the torch.fft ops, complex views and conjugates. */
export const SPECTRAL_KERNELS: readonly KernelDef[] = [
  FFT_C2C, FFT_R2C, FFT_C2R, FFT_FFT, FFT_IFFT, FFT_RFFT, FFT_IRFFT, FFT_HFFT, FFT_IHFFT, VIEW_AS_REAL, VIEW_AS_COMPLEX,
  CONJ, RESOLVE_CONJ,
];
