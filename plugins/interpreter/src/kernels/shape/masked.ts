import { Tensor } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { broadcastShapes } from '../../util/shape.js';
import { broadcastView, contiguousAs, copyInto, elementOffsets, gatherOffsets, scatterOffsets } from '../../util/strided-copy.js';
import { numbersOf } from '../../util/numbers-of.js';

/** Offsets in `t` (broadcast to `shape`) of the elements where `mask` (broadcast too) is true. */
function maskedOffsets(t: Tensor, mask: Tensor, shape: readonly number[]): Float64Array {
  const offs = elementOffsets(broadcastView(t, shape));
  const m = numbersOf(broadcastView(mask, shape));
  let n = 0;
  for (let i = 0; i < m.length; i++) if (m[i] !== 0) offs[n++] = offs[i]!;
  return offs.subarray(0, n);
}

/** `masked_select`: a 1-d tensor of self's elements where mask is true (both broadcast). */
export const MASKED_SELECT_KERNEL: KernelDef = {
  ops: ['aten.masked_select.default'],
  run: (args) => {
    const self = args.tensor('self'), mask = args.tensor('mask');
    const offs = maskedOffsets(self, mask, broadcastShapes(self.shape, mask.shape));
    return gatherOffsets(self, offs, [offs.length]);
  },
};

/** `masked_scatter` / `masked_scatter_`: source's elements, in order, written where mask is true. */
export const MASKED_SCATTER_KERNEL: KernelDef = {
  ops: ['aten.masked_scatter.default', 'aten.masked_scatter_.default'],
  run: (args) => {
    const self = args.tensor('self'), mask = args.tensor('mask'), source = args.tensor('source');
    const inPlace = args.node.target === 'aten.masked_scatter_.default';
    const out = inPlace ? self : Tensor.zeros(self.dtype, broadcastShapes(self.shape, mask.shape));
    if (!inPlace) copyInto(out, self);
    const offs = maskedOffsets(out, mask, out.shape);
    if (offs.length > source.numel) throw args.error(`mask selects ${offs.length} elements, source has only ${source.numel}`);
    const flat = contiguousAs(source, out.dtype);
    scatterOffsets(out, offs, flat.asStrided([offs.length], [1], flat.offset));
    return out;
  },
};
