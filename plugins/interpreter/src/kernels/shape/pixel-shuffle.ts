import type { KernelDef } from '../../kernel/kernel-def.js';
import { permuteView, reshapeView } from './views.js';
import { cloneContiguous } from '../../util/raw-copy.js';

/** `pixel_shuffle`: [*, C*r*r, H, W] -> [*, C, H*r, W*r]. */
export const PIXEL_SHUFFLE_KERNEL: KernelDef = {
  ops: ['aten.pixel_shuffle.default'],
  run: (args) => {
    const self = args.tensor('self'), r = args.int('upscale_factor');
    if (self.rank < 3) throw args.error(`expects at least 3 dims, given [${self.shape.join(', ')}]`);
    const lead = self.shape.slice(0, -3), [c, h, w] = self.shape.slice(-3) as [number, number, number];
    if (c % (r * r) !== 0) throw args.error(`channels ${c} not divisible by upscale_factor^2 = ${r * r}`);
    const b = lead.length, oc = c / (r * r);
    const v = reshapeView(self, [...lead, oc, r, r, h, w]);
    const p = permuteView(v, [...lead.keys(), b, b + 3, b + 1, b + 4, b + 2]);
    return reshapeView(cloneContiguous(p), [...lead, oc, h * r, w * r]);
  },
};

/** `pixel_unshuffle`: [*, C, H*r, W*r] -> [*, C*r*r, H, W]. */
export const PIXEL_UNSHUFFLE_KERNEL: KernelDef = {
  ops: ['aten.pixel_unshuffle.default'],
  run: (args) => {
    const self = args.tensor('self'), r = args.int('downscale_factor');
    if (self.rank < 3) throw args.error(`expects at least 3 dims, given [${self.shape.join(', ')}]`);
    const lead = self.shape.slice(0, -3), [c, h, w] = self.shape.slice(-3) as [number, number, number];
    if (h % r !== 0 || w % r !== 0) throw args.error(`height ${h} and width ${w} must be divisible by downscale_factor ${r}`);
    const b = lead.length;
    const v = reshapeView(self, [...lead, c, h / r, r, w / r, r]);
    const p = permuteView(v, [...lead.keys(), b, b + 2, b + 4, b + 1, b + 3]);
    return reshapeView(cloneContiguous(p), [...lead, c * r * r, h / r, w / r]);
  },
};
