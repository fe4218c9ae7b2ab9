import type { DType } from '@nativert/core';
import { Tensor, isComplex } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { inPlaceOutput, map1, outputBuffer, writeInto } from '../../util/elementwise.js';
import { cloneContiguous } from '../../util/raw-copy.js';
import type { F32UnaryLoop } from './float32-unary.js';
import { storeInPlace } from './in-place-store.js';
import { applyInt64Unary } from './int64-elementwise.js';
import { viewOf } from './operand.js';

/** How a unary elementwise op maps dtypes and elements. */
export interface UnarySpec {
  /** Result dtype for an input of dtype `input` (`toFloatingType` for math, identity for abs). */
  readonly outDtype: (input: DType, args: KernelArgs) => DType;
  /** Dtype the element function computes in; defaults to the result dtype. */
  readonly computeDtype?: (input: DType) => DType;
  /** The element function for compute dtype `dtype`, built once per call from the node's arguments. */
  readonly fn: (dtype: DType, args: KernelArgs) => (x: number) => number;
  /** True when results are already 0/1 (predicates), letting bool outputs be written directly. */
  readonly zeroOne?: boolean;
  /** Schema name of the input tensor; `self` unless given. */
  readonly input?: string;
  /** A dedicated loop for float32 in and out computing the same values as `fn`, or null to use `fn`. */
  readonly f32?: (args: KernelArgs) => F32UnaryLoop | null;
  /** The op on a complex tensor; without it complex inputs are refused. */
  readonly complex?: (x: Tensor) => Tensor;
  /** The element function on int64 inputs, exact as 64-bit integers; without it int64 computes in doubles. */
  readonly int64?: (x: bigint) => bigint;
}

/** The op through an exact path (complex, or int64 beyond 2^53), or null for the number loops. */
function applyExact(spec: UnarySpec, x: Tensor, args: KernelArgs): Tensor | null {
  if (isComplex(x.dtype)) {
    if (spec.complex === undefined) throw args.error(`complex input (${x.dtype}) is not supported by this op`);
    return spec.complex(x);
  }
  if (x.dtype === 'int64' && spec.int64 !== undefined && spec.outDtype('int64', args) === 'int64') return applyInt64Unary(x, spec.int64);
  return null;
}

/** The spec's float32 loop when `x` is float32 and the op maps it to float32, else null. */
function f32LoopFor(spec: UnarySpec, x: Tensor, args: KernelArgs): F32UnaryLoop | null {
  if (spec.f32 === undefined || x.dtype !== 'float32' || spec.outDtype('float32', args) !== 'float32') return null;
  if ((spec.computeDtype?.('float32') ?? 'float32') !== 'float32') return null;
  return spec.f32(args);
}

/** Applies a unary op to `x` into a new contiguous tensor. */
export function applyUnary(spec: UnarySpec, x: Tensor, args: KernelArgs): Tensor {
  const exact = applyExact(spec, x, args);
  if (exact !== null) return exact;
  const loop = f32LoopFor(spec, x, args);
  if (loop !== null) {
    const src = x.isContiguous() ? x : cloneContiguous(x);
    const out = Tensor.zeros('float32', x.shape);
    loop(src.data() as Float32Array, src.offset, out.data() as Float32Array, 0, x.numel);
    return out;
  }
  const out = spec.outDtype(x.dtype, args);
  const cd = spec.computeDtype?.(x.dtype) ?? out;
  const buf = outputBuffer(out, x.shape, spec.zeroOne);
  map1(buf.values, x.shape, viewOf({ kind: 'tensor', tensor: x }, cd, x.shape), spec.fn(cd, args));
  return buf.finish();
}

/** Applies a unary op to `x` in place (through its strides) and returns `x`. */
export function applyUnaryInPlace(spec: UnarySpec, x: Tensor, args: KernelArgs): Tensor {
  const result = applyExact(spec, x, args);
  if (result !== null) return storeInPlace(x, result, args);
  const loop = f32LoopFor(spec, x, args);
  if (loop !== null && x.isContiguous()) {
    const d = x.data() as Float32Array;
    loop(d, x.offset, d, x.offset, x.numel);
    return x;
  }
  const cd = spec.computeDtype?.(x.dtype) ?? x.dtype;
  const direct = inPlaceOutput(x, []);
  const values = direct ?? new Float64Array(x.numel);
  map1(values, x.shape, viewOf({ kind: 'tensor', tensor: x }, cd, x.shape), spec.fn(cd, args));
  if (direct === null) writeInto(x, values);
  return x;
}

/**
 * Kernels for `aten.<name>.<overload>` and, when `inPlace`, `aten.<name>_.<overload>` (which
 * writes into `self` and returns it).
 */
export function unaryKernels(name: string, spec: UnarySpec, overloads: readonly string[] = ['default'], inPlace = true): KernelDef[] {
  const input = spec.input ?? 'self';
  const defs: KernelDef[] = [{
    ops: overloads.map((o) => `aten.${name}.${o}`),
    run: (args) => applyUnary(spec, args.tensor(input), args),
  }];
  if (inPlace) {
    defs.push({
      ops: overloads.map((o) => `aten.${name}_.${o}`),
      run: (args) => applyUnaryInPlace(spec, args.tensor(input), args),
    });
  }
  return defs;
}
