import { isFloating } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { outputBuffer } from '../../util/elementwise.js';
import { accumulateDtype, planScan, realTensor } from './reduce-args.js';
import { int64Elements, scanInt64 } from './int64-reduce.js';
import type { ScanKind } from './scan-math.js';
import { scan } from './scan-math.js';

/** `aten.cumsum` / `aten.cumprod` (int/bool inputs accumulate in int64 unless `dtype` says) and `aten.logcumsumexp`. */
export const CUMSUM_CUMPROD: KernelDef = {
  ops: ['aten.cumsum.default', 'aten.cumprod.default', 'aten.logcumsumexp.default'],
  run: (args) => {
    const target = args.node.target;
    const self = realTensor(args, 'self');
    const kind: ScanKind = target === 'aten.cumsum.default' ? 'sum' : target === 'aten.cumprod.default' ? 'prod' : 'logsumexp';
    if (kind === 'logsumexp' && !isFloating(self.dtype)) throw args.error(`logcumsumexp needs a floating point input, given ${self.dtype}`);
    const dtype = kind === 'logsumexp' ? self.dtype : accumulateDtype(self.dtype, args.dtype('dtype'));
    const { r, out } = planScan(args, self, args.int('dim'));
    const exact = kind === 'logsumexp' ? null : int64Elements(r, dtype);
    if (exact !== null) return scanInt64(exact, r.plan, out, self.shape, kind === 'prod');
    const values = outputBuffer(dtype, self.shape);
    scan(r.data, r.plan, out, kind, values.values, null);
    return values.finish();
  },
};

/** `aten.cummax` / `aten.cummin`: running extreme and the int64 index where it was reached. */
export const CUMMAX_CUMMIN: KernelDef = {
  ops: ['aten.cummax.default', 'aten.cummin.default'],
  run: (args) => {
    const self = realTensor(args, 'self');
    const { r, out } = planScan(args, self, args.int('dim'));
    const values = outputBuffer(self.dtype, self.shape, true);
    const indices = outputBuffer('int64', self.shape);
    scan(r.data, r.plan, out, args.node.target === 'aten.cummax.default' ? 'max' : 'min', values.values, indices.values);
    return [values.finish(), indices.finish()];
  },
};
