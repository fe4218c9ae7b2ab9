import { Tensor, contiguousStrides, reader, writer } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { rawWords } from '../../util/raw-copy.js';
import { numbersOf } from '../../util/numbers-of.js';

/**
 * Rows `idx` of the 2-d `weight` as a new contiguous [idx.length, D] tensor; each row moves as one
 * raw run when weight rows are contiguous. Negative indices wrap, as index_select's do.
 */
export function gatherRows(weight: Tensor, idx: Float64Array, fail: (message: string) => Error): Tensor {
  const rows = weight.shape[0]!, dim = weight.shape[1]!;
  const out = Tensor.zeros(weight.dtype, [idx.length, dim]);
  const s = rawWords(weight), d = rawWords(out).data, w = s.width;
  const rowStride = weight.strides[0]! * w, colStride = weight.strides[1]! * w;
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i]!;
    if (v < -rows || v >= rows) throw fail(`index ${v} is out of range for ${rows} rows`);
    const src = weight.offset * w + (v < 0 ? v + rows : v) * rowStride, dst = i * dim * w;
    if (colStride === w) {
      d.set(s.data.subarray(src, src + dim * w), dst);
    } else {
      for (let c = 0; c < dim; c++) for (let k = 0; k < w; k++) d[dst + c * w + k] = s.data[src + c * colStride + k]!;
    }
  }
  return out;
}

/** `embedding`: rows of weight picked by indices, shaped indices.shape + [embedding_dim]. */
export const EMBEDDING_KERNEL: KernelDef = {
  ops: ['aten.embedding.default'],
  run: (args) => {
    const weight = args.tensor('weight'), indices = args.tensor('indices');
    if (weight.rank !== 2) throw args.error(`weight must be 2-d, given [${weight.shape.join(', ')}]`);
    const rows = gatherRows(weight, numbersOf(indices), (m) => args.error(m));
    return rows.asStrided([...indices.shape, weight.shape[1]!], contiguousStrides([...indices.shape, weight.shape[1]!]), 0);
  },
};

/** `one_hot`: int64 tensor self.shape + [num_classes] (num_classes -1: max + 1). */
export const ONE_HOT_KERNEL: KernelDef = {
  ops: ['aten.one_hot.default'],
  run: (args) => {
    const self = args.tensor('self');
    const vals = numbersOf(self);
    let classes = args.int('num_classes', -1);
    if (classes === -1) classes = vals.length === 0 ? 0 : Math.max(...vals) + 1;
    const out = new Float64Array(vals.length * classes);
    vals.forEach((v, i) => {
      if (v < 0 || v >= classes) throw args.error(`class value ${v} out of range [0, ${classes})`);
      out[i * classes + v] = 1;
    });
    return Tensor.fromNumbers('int64', [...self.shape, classes], out);
  },
};

/**
 * `embedding_dense_backward`: grad rows summed into a [num_weights, D] gradient by index; rows of
 * padding_idx get nothing; with scale_grad_by_freq each row is divided by its index's count.
 */
export const EMBEDDING_DENSE_BACKWARD_KERNEL: KernelDef = {
  ops: ['aten.embedding_dense_backward.default'],
  run: (args) => {
    const grad = args.tensor('grad_output'), idx = numbersOf(args.tensor('indices'));
    const rows = args.int('num_weights'), pad = args.int('padding_idx', -1);
    const dim = grad.shape[grad.rank - 1] ?? 1;
    if (grad.numel !== idx.length * dim) throw args.error(`grad_output [${grad.shape.join(', ')}] does not hold ${idx.length} rows of ${dim}`);
    const counts = new Float64Array(rows);
    for (const i of idx) counts[i]! += 1;
    const g = numbersOf(grad);
    const out = Tensor.zeros(grad.dtype, [rows, dim]);
    const read = reader(out), write = writer(out);
    const scale = args.bool('scale_grad_by_freq', false);
    idx.forEach((i, k) => {
      if (i === pad) return;
      if (i < 0 || i >= rows) throw args.error(`index ${i} out of range [0, ${rows})`);
      const f = scale ? 1 / counts[i]! : 1;
      for (let d = 0; d < dim; d++) write(i * dim + d, read(i * dim + d) + g[k * dim + d]! * f);
    });
    return out;
  },
};
