import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { outputBuffer } from '../../util/elementwise.js';
import { contiguousNumbers } from './norm-args.js';
import { realTensor } from './reduce-args.js';
import type { ResampleMode } from './resample-math.js';
import { axisTaps, resample } from './resample-math.js';

const SCALE_NAMES: Record<number, string[]> = { 1: ['scales'], 2: ['scales_h', 'scales_w'], 3: ['scales_d', 'scales_h', 'scales_w'] };

/** Spatial rank and mode of an upsample op target (`aten.upsample_bilinear2d.vec` -> 2, linear). */
function parseTarget(target: string): { k: number; mode: ResampleMode; vec: boolean } {
  const m = /upsample_(nearest_exact|nearest|bilinear|linear|trilinear|bicubic)(\d)d\.(\w+)$/.exec(target)!;
  const mode: ResampleMode = m[1] === 'nearest' ? 'nearest' : m[1] === 'nearest_exact' ? 'nearest-exact' : m[1] === 'bicubic' ? 'cubic' : 'linear';
  return { k: Number(m[2]), mode, vec: m[3] === 'vec' };
}

/** Output sizes and per-axis scale factors from `output_size` / `scale_factors` (vec) or `output_size` / `scales_*`. */
function sizesAndScales(args: KernelArgs, k: number, vec: boolean, spatial: readonly number[]): { sizes: number[]; scales: (number | null)[] } {
  if (vec) {
    const size = args.optInts('output_size');
    const factors = args.has('scale_factors') ? args.floats('scale_factors') : null;
    if (size !== null) {
      if (size.length !== k) throw args.error(`output_size must have ${k} entries, given [${size.join(', ')}]`);
      return { sizes: size, scales: new Array<number | null>(k).fill(null) };
    }
    if (factors === null || factors.length !== k) throw args.error(`expected output_size or ${k} scale_factors, given ${factors === null ? 'neither' : `[${factors.join(', ')}]`}`);
    return { sizes: spatial.map((s, i) => Math.floor(s * factors[i]!)), scales: factors };
  }
  const size = args.ints('output_size');
  if (size.length !== k) throw args.error(`output_size must have ${k} entries, given [${size.join(', ')}]`);
  return { sizes: size, scales: SCALE_NAMES[k]!.map((n) => (args.has(n) ? args.float(n) : null)) };
}

/**
 * `aten.upsample_{nearest,_nearest_exact}{1,2,3}d`, `aten.upsample_linear1d`, `aten.upsample_bilinear2d`,
 * `aten.upsample_trilinear3d`, `aten.upsample_bicubic2d`, each in `.default` and `.vec` form.
 */
export const UPSAMPLE: KernelDef = {
  ops: [1, 2, 3].flatMap((k) => [`upsample_nearest${k}d`, `_upsample_nearest_exact${k}d`])
    .concat(['upsample_linear1d', 'upsample_bilinear2d', 'upsample_trilinear3d', 'upsample_bicubic2d'])
    .flatMap((op) => [`aten.${op}.default`, `aten.${op}.vec`]),
  run: (args) => {
    const { k, mode, vec } = parseTarget(args.node.target);
    const input = realTensor(args, vec ? 'input' : 'self');
    if (input.rank !== k + 2) throw args.error(`expected a ${k + 2}-d input (N, C, ${k} spatial dims), given shape [${input.shape.join(', ')}]`);
    const spatial = input.shape.slice(2);
    const { sizes, scales } = sizesAndScales(args, k, vec, spatial);
    if (sizes.some((s) => s <= 0)) throw args.error(`output size [${sizes.join(', ')}] must be positive`);
    const align = mode === 'linear' || mode === 'cubic' ? args.bool('align_corners') : false;
    const axes = spatial.map((s, i) => axisTaps(mode, s, sizes[i]!, align, scales[i]!));
    const x = contiguousNumbers(input);
    const out = outputBuffer(input.dtype, [input.shape[0]!, input.shape[1]!, ...sizes]);
    resample(x.data, x.offset, input.shape[0]! * input.shape[1]!, axes, out.values);
    return out.finish();
  },
};
