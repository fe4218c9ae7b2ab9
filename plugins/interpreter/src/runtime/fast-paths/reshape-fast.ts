import { contiguousStrides } from '@nativert/core';
import { f32Operand } from '../../native/f32-tensor.js';
import { nativeAddon } from '../../native/native-addon.js';
import { inferSize, viewStrides } from '../../kernels/shape/views.js';
import { stridedCopyF32 } from './binary-fast.js';
import type { FastPath } from './fast-path.js';

/**
 * `view` / `reshape` / `_unsafe_view` of a float32 tensor whose layout allows no view (e.g. attention
 * heads merged after a transpose): one native strided copy into an arena buffer, instead of the
 * generic element-by-element copy.
 */
const reshape: FastPath = (args, ctx) => {
  const self = args.tensor('self');
  const target = inferSize(args.ints(args.has('shape') ? 'shape' : 'size'), self.numel);
  const strides = viewStrides(self.shape, self.strides, target);
  if (strides !== null) return self.asStrided(target, strides);
  const native = nativeAddon(), src = f32Operand(self);
  if (native === null || src === null || self.strides.some((s) => s < 0)) return null;
  return stridedCopyF32(native, self, src, ctx.threads).asStrided(target, contiguousStrides(target), 0);
};

/** Fast paths of float32 reshapes that need a copy. */
export const RESHAPE_FAST_PATHS: ReadonlyMap<string, FastPath> = new Map<string, FastPath>([
  ['aten.view.default', reshape],
  ['aten._unsafe_view.default', reshape],
  ['aten.reshape.default', reshape],
]);
