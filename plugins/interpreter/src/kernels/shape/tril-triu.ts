import type { Tensor } from '@nativert/core';
import { writer } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { elementOffsets } from '../../util/strided-copy.js';
import { cloneContiguous } from '../../util/raw-copy.js';

/** Zeroes, over the last two dims, elements with col - row > k (lower) or col - row < k (upper). */
function triangle(args: KernelArgs, lower: boolean, inPlace: boolean): Tensor {
  const self = args.tensor('self');
  if (self.rank < 2) throw args.error(`expects a tensor of at least 2 dims, given [${self.shape.join(', ')}]`);
  const out = inPlace ? self : cloneContiguous(self);
  const k = args.int('diagonal', 0);
  const rows = out.shape[out.rank - 2]!, cols = out.shape[out.rank - 1]!;
  const offs = elementOffsets(out);
  const write = writer(out);
  for (let e = 0; e < offs.length; e++) {
    const j = e % cols, i = Math.floor(e / cols) % rows;
    if (lower ? j - i > k : j - i < k) write(offs[e]!, 0);
  }
  return out;
}

/** `tril` / `tril_`. */
export const TRIL_KERNEL: KernelDef = {
  ops: ['aten.tril.default', 'aten.tril_.default'],
  run: (args) => triangle(args, true, args.node.target === 'aten.tril_.default'),
};

/** `triu` / `triu_`. */
export const TRIU_KERNEL: KernelDef = {
  ops: ['aten.triu.default', 'aten.triu_.default'],
  run: (args) => triangle(args, false, args.node.target === 'aten.triu_.default'),
};
