import { ErrorCode, NativertError, Tensor } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { cartesianOffsets, copyInto, fillTensor, gatherOffsets, rangeTable } from '../../util/strided-copy.js';
import { sliceView } from './views.js';

/** Padding modes that read existing elements (as opposed to writing a constant). */
export type IndexPadMode = 'reflect' | 'replicate' | 'circular';

function fail(message: string): NativertError {
  return new NativertError(ErrorCode.InvalidArgument, message);
}

/** The (left, right) pad of each dim: `pad` lists pairs starting from the last dim. */
function padsByDim(rank: number, pad: readonly number[]): [number, number][] {
  if (pad.length % 2 !== 0 || pad.length / 2 > rank) throw fail(`pad [${pad.join(', ')}] must hold pairs for at most ${rank} dims`);
  const out: [number, number][] = Array.from({ length: rank }, () => [0, 0]);
  for (let i = 0; i < pad.length / 2; i++) out[rank - 1 - i] = [pad[2 * i]!, pad[2 * i + 1]!];
  return out;
}

/** `constant_pad_nd`: pads filled with `value`; negative pads crop. */
export function constantPad(self: Tensor, pad: readonly number[], value: number): Tensor {
  const pads = padsByDim(self.rank, pad);
  const shape = self.shape.map((s, d) => s + pads[d]![0] + pads[d]![1]);
  if (shape.some((s) => s < 0)) throw fail(`pad [${pad.join(', ')}] gives a negative size for input [${self.shape.join(', ')}]`);
  const out = Tensor.zeros(self.dtype, shape);
  if (value !== 0) fillTensor(out, value);
  let src = self, dst = out;
  pads.forEach(([l, r], d) => {
    src = sliceView(src, d, Math.max(-l, 0), self.shape[d]! - Math.max(-r, 0), 1);
    dst = sliceView(dst, d, Math.max(l, 0), Math.max(l, 0) + src.shape[d]!, 1);
  });
  copyInto(dst, src);
  return out;
}

/** Source index of padded position `i - left` for `mode` over a dim of size `n`. */
function sourceIndex(mode: IndexPadMode, i: number, n: number): number {
  switch (mode) {
    case 'reflect': {
      if (n === 1) return 0;
      const period = 2 * (n - 1);
      const m = ((i % period) + period) % period;
      return m < n ? m : period - m;
    }
    case 'replicate': return Math.min(Math.max(i, 0), n - 1);
    case 'circular': return ((i % n) + n) % n;
  }
}

/** Reflect / replicate / circular padding of the last `pad.length / 2` dims. */
export function indexPad(self: Tensor, pad: readonly number[], mode: IndexPadMode): Tensor {
  const pads = padsByDim(self.rank, pad);
  const shape: number[] = [];
  const tables = self.shape.map((n, d) => {
    const [l, r] = pads[d]!;
    const size = n + l + r;
    shape.push(size);
    if (l === 0 && r === 0) return rangeTable(n, self.strides[d]!);
    if (n === 0) throw fail(`${mode} padding needs a non-empty dim ${d}`);
    if (mode === 'reflect' && (l >= n || r >= n)) throw fail(`reflect padding (${l}, ${r}) must be smaller than dim ${d} of size ${n}`);
    const t = new Float64Array(Math.max(size, 0));
    for (let j = 0; j < t.length; j++) t[j] = sourceIndex(mode, j - l, n) * self.strides[d]!;
    return t;
  });
  return gatherOffsets(self, cartesianOffsets(self.offset, tables), shape);
}

/** `constant_pad_nd`. */
export const CONSTANT_PAD_KERNEL: KernelDef = {
  ops: ['aten.constant_pad_nd.default'],
  run: (args) => constantPad(args.tensor('self'), args.ints('pad'), args.scalar('value', 0)),
};

/** `pad` (mode constant, reflect, replicate or circular). */
export const PAD_KERNEL: KernelDef = {
  ops: ['aten.pad.default'],
  run: (args) => {
    const self = args.tensor('self'), pad = args.ints('pad');
    const mode = args.string('mode', 'constant');
    if (mode === 'constant') return constantPad(self, pad, args.has('value') ? args.float('value') : 0);
    if (mode === 'reflect' || mode === 'replicate' || mode === 'circular') return indexPad(self, pad, mode);
    throw args.error(`unknown pad mode '${mode}' (expected constant, reflect, replicate or circular)`);
  },
};

/** `reflection_pad{1,2,3}d` and `replication_pad{1,2,3}d`. */
export const REFLECT_REPLICATE_PAD_KERNEL: KernelDef = {
  ops: [1, 2, 3].flatMap((n) => [`aten.reflection_pad${n}d.default`, `aten.replication_pad${n}d.default`]),
  run: (args) => indexPad(args.tensor('self'), args.ints('padding'), args.node.target.includes('reflection') ? 'reflect' : 'replicate'),
};
