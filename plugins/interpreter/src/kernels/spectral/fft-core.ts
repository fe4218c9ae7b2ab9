import type { KernelDef } from '../../kernel/kernel-def.js';
import { complexDtype, complexOf, complexTensor, realDtype, realTensor } from './complex-buffer.js';
import { dimList, normMode, normScale, signalPoints, spectralInput } from './spectral-args.js';
import { c2c, c2r, r2c } from './transforms.js';

/** `aten._fft_c2c`: complex-to-complex DFT over `dim` (forward or inverse), normalized by `normalization`. */
export const FFT_C2C: KernelDef = {
  ops: ['aten._fft_c2c.default'],
  run: (args) => {
    const self = spectralInput(args, 'self', false);
    const dims = dimList(args, 'dim', args.ints('dim'), self.rank);
    const b = c2c(complexOf(self), dims, !args.bool('forward'));
    return complexTensor(complexDtype(self.dtype), b, normScale(normMode(args), signalPoints(b.shape, dims)));
  },
};

/** `aten._fft_r2c`: real-to-complex forward DFT over `dim`; `onesided` keeps n/2+1 entries of the last dim. */
export const FFT_R2C: KernelDef = {
  ops: ['aten._fft_r2c.default'],
  run: (args) => {
    const self = spectralInput(args, 'self', true);
    const dims = dimList(args, 'dim', args.ints('dim'), self.rank);
    const n = signalPoints(self.shape, dims);
    const b = r2c(complexOf(self), dims, args.bool('onesided'));
    return complexTensor(complexDtype(self.dtype), b, normScale(normMode(args), n));
  },
};

/** `aten._fft_c2r`: inverse DFT of a Hermitian half spectrum over `dim` to real output of `last_dim_size` along the last dim. */
export const FFT_C2R: KernelDef = {
  ops: ['aten._fft_c2r.default'],
  run: (args) => {
    const self = spectralInput(args, 'self', false);
    const dims = dimList(args, 'dim', args.ints('dim'), self.rank);
    if (dims.length === 0) throw args.error(`argument 'dim': expected at least one dim`);
    const last = args.int('last_dim_size');
    if (last < 1) throw args.error(`argument 'last_dim_size': expected >= 1, given ${last}`);
    const b = c2r(complexOf(self), dims, last);
    return realTensor(realDtype(self.dtype), b, normScale(normMode(args), signalPoints(b.shape, dims)));
  },
};
