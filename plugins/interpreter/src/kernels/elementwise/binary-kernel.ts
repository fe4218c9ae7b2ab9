import type { DType } from '@nativert/core';
import { Tensor, isComplex } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import type { F32BinaryRow, F32View } from '../../util/elementwise.js';
import { inPlaceOutput, map2, mapRowsF32, outputBuffer, writeInto } from '../../util/elementwise.js';
import { resultType } from '../../util/promotion.js';
import { broadcastShapes } from '../../util/shape.js';
import type { ComplexBinaryFn } from './complex-elementwise.js';
import { applyComplexBinary } from './complex-elementwise.js';
import type { Int64BinaryFn } from './int64-elementwise.js';
import { applyInt64Binary, isInt64Exact } from './int64-elementwise.js';
import { storeInPlace } from './in-place-store.js';
import type { Operand } from './operand.js';
import { f32ViewOf, operand, promotionOf, shapeOf, viewOf } from './operand.js';

/** How a binary elementwise op maps dtypes and elements. */
export interface BinarySpec {
  /** Result dtype from the operands' promoted dtype; the promoted dtype itself unless given. */
  readonly outDtype?: (common: DType, args: KernelArgs) => DType;
  /** Dtype the element function computes in; defaults to the result dtype. */
  readonly computeDtype?: (common: DType, args: KernelArgs) => DType;
  /** The element function for compute dtype `dtype`, built once per call from the node's arguments. */
  readonly fn: (dtype: DType, args: KernelArgs) => (x: number, y: number) => number;
  /** True when results are already 0/1 (comparisons), letting bool outputs be written directly. */
  readonly zeroOne?: boolean;
  /** Schema names of the two operands; `self`, `other` unless given. */
  readonly inputs?: readonly [string, string];
  /** A dedicated float32 row computing the same values as `fn` in float32, or null to use `fn`. */
  readonly f32?: (args: KernelArgs) => F32BinaryRow | null;
  /** The element function for complex compute dtypes; without it complex operands are refused. */
  readonly complex?: (args: KernelArgs) => ComplexBinaryFn;
  /** An exact element function for int64 compute (int64 or bool results); without it int64 computes in doubles. */
  readonly int64?: (args: KernelArgs) => Int64BinaryFn;
}

interface Prepared {
  readonly a: Operand;
  readonly b: Operand;
  readonly shape: number[];
  readonly compute: DType;
  readonly out: DType;
}

function prepare(spec: BinarySpec, args: KernelArgs): Prepared {
  const [na, nb] = spec.inputs ?? ['self', 'other'];
  const a = operand(args, na), b = operand(args, nb);
  const common = resultType([promotionOf(a), promotionOf(b)]);
  const out = spec.outDtype?.(common, args) ?? common;
  const compute = spec.computeDtype?.(common, args) ?? out;
  return { a, b, shape: broadcastShapes(shapeOf(a), shapeOf(b)), compute, out };
}

interface F32Plan {
  readonly a: F32View;
  readonly b: F32View;
  readonly row: F32BinaryRow;
}

/** The spec's float32 fast path for these operands, or null when it does not apply. */
function f32Plan(spec: BinarySpec, p: Prepared, args: KernelArgs): F32Plan | null {
  if (spec.f32 === undefined || p.compute !== 'float32' || p.out !== 'float32') return null;
  const a = f32ViewOf(p.a, p.shape), b = f32ViewOf(p.b, p.shape);
  if (a === null || b === null) return null;
  const row = spec.f32(args);
  return row === null ? null : { a, b, row };
}

/** The op on complex operands, through the spec's complex element function. */
function applyComplex(spec: BinarySpec, p: Prepared, args: KernelArgs): Tensor {
  if (spec.complex === undefined) throw args.error(`complex operands (${p.compute}) are not supported by this op`);
  return applyComplexBinary(p.a, p.b, p.shape, p.compute, p.out, spec.complex(args));
}

/** The op through an exact path (complex, or int64 beyond 2^53), or null for the number loops. */
function applyExact(spec: BinarySpec, p: Prepared, args: KernelArgs): Tensor | null {
  if (isComplex(p.compute)) return applyComplex(spec, p, args);
  if (spec.int64 !== undefined && isInt64Exact(p.compute, p.out)) return applyInt64Binary(p.a, p.b, p.shape, p.out, spec.int64(args));
  return null;
}

/** Applies a binary op to the node's two operands into a new contiguous tensor. */
export function applyBinary(spec: BinarySpec, args: KernelArgs): Tensor {
  const p = prepare(spec, args);
  const exact = applyExact(spec, p, args);
  if (exact !== null) return exact;
  const fast = f32Plan(spec, p, args);
  if (fast !== null) {
    const out = Tensor.zeros('float32', p.shape);
    mapRowsF32(out.data() as Float32Array, 0, p.shape, fast.a, fast.b, fast.row);
    return out;
  }
  const buf = outputBuffer(p.out, p.shape, spec.zeroOne);
  map2(buf.values, p.shape, viewOf(p.a, p.compute, p.shape), viewOf(p.b, p.compute, p.shape), spec.fn(p.compute, args));
  return buf.finish();
}

/** Applies a binary op in place into its first operand (which must have the broadcast shape) and returns it. */
export function applyBinaryInPlace(spec: BinarySpec, args: KernelArgs): Tensor {
  const p = prepare(spec, args);
  if (p.a.kind !== 'tensor') throw args.error('in-place op needs a tensor as its first operand, given a scalar');
  const self = p.a.tensor;
  if (p.shape.length !== self.rank || p.shape.some((d, i) => d !== self.shape[i])) {
    throw args.error(`in-place op: operands broadcast to [${p.shape.join(', ')}], which differs from self's shape [${self.shape.join(', ')}]`);
  }
  const result = applyExact(spec, p, args);
  if (result !== null) return storeInPlace(self, result, args);
  const inputs = p.b.kind === 'tensor' ? [p.b.tensor] : [];
  const direct = inPlaceOutput(self, inputs);
  const fast = direct instanceof Float32Array ? f32Plan(spec, p, args) : null;
  if (fast !== null) {
    mapRowsF32(direct as Float32Array, 0, p.shape, fast.a, fast.b, fast.row);
    return self;
  }
  const values = direct ?? new Float64Array(self.numel);
  map2(values, p.shape, viewOf(p.a, p.compute, p.shape), viewOf(p.b, p.compute, p.shape), spec.fn(p.compute, args));
  if (direct === null) writeInto(self, values);
  return self;
}

/**
 * Kernels for `aten.<name>.<overload>` for each of `overloads` (`Tensor`, `Scalar`, ...) and
 * `aten.<name>_.<overload>` for each of `inPlaceOverloads` (all of `overloads` unless given).
 */
export function binaryKernels(name: string, spec: BinarySpec, overloads: readonly string[], inPlaceOverloads: readonly string[] = overloads): KernelDef[] {
  const defs: KernelDef[] = [{ ops: overloads.map((o) => `aten.${name}.${o}`), run: (args) => applyBinary(spec, args) }];
  if (inPlaceOverloads.length > 0) {
    defs.push({ ops: inPlaceOverloads.map((o) => `aten.${name}_.${o}`), run: (args) => applyBinaryInPlace(spec, args) });
  }
  return defs;
}
