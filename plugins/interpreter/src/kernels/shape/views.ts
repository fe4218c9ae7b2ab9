// Pure view arithmetic: each function returns a tensor sharing storage with its input (PyTorch's
// view semantics), so in-place writes through the result reach the base.
import type { Tensor } from '@nativert/core';
import { ErrorCode, NativertError, contiguousStrides, numelOf } from '@nativert/core';
import { normalizeDim } from '../../util/shape.js';
import { cloneContiguous } from '../../util/raw-copy.js';

function fail(message: string): NativertError {
  return new NativertError(ErrorCode.InvalidArgument, message);
}

/** Resolves one `-1` entry of `shape` so that it holds `numel` elements (PyTorch's infer_size). */
export function inferSize(shape: readonly number[], numel: number): number[] {
  const out = [...shape];
  const infer = out.indexOf(-1);
  if (infer !== out.lastIndexOf(-1)) throw fail(`shape [${shape.join(', ')}] has more than one -1`);
  const known = numelOf(out.filter((_, i) => i !== infer));
  if (infer >= 0) {
    if (known === 0 || numel % known !== 0) throw fail(`shape [${shape.join(', ')}] is invalid for input of size ${numel}`);
    out[infer] = numel / known;
  } else if (known !== numel) {
    throw fail(`shape [${shape.join(', ')}] is invalid for input of size ${numel}`);
  }
  return out;
}

/**
 * Strides that view a tensor of `oldShape`/`oldStrides` as `newShape` without copying, or null
 * when no such strides exist (a port of ATen's computeStride).
 */
export function viewStrides(oldShape: readonly number[], oldStrides: readonly number[], newShape: readonly number[]): number[] | null {
  if (oldShape.length === 0) return newShape.map(() => 1);
  const numel = numelOf(oldShape);
  if (numel === 0) {
    if (oldShape.length === newShape.length && oldShape.every((d, i) => d === newShape[i])) return [...oldStrides];
    return contiguousStrides(newShape);
  }
  const newStrides = new Array<number>(newShape.length).fill(0);
  let viewD = newShape.length - 1;
  let chunkBase = oldStrides[oldStrides.length - 1]!;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let td = oldShape.length - 1; td >= 0; td--) {
    tensorNumel *= oldShape[td]!;
    if (td === 0 || (oldShape[td - 1] !== 1 && oldStrides[td - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD]!;
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (td > 0) {
        chunkBase = oldStrides[td - 1]!;
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  return viewD === -1 ? newStrides : null;
}

/**
 * `self` reshaped to `shape` (one -1 allowed): a view when the strides allow one, else a contiguous
 * copy, as `reshape` does. `view` uses it too, so a layout that differs from PyTorch's (our kernels
 * return contiguous results where PyTorch may preserve strides) never fails a valid program.
 */
export function reshapeView(self: Tensor, shape: readonly number[]): Tensor {
  const target = inferSize(shape, self.numel);
  const strides = viewStrides(self.shape, self.strides, target);
  if (strides !== null) return self.asStrided(target, strides);
  return cloneContiguous(self).asStrided(target, contiguousStrides(target), 0);
}

/** `self.permute(dims)`. */
export function permuteView(self: Tensor, dims: readonly number[]): Tensor {
  const rank = self.rank;
  if (dims.length !== rank) throw fail(`permute: expected ${rank} dims, given [${dims.join(', ')}]`);
  const d = dims.map((x) => normalizeDim(x, rank, 'permute dim'));
  if (new Set(d).size !== d.length) throw fail(`permute: repeated dim in [${dims.join(', ')}]`);
  return self.asStrided(d.map((i) => self.shape[i]!), d.map((i) => self.strides[i]!));
}

/** `self.transpose(dim0, dim1)`; a 0-d or 1-d tensor is returned as a view of itself. */
export function transposeView(self: Tensor, dim0: number, dim1: number): Tensor {
  if (self.rank === 0) return self.asStrided([], []);
  const a = normalizeDim(dim0, self.rank), b = normalizeDim(dim1, self.rank);
  const shape = [...self.shape], strides = [...self.strides];
  [shape[a], shape[b]] = [shape[b]!, shape[a]!];
  [strides[a], strides[b]] = [strides[b]!, strides[a]!];
  return self.asStrided(shape, strides);
}

/** `self.expand(size)`: -1 keeps a size; new leading dims and expanded size-1 dims get stride 0. */
export function expandView(self: Tensor, size: readonly number[]): Tensor {
  const rank = size.length, off = rank - self.rank;
  if (off < 0) throw fail(`expand: target [${size.join(', ')}] has fewer dims than the tensor [${self.shape.join(', ')}]`);
  const shape: number[] = [], strides: number[] = [];
  for (let i = 0; i < rank; i++) {
    const want = size[i]!;
    if (i < off) {
      if (want < 0) throw fail(`expand: -1 is not allowed for new leading dim ${i}`);
      shape.push(want);
      strides.push(0);
      continue;
    }
    const have = self.shape[i - off]!;
    if (want === -1 || want === have) {
      shape.push(have);
      strides.push(self.strides[i - off]!);
    } else if (have === 1) {
      shape.push(want);
      strides.push(0);
    } else {
      throw fail(`expand: size ${want} does not match ${have} at dim ${i} (tensor [${self.shape.join(', ')}], target [${size.join(', ')}])`);
    }
  }
  return self.asStrided(shape, strides);
}

/** `self` without the size-1 dims among `dims` (every size-1 dim when `dims` is null). */
export function squeezeView(self: Tensor, dims: readonly number[] | null): Tensor {
  const drop = new Set(dims === null ? self.shape.keys() : dims.map((d) => normalizeDim(d, self.rank)));
  const shape: number[] = [], strides: number[] = [];
  self.shape.forEach((s, i) => {
    if (s === 1 && drop.has(i)) return;
    shape.push(s);
    strides.push(self.strides[i]!);
  });
  return self.asStrided(shape, strides);
}

/** `self.unsqueeze(dim)`. */
export function unsqueezeView(self: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, self.rank + 1);
  const shape = [...self.shape], strides = [...self.strides];
  const stride = d < self.rank ? self.shape[d]! * self.strides[d]! : 1;
  shape.splice(d, 0, 1);
  strides.splice(d, 0, stride);
  return self.asStrided(shape, strides);
}

/** `self[..., start:end:step, ...]` along `dim`; null bounds mean the ends, negatives wrap, out-of-range clamps. */
export function sliceView(self: Tensor, dim: number, start: number | null, end: number | null, step: number): Tensor {
  const d = normalizeDim(dim, self.rank);
  if (step <= 0) throw fail(`slice: step must be positive, given ${step}`);
  const size = self.shape[d]!;
  const clamp = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    const w = v < 0 ? v + size : v;
    return Math.min(Math.max(w, 0), size);
  };
  const s = clamp(start, 0);
  const e = Math.max(clamp(end, size), s);
  const shape = [...self.shape], strides = [...self.strides];
  shape[d] = Math.ceil((e - s) / step);
  strides[d] = self.strides[d]! * step;
  return self.asStrided(shape, strides, self.offset + s * self.strides[d]!);
}

/** `self.select(dim, index)`: drops `dim`; negative `index` counts from the end. */
export function selectView(self: Tensor, dim: number, index: number): Tensor {
  const d = normalizeDim(dim, self.rank);
  const size = self.shape[d]!;
  if (index < -size || index >= size) throw fail(`select: index ${index} out of range for dim ${d} of size ${size}`);
  const i = index < 0 ? index + size : index;
  const shape = [...self.shape], strides = [...self.strides];
  shape.splice(d, 1);
  strides.splice(d, 1);
  return self.asStrided(shape, strides, self.offset + i * self.strides[d]!);
}

/** `self.narrow(dim, start, length)`: start may be negative, the range must fit. */
export function narrowView(self: Tensor, dim: number, start: number, length: number): Tensor {
  const d = normalizeDim(dim, self.rank);
  const size = self.shape[d]!;
  const s = start < 0 ? start + size : start;
  if (s < 0 || length < 0 || s + length > size) throw fail(`narrow: start ${start} + length ${length} out of range for dim ${d} of size ${size}`);
  return sliceView(self, d, s, s + length, 1);
}

/** `self.diagonal(offset, dim1, dim2)`: the two dims removed, the diagonal appended last. */
export function diagonalView(self: Tensor, offset: number, dim1: number, dim2: number): Tensor {
  const a = normalizeDim(dim1, self.rank), b = normalizeDim(dim2, self.rank);
  if (a === b) throw fail(`diagonal: dim1 and dim2 are both ${a}`);
  const sa = self.shape[a]!, sb = self.shape[b]!;
  const n = offset >= 0 ? Math.max(Math.min(sa, sb - offset), 0) : Math.max(Math.min(sa + offset, sb), 0);
  let start = self.offset;
  if (n > 0) start += offset >= 0 ? offset * self.strides[b]! : -offset * self.strides[a]!;
  const shape: number[] = [], strides: number[] = [];
  self.shape.forEach((s, i) => {
    if (i === a || i === b) return;
    shape.push(s);
    strides.push(self.strides[i]!);
  });
  shape.push(n);
  strides.push(self.strides[a]! + self.strides[b]!);
  return self.asStrided(shape, strides, start);
}

/** `self.unfold(dimension, size, step)`: windows of `size` every `step` along `dimension`, appended as a last dim. */
export function unfoldView(self: Tensor, dimension: number, size: number, step: number): Tensor {
  if (self.rank === 0) return self.asStrided([size], [1]);
  const d = normalizeDim(dimension, self.rank);
  const len = self.shape[d]!;
  if (size > len || step <= 0) throw fail(`unfold: size ${size} / step ${step} invalid for dim ${d} of size ${len}`);
  const shape = [...self.shape, size], strides = [...self.strides, self.strides[d]!];
  shape[d] = Math.floor((len - size) / step) + 1;
  strides[d] = self.strides[d]! * step;
  return self.asStrided(shape, strides);
}
