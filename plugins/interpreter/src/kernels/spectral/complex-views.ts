import { isComplex, Tensor } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { realDtype } from './complex-buffer.js';

/** `aten.view_as_real`: a complex tensor viewed as real with a trailing dim of 2 (shares storage). */
export const VIEW_AS_REAL: KernelDef = {
  ops: ['aten.view_as_real.default'],
  run: (args) => {
    const self = args.tensor('self');
    if (!isComplex(self.dtype)) throw args.error(`view_as_real expects a complex tensor, given ${self.dtype}`);
    return new Tensor(realDtype(self.dtype), [...self.shape, 2], self.storage, [...self.strides.map((s) => 2 * s), 1], 2 * self.offset);
  },
};

/** `aten.view_as_complex`: a float tensor with a trailing dim of 2 (stride 1) viewed as complex (shares storage). */
export const VIEW_AS_COMPLEX: KernelDef = {
  ops: ['aten.view_as_complex.default'],
  run: (args) => {
    const self = args.tensor('self');
    if (self.dtype !== 'float32' && self.dtype !== 'float64') throw args.error(`view_as_complex expects a float32 or float64 tensor, given ${self.dtype}`);
    const r = self.rank;
    if (r === 0 || self.shape[r - 1] !== 2 || self.strides[r - 1] !== 1) {
      throw args.error(`view_as_complex expects a last dim of size 2 and stride 1, given shape [${self.shape.join(', ')}] strides [${self.strides.join(', ')}]`);
    }
    const strides = self.strides.slice(0, -1);
    if (self.offset % 2 !== 0 || strides.some((s) => s % 2 !== 0)) {
      throw args.error(`view_as_complex expects even strides and storage offset, given strides [${self.strides.join(', ')}] offset ${self.offset}`);
    }
    const dtype = self.dtype === 'float64' ? 'complex128' : 'complex64';
    return new Tensor(dtype, self.shape.slice(0, -1), self.storage, strides.map((s) => s / 2), self.offset / 2);
  },
};
