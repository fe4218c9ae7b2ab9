// Pure grid sampling (PyTorch's GridSampler.h): bilinear, nearest and bicubic interpolation with
// zeros / border / reflection padding, over contiguous (N, C, H, W) input and (N, Ho, Wo, 2) grid.

/** Interpolation and padding codes of `aten.grid_sampler_2d`. */
export interface GridSampleOptions {
  /** 0 bilinear, 1 nearest, 2 bicubic. */
  readonly interpolation: number;
  /** 0 zeros, 1 border, 2 reflection. */
  readonly padding: number;
  readonly alignCorners: boolean;
}

function unnormalize(c: number, size: number, align: boolean): number {
  return align ? ((c + 1) / 2) * (size - 1) : ((c + 1) * size - 1) / 2;
}

function reflect(x: number, twiceLow: number, twiceHigh: number): number {
  if (twiceLow === twiceHigh) return 0;
  const min = twiceLow / 2, span = (twiceHigh - twiceLow) / 2;
  const a = Math.abs(x - min);
  const extra = a % span;
  const flips = Math.floor(a / span);
  return flips % 2 === 0 ? extra + min : span - extra + min;
}

function clip(x: number, size: number): number {
  return Math.min(size - 1, Math.max(x, 0));
}

/** Applies the padding mode to a source coordinate. */
function padCoord(x: number, size: number, o: GridSampleOptions): number {
  if (o.padding === 1) return clip(x, size);
  if (o.padding === 2) return clip(o.alignCorners ? reflect(x, 0, 2 * (size - 1)) : reflect(x, -1, 2 * size - 1), size);
  return x;
}

/** Round half to even, as C's nearbyint in the default rounding mode. */
function roundEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const A = -0.75;
function cubicWeights(t: number): [number, number, number, number] {
  const c1 = (x: number) => ((A + 2) * x - (A + 3)) * x * x + 1;
  const c2 = (x: number) => ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
  return [c2(t + 1), c1(t), c1(1 - t), c2(2 - t)];
}

/** Samples `x` at `grid` into `out` (N, C, Ho, Wo), contiguous. */
export function gridSample(
  x: ArrayLike<number>, xOff: number, N: number, C: number, H: number, W: number,
  grid: ArrayLike<number>, gOff: number, Ho: number, Wo: number, o: GridSampleOptions, out: { [i: number]: number },
): void {
  const at = (plane: number, yy: number, xx: number) => (yy >= 0 && yy < H && xx >= 0 && xx < W ? x[plane + yy * W + xx]! : 0);
  for (let n = 0; n < N; n++) {
    for (let h = 0; h < Ho; h++) {
      for (let w = 0; w < Wo; w++) {
        const g = gOff + ((n * Ho + h) * Wo + w) * 2;
        let ix = unnormalize(grid[g]!, W, o.alignCorners), iy = unnormalize(grid[g + 1]!, H, o.alignCorners);
        if (o.interpolation !== 2) {
          ix = padCoord(ix, W, o);
          iy = padCoord(iy, H, o);
        }
        for (let c = 0; c < C; c++) {
          const plane = xOff + (n * C + c) * H * W;
          let v: number;
          if (o.interpolation === 1) {
            v = at(plane, roundEven(iy), roundEven(ix));
          } else if (o.interpolation === 0) {
            const x0 = Math.floor(ix), y0 = Math.floor(iy);
            const tx = ix - x0, ty = iy - y0;
            v = at(plane, y0, x0) * (1 - tx) * (1 - ty) + at(plane, y0, x0 + 1) * tx * (1 - ty)
              + at(plane, y0 + 1, x0) * (1 - tx) * ty + at(plane, y0 + 1, x0 + 1) * tx * ty;
          } else {
            const x0 = Math.floor(ix), y0 = Math.floor(iy);
            const wx = cubicWeights(ix - x0), wy = cubicWeights(iy - y0);
            v = 0;
            for (let j = 0; j < 4; j++) {
              let row = 0;
              for (let i = 0; i < 4; i++) {
                const px = padCoord(x0 - 1 + i, W, o), py = padCoord(y0 - 1 + j, H, o);
                row += wx[i]! * at(plane, py, px);
              }
              v += wy[j]! * row;
            }
          }
          out[((n * C + c) * Ho + h) * Wo + w] = v;
        }
      }
    }
  }
}
