// arange and linspace with PyTorch's sizes and per-element formulas.
import type { DType } from '@nativert/core';
import { Tensor, isFloating } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { outputBuffer } from '../../util/elementwise.js';

/** The number of values of `arange(start, end, step)` (step != 0), as PyTorch sizes it in double. */
function arangeLength(start: number, end: number, step: number): number {
  return Math.max(0, Math.ceil((end - start) / step));
}

/** `arange(start, end, step)`: ceil((end - start) / step) values start + i * step, in double (step != 0). */
export function arangeValues(start: number, end: number, step: number): Float64Array {
  const n = arangeLength(start, end, step);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  return out;
}

function arange(args: KernelArgs): Tensor {
  const hasStart = args.has('start');
  const start = hasStart ? args.scalar('start') : 0;
  const end = args.scalar('end');
  const step = args.scalar('step', 1);
  const anyFloat = ['start', 'end', 'step'].some((n) => args.isFloatScalar(n));
  const dtype: DType = args.dtype('dtype') ?? (anyFloat ? 'float32' : 'int64');
  if (step === 0) throw args.error('arange: step must be nonzero, given 0');
  if ((end - start) / step < 0) throw args.error(`arange: upper bound and step have inconsistent signs (start ${start}, end ${end}, step ${step})`);
  if (dtype === 'int64' && !anyFloat) {
    // Integer ranges in 64-bit arithmetic: start + i * step passes 2^53 exactly.
    const out = Tensor.zeros('int64', [arangeLength(start, end, step)]);
    const d = out.data() as BigInt64Array, s0 = BigInt(start), st = BigInt(step);
    for (let i = 0; i < d.length; i++) d[i] = BigInt.asIntN(64, s0 + BigInt(i) * st);
    return out;
  }
  const values = arangeValues(start, end, step);
  const buf = outputBuffer(dtype, [values.length]);
  buf.values.set(values);
  return buf.finish();
}

/** linspace values as PyTorch's CPU kernel computes them (float32 step and arithmetic for float32). */
export function linspaceValues(start: number, end: number, steps: number, dtype: DType): Float64Array {
  const out = new Float64Array(steps);
  if (steps === 1) out[0] = start;
  if (steps <= 1) return out;
  const r = isFloating(dtype) && dtype !== 'float64' ? Math.fround : (v: number) => v;
  const s0 = r(start), s1 = r(end);
  const step = r((s1 - s0) / (steps - 1));
  const halfway = Math.floor(steps / 2);
  // One rounding per element, as the kernel's fused multiply-add gives (linspace(-1, 1, 7)[3] is -2.98e-8).
  for (let i = 0; i < steps; i++) out[i] = i < halfway ? r(s0 + step * i) : r(s1 - step * (steps - i - 1));
  return out;
}

/** Kernels of arange (default, start, start_step) and linspace. */
export const RANGE_KERNELS: readonly KernelDef[] = [
  { ops: ['aten.arange.default', 'aten.arange.start', 'aten.arange.start_step'], run: arange },
  {
    ops: ['aten.linspace.default'],
    run: (args) => {
      const dtype = args.dtype('dtype') ?? 'float32';
      const steps = args.int('steps');
      if (steps < 0) throw args.error(`linspace: steps must be non-negative, given ${steps}`);
      const buf = outputBuffer(dtype, [steps]);
      buf.values.set(linspaceValues(args.scalar('start'), args.scalar('end'), steps, dtype));
      return buf.finish();
    },
  },
];
