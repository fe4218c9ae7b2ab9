import type { KernelDef } from '../../kernel/kernel-def.js';
import { outputBuffer } from '../../util/elementwise.js';
import { gridSample } from './grid-sample-math.js';
import { contiguousNumbers } from './norm-args.js';
import { floatTensor } from './reduce-args.js';

/** `aten.grid_sampler_2d`: bilinear/nearest/bicubic sampling with zeros/border/reflection padding. */
export const GRID_SAMPLER_2D: KernelDef = {
  ops: ['aten.grid_sampler_2d.default'],
  run: (args) => {
    const input = floatTensor(args, 'input', 'grid_sampler_2d');
    const grid = floatTensor(args, 'grid', 'grid_sampler_2d');
    const [N, C, H, W] = input.shape;
    if (input.rank !== 4 || grid.rank !== 4 || grid.shape[0] !== N || grid.shape[3] !== 2) {
      throw args.error(`expected input (N, C, H, W) and grid (N, Ho, Wo, 2), given [${input.shape.join(', ')}] and [${grid.shape.join(', ')}]`);
    }
    const interpolation = args.int('interpolation_mode'), padding = args.int('padding_mode');
    if (interpolation < 0 || interpolation > 2) throw args.error(`interpolation_mode must be 0, 1 or 2, given ${interpolation}`);
    if (padding < 0 || padding > 2) throw args.error(`padding_mode must be 0, 1 or 2, given ${padding}`);
    const Ho = grid.shape[1]!, Wo = grid.shape[2]!;
    const x = contiguousNumbers(input), g = contiguousNumbers(grid);
    const out = outputBuffer(input.dtype, [N!, C!, Ho, Wo]);
    gridSample(x.data, x.offset, N!, C!, H!, W!, g.data, g.offset, Ho, Wo, { interpolation, padding, alignCorners: args.bool('align_corners') }, out.values);
    return out.finish();
  },
};
