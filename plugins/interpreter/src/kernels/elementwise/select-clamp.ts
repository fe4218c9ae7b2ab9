// where, masked_fill, clamp / clamp_min / clamp_max (scalar and tensor bounds).
import type { DType } from '@nativert/core';
import { Tensor, contiguousStrides, isComplex } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import type { PromotionOperand } from '../../util/promotion.js';
import { resultType } from '../../util/promotion.js';
import type { F32View } from '../../util/elementwise.js';
import { forEachRow, scalarView } from '../../util/elementwise.js';
import { broadcastShapes, broadcastStrides } from '../../util/shape.js';
import { selectComplex } from './complex-elementwise.js';
import { storeInPlace } from './in-place-store.js';
import { applyInt64Binary, maxInt64, minInt64, selectInt64 } from './int64-elementwise.js';
import type { Operand } from './operand.js';
import { f32ViewOf, operand, optOperand, promotionOf, shapeOf, viewOf } from './operand.js';
import type { TernaryCall } from './ternary-kernel.js';
import { applyTernary, applyTernaryInPlace } from './ternary-kernel.js';

const pick = (c: number, x: number, y: number): number => (c !== 0 ? x : y);

/** `cond ? a : b` over `shape` for a bool condition and float32 operands, one row loop without closures per element. */
function selectF32(cond: Tensor, a: F32View, b: F32View, shape: readonly number[]): Tensor {
  const out = Tensor.zeros('float32', shape);
  const od = out.data() as Float32Array, cd = cond.data() as Uint8Array, ad = a.data, bd = b.data;
  const cs = broadcastStrides(cond.shape, cond.strides, shape);
  forEachRow(shape, [contiguousStrides(shape), cs, a.strides, b.strides], [0, cond.offset, a.offset, b.offset], (o, n, s) => {
    const oo = o[0]!, sc = s[1]!, sa = s[2]!, sb = s[3]!;
    for (let i = 0, oc = o[1]!, oa = o[2]!, ob = o[3]!; i < n; i++, oc += sc, oa += sa, ob += sb) od[oo + i] = cd[oc] !== 0 ? ad[oa]! : bd[ob]!;
  });
  return out;
}

/** The float32 loop of where / masked_fill for a bool condition tensor, or null when the operands need the general loop. */
function trySelectF32(cond: Tensor, a: Operand, b: Operand, out: DType, shape: readonly number[]): Tensor | null {
  if (out !== 'float32') return null;
  const av = f32ViewOf(a, shape), bv = f32ViewOf(b, shape);
  return av === null || bv === null ? null : selectF32(cond, av, bv, shape);
}

/**
 * `where` / `masked_fill` for a bool condition through a dedicated loop: float32, or exact for
 * int64 (values past 2^53 kept) and complex (both parts); null for the general ternary loop.
 */
function trySelect(cond: Operand, a: Operand, b: Operand, out: DType): Tensor | null {
  if (cond.kind !== 'tensor' || cond.tensor.dtype !== 'bool') return null;
  const shape = broadcastShapes(cond.tensor.shape, shapeOf(a), shapeOf(b));
  if (out === 'int64') return selectInt64(cond.tensor, a, b, shape);
  if (isComplex(out)) return selectComplex(cond.tensor, a, b, shape, out);
  return trySelectF32(cond.tensor, a, b, out, shape);
}

function where(args: KernelArgs): Tensor {
  const call = whereCall(args);
  const [cond, a, b] = call.operands;
  return trySelect(cond!, a!, b!, call.out) ?? applyTernary(call, args);
}

/** `masked_fill`: self where the mask is false, the value (cast to self's dtype) where true. */
function maskedFill(args: KernelArgs): Tensor {
  const call = maskedFillCall(args);
  const [mask, self] = call.operands;
  return trySelect(mask!, fillOperand(args), self!, call.out) ?? applyTernary(call, args);
}

/** `masked_fill_`: through {@link maskedFill}'s exact loops when they apply, stored into self. */
function maskedFillInPlace(args: KernelArgs): Tensor {
  const call = maskedFillCall(args);
  const [mask, self] = call.operands;
  const exact = trySelect(mask!, fillOperand(args), self!, call.out);
  const target = args.tensor('self');
  return exact === null ? applyTernaryInPlace(call, target, args) : storeInPlace(target, exact, args);
}

/** masked_fill's value as a float scalar operand (a 0-d tensor value is read out). */
function fillOperand(args: KernelArgs): Operand {
  const value = operand(args, 'value');
  return { kind: 'scalar', value: value.kind === 'tensor' ? value.tensor.item() : value.value, scalar: 'float' };
}

function whereCall(args: KernelArgs): TernaryCall {
  const cond = operand(args, 'condition'), a = operand(args, 'self'), b = operand(args, 'other');
  const out = resultType([promotionOf(a), promotionOf(b)]);
  return {
    operands: [cond, a, b],
    views: (s) => [viewOf(cond, 'bool', s), viewOf(a, out, s), viewOf(b, out, s)],
    out,
    fn: pick,
  };
}

function maskedFillCall(args: KernelArgs): TernaryCall {
  const self = args.tensor('self'), mask = operand(args, 'mask');
  const selfOp: Operand = { kind: 'tensor', tensor: self };
  // The fill value is cast to self's dtype, whatever its own type.
  const fill = fillOperand(args);
  return {
    operands: [mask, selfOp, null],
    views: (s) => [viewOf(mask, 'bool', s), viewOf(fill, self.dtype, s), viewOf(selfOp, self.dtype, s)],
    out: self.dtype,
    fn: pick,
  };
}

/** clamp with optional bounds: missing ones are ±infinity, NaN input stays NaN, NaN bounds give NaN. */
export function clamp(x: number, lo: number, hi: number): number {
  return x !== x ? x : Math.min(Math.max(x, lo), hi);
}

function clampCall(args: KernelArgs, minName: string | null, maxName: string | null): TernaryCall {
  const self = operand(args, 'self');
  const lo = minName === null ? null : optOperand(args, minName);
  const hi = maxName === null ? null : optOperand(args, maxName);
  if (lo === null && hi === null) throw args.error('clamp: at least one of min and max must be given, given neither');
  const ops: PromotionOperand[] = [promotionOf(self)];
  if (lo) ops.push(promotionOf(lo));
  if (hi) ops.push(promotionOf(hi));
  const out: DType = resultType(ops);
  return {
    operands: [self, lo, hi],
    views: (s) => [
      viewOf(self, out, s),
      lo === null ? scalarView(-Infinity, s.length) : viewOf(lo, out, s),
      hi === null ? scalarView(Infinity, s.length) : viewOf(hi, out, s),
    ],
    out,
    fn: clamp,
  };
}

/** clamp with an int64 result, exactly: the max with the lower bound, then the min with the upper; null for other dtypes. */
function tryClampInt64(call: TernaryCall): Tensor | null {
  const [self, lo, hi] = call.operands;
  if (call.out !== 'int64') return null;
  const shape = broadcastShapes(...call.operands.filter((o): o is Operand => o !== null).map(shapeOf));
  let cur: Operand = self!, result: Tensor | null = null;
  for (const [bound, f] of [[lo, maxInt64], [hi, minInt64]] as const) {
    if (bound === null) continue;
    result = applyInt64Binary(cur, bound, shape, 'int64', f);
    cur = { kind: 'tensor', tensor: result };
  }
  return result;
}

/** Functional and in-place kernels of one clamp variant. */
function clampKernels(name: string, overloads: readonly string[], minName: string | null, maxName: string | null): KernelDef[] {
  return [
    {
      ops: overloads.map((o) => `aten.${name}.${o}`),
      run: (args) => {
        const call = clampCall(args, minName, maxName);
        return tryClampInt64(call) ?? applyTernary(call, args);
      },
    },
    {
      ops: overloads.map((o) => `aten.${name}_.${o}`),
      run: (args) => {
        const call = clampCall(args, minName, maxName), self = args.tensor('self');
        const exact = tryClampInt64(call);
        return exact === null ? applyTernaryInPlace(call, self, args) : storeInPlace(self, exact, args);
      },
    },
  ];
}

/** Kernels of where, masked_fill, clamp, clamp_min, clamp_max. */
export const SELECT_CLAMP_KERNELS: readonly KernelDef[] = [
  {
    ops: ['aten.where.self', 'aten.where.ScalarSelf', 'aten.where.ScalarOther', 'aten.where.Scalar'],
    run: where,
  },
  { ops: ['aten.masked_fill.Scalar', 'aten.masked_fill.Tensor'], run: maskedFill },
  {
    ops: ['aten.masked_fill_.Scalar', 'aten.masked_fill_.Tensor'],
    run: maskedFillInPlace,
  },
  ...clampKernels('clamp', ['default', 'Tensor'], 'min', 'max'),
  ...clampKernels('clip', ['default', 'Tensor'], 'min', 'max'),
  ...clampKernels('clamp_min', ['default', 'Tensor'], 'min', null),
  ...clampKernels('clamp_max', ['default', 'Tensor'], null, 'max'),
];
