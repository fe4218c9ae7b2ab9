import { Tensor } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { normalizeDim } from '../../util/shape.js';
import { catTensors } from './cat.js';
import { sliceView } from './views.js';
import { cloneContiguous } from '../../util/raw-copy.js';
import { numbersOf } from '../../util/numbers-of.js';

/** One forward difference along `dim` (bool: inequality, as PyTorch's logical_xor). */
function diffOnce(x: Tensor, dim: number): Tensor {
  const a = sliceView(x, dim, 1, null, 1), b = sliceView(x, dim, 0, -1, 1);
  const av = numbersOf(a), bv = numbersOf(b);
  const out = new Float64Array(av.length);
  if (x.dtype === 'bool') for (let i = 0; i < out.length; i++) out[i] = av[i] !== bv[i] ? 1 : 0;
  else for (let i = 0; i < out.length; i++) out[i] = av[i]! - bv[i]!;
  return Tensor.fromNumbers(x.dtype, a.shape, out);
}

/** `diff`: the n-th forward difference along dim, after prepending/appending the given tensors. */
export const DIFF_KERNEL: KernelDef = {
  ops: ['aten.diff.default'],
  run: (args) => {
    const self = args.tensor('self');
    if (self.rank === 0) throw args.error('diff expects a tensor of at least 1 dim');
    const d = normalizeDim(args.int('dim', -1), self.rank);
    const pre = args.optTensor('prepend'), post = args.optTensor('append');
    let x = pre || post ? catTensors([...(pre ? [pre] : []), self, ...(post ? [post] : [])], d) : self;
    const n = args.int('n', 1);
    for (let i = 0; i < n && x.shape[d]! > 0; i++) x = diffOnce(x, d);
    return x === self ? cloneContiguous(self) : x;
  },
};
