import type { Tensor } from '@nativert/core';
import { reader, writer } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { normalizeDim } from '../../util/shape.js';
import { contiguousAs, gatherOffsets, scatterOffsets } from '../../util/strided-copy.js';
import { indexedDimPlan } from './scatter-math.js';
import { cloneContiguous } from '../../util/raw-copy.js';
import { numbersOf } from '../../util/numbers-of.js';

/** `index_select`: entries of `index` taken along dim. */
export const INDEX_SELECT_KERNEL: KernelDef = {
  ops: ['aten.index_select.default'],
  run: (args) => {
    const self = args.tensor('self');
    const plan = indexedDimPlan(self, normalizeDim(args.int('dim'), self.rank), args.tensor('index'));
    return gatherOffsets(self, plan.offsets, plan.shape);
  },
};

/** The output of an index_* op (self or a copy) and where `source`'s elements land in it. */
function target(args: KernelArgs): { out: Tensor; plan: { shape: number[]; offsets: Float64Array } } {
  const self = args.tensor('self');
  const out = args.node.target.includes('_.') ? self : cloneContiguous(self);
  return { out, plan: indexedDimPlan(out, normalizeDim(args.int('dim'), out.rank), args.tensor('index')) };
}

function sourceFor(args: KernelArgs, shape: readonly number[]): Tensor {
  const source = args.tensor('source');
  if (source.rank !== shape.length || source.shape.some((s, i) => s !== shape[i])) {
    throw args.error(`source of shape [${source.shape.join(', ')}] does not match the indexed shape [${shape.join(', ')}]`);
  }
  return source;
}

/** `index_add` / `index_add_`: alpha * source added along dim at index (duplicates accumulate). */
export const INDEX_ADD_KERNEL: KernelDef = {
  ops: ['aten.index_add.default', 'aten.index_add_.default'],
  run: (args) => {
    const { out, plan } = target(args);
    const vals = numbersOf(sourceFor(args, plan.shape));
    const alpha = args.scalar('alpha', 1);
    const read = reader(out), write = writer(out);
    for (let i = 0; i < vals.length; i++) {
      const o = plan.offsets[i]!;
      write(o, read(o) + alpha * vals[i]!);
    }
    return out;
  },
};

/** `index_copy` / `index_copy_`: source written along dim at index. */
export const INDEX_COPY_KERNEL: KernelDef = {
  ops: ['aten.index_copy.default', 'aten.index_copy_.default'],
  run: (args) => {
    const { out, plan } = target(args);
    scatterOffsets(out, plan.offsets, contiguousAs(sourceFor(args, plan.shape), out.dtype));
    return out;
  },
};

/** `index_fill` / `index_fill_` (scalar or 0-d tensor value): value written along dim at index. */
export const INDEX_FILL_KERNEL: KernelDef = {
  ops: ['aten.index_fill.int_Scalar', 'aten.index_fill.int_Tensor', 'aten.index_fill_.int_Scalar', 'aten.index_fill_.int_Tensor'],
  run: (args) => {
    const { out, plan } = target(args);
    const value = args.scalar('value');
    const write = writer(out);
    for (const o of plan.offsets) write(o, value);
    return out;
  },
};
