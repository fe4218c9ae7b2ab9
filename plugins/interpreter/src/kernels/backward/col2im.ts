import type { KernelDef } from '../../kernel/kernel-def.js';
import { floatArg, tensorOf, valuesOf } from './grad-args.js';

/**
 * Sums columns [C*kh*kw, L] (L = blocks over the padded image, row-major) back into `channels` images
 * of `outH`x`outW`: the adjoint of im2col, `F.fold`. Overlapping blocks add up.
 */
export function col2imSum(
  col: Float64Array, channels: number, outH: number, outW: number, k: readonly number[], dil: readonly number[],
  pad: readonly number[], stride: readonly number[], blocksH: number, blocksW: number,
): Float64Array {
  const img = new Float64Array(channels * outH * outW);
  let q = 0;
  for (let c = 0; c < channels; c++) {
    for (let ki = 0; ki < k[0]!; ki++) {
      for (let kj = 0; kj < k[1]!; kj++) {
        for (let bh = 0; bh < blocksH; bh++) {
          const y = bh * stride[0]! - pad[0]! + ki * dil[0]!;
          for (let bw = 0; bw < blocksW; bw++, q++) {
            const x = bw * stride[1]! - pad[1]! + kj * dil[1]!;
            if (y >= 0 && y < outH && x >= 0 && x < outW) img[(c * outH + y) * outW + x] += col[q]!;
          }
        }
      }
    }
  }
  return img;
}

/** `aten.col2im` (`F.fold`): input [N?, C*kh*kw, L] to [N?, C, out_h, out_w]. */
export const COL2IM: KernelDef = {
  ops: ['aten.col2im.default'],
  run: (args) => {
    const self = floatArg(args, 'self', 'col2im');
    const two = (name: string, dflt?: number[]) => {
      const v = args.ints(name, dflt);
      const r = v.length === 1 ? [v[0]!, v[0]!] : v;
      if (r.length !== 2 || r.some((x) => x < 0)) throw args.error(`argument '${name}': expected 2 non-negative ints, given [${v.join(', ')}]`);
      return r;
    };
    const [outH, outW] = two('output_size') as [number, number];
    const k = two('kernel_size'), dil = two('dilation'), pad = two('padding'), stride = two('stride');
    if (self.rank !== 2 && self.rank !== 3) throw args.error(`expected input of rank 2 or 3, given shape [${self.shape.join(', ')}]`);
    const batched = self.rank === 3, N = batched ? self.shape[0]! : 1;
    const rowsIn = self.shape[self.rank - 2]!, L = self.shape[self.rank - 1]!;
    const kk = k[0]! * k[1]!;
    const blocks = (i: number, size: number) => Math.floor((size + 2 * pad[i]! - dil[i]! * (k[i]! - 1) - 1) / stride[i]!) + 1;
    const bh = blocks(0, outH), bw = blocks(1, outW);
    if (kk === 0 || rowsIn % kk !== 0 || bh * bw !== L) {
      throw args.error(`input shape [${self.shape.join(', ')}] does not fit kernel [${k.join(', ')}] over output [${outH}, ${outW}]: expected dim -2 divisible by ${kk} and ${bh * bw} blocks in dim -1`);
    }
    const C = rowsIn / kk, col = valuesOf(args, 'self');
    const out = new Float64Array(N * C * outH * outW);
    for (let n = 0; n < N; n++) {
      out.set(col2imSum(col.subarray(n * rowsIn * L, (n + 1) * rowsIn * L), C, outH, outW, k, dil, pad, stride, bh, bw), n * C * outH * outW);
    }
    return tensorOf(self.dtype, batched ? [N, C, outH, outW] : [C, outH, outW], out);
  },
};
