import { allocF32, f32Contiguous } from '../../native/f32-tensor.js';
import type { FastPath } from './fast-path.js';

/**
 * `adaptive_avg_pool2d` to 1x1 (global average pooling, e.g. squeeze-and-excitation blocks) of a
 * contiguous float32 tensor: one mean per plane, instead of the generic window loop.
 */
const globalAvgPool2d: FastPath = (args) => {
  const self = args.tensor('self');
  const size = args.ints('output_size');
  const x = f32Contiguous(self);
  if (x === null || self.rank < 3 || size.length !== 2 || size[0] !== 1 || size[1] !== 1) return null;
  const hw = self.shape[self.rank - 1]! * self.shape[self.rank - 2]!;
  if (hw === 0) return null;
  const planes = self.numel / hw, { data } = x, out = allocF32([...self.shape.slice(0, -2), 1, 1]);
  for (let p = 0, i = x.offset; p < planes; p++) {
    let s = 0;
    for (const end = i + hw; i < end; i++) s += data[i]!;
    out.data[p] = s / hw;
  }
  return out.tensor;
};

/** Fast paths of pooling. */
export const POOL_FAST_PATHS: ReadonlyMap<string, FastPath> = new Map<string, FastPath>([
  ['aten.adaptive_avg_pool2d.default', globalAvgPool2d],
  ['aten._adaptive_avg_pool2d.default', globalAvgPool2d],
]);
