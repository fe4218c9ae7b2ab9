// Operands of elementwise ops: the exporter passes Python scalars where a schema says Tensor
// (`x + 2` becomes aten.add.Tensor(x, 2)), so every operand is a tensor or a scalar.
import type { DType } from '@nativert/core';
import { Tensor, bf16ToFloat, floatToBf16, floatToHalf, halfToFloat, isFloating } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { F32View, NumericView } from '../../util/elementwise.js';
import { map1, numericView, outputBuffer, scalarView } from '../../util/elementwise.js';
import type { PromotionOperand } from '../../util/promotion.js';
import { broadcastStrides } from '../../util/shape.js';

/**
 * A tensor operand, or a Python scalar with the kind that drives type promotion (`value` is the
 * real part of a complex scalar, `imag` its imaginary part).
 */
export type Operand =
  | { readonly kind: 'tensor'; readonly tensor: Tensor }
  | { readonly kind: 'scalar'; readonly value: number; readonly scalar: 'int' | 'float' | 'bool' | 'complex'; readonly imag?: number };

/** Argument `name` as an operand (tensor, or int/float/bool/complex scalar, symbolic ones resolved). */
export function operand(args: KernelArgs, name: string): Operand {
  const a = args.raw(name);
  if (a?.kind === 'tensor' || a?.kind === 'optional_tensor') return { kind: 'tensor', tensor: args.tensor(name) };
  if (a?.kind === 'complex') return { kind: 'scalar', value: a.real, imag: a.imag, scalar: 'complex' };
  const value = args.scalar(name);
  const scalar = args.isFloatScalar(name) ? 'float' : args.isBoolScalar(name) ? 'bool' : 'int';
  return { kind: 'scalar', value, scalar };
}

/** Argument `name` as an operand, or null when absent or None. */
export function optOperand(args: KernelArgs, name: string): Operand | null {
  return args.has(name) ? operand(args, name) : null;
}

/** The operand as `resultType` sees it. */
export function promotionOf(op: Operand): PromotionOperand {
  return op.kind === 'tensor' ? { dtype: op.tensor.dtype, rank: op.tensor.rank } : { scalar: op.scalar };
}

/** The operand's shape ([] for scalars). */
export function shapeOf(op: Operand): readonly number[] {
  return op.kind === 'tensor' ? op.tensor.shape : [];
}

/**
 * The value `v` as PyTorch holds it when computing in `dtype`: Python scalars stay in the op-math
 * type (float32 for f16/bf16/f32, so `x_f32 == 0.1` compares against float32(0.1)), ints truncate.
 */
export function castScalar(v: number, dtype: DType): number {
  switch (dtype) {
    case 'float64': case 'complex128': return v;
    case 'float32': case 'float16': case 'bfloat16': case 'complex64': return Math.fround(v);
    case 'bool': return v !== 0 ? 1 : 0;
    default: return Number.isFinite(v) ? Math.trunc(v) : 0;
  }
}

/** `v` rounded to the precision of floating `dtype` (identity for float64 and non-floats). */
export function roundTo(v: number, dtype: DType): number {
  switch (dtype) {
    case 'float32': return Math.fround(v);
    case 'float16': return halfToFloat(floatToHalf(v));
    case 'bfloat16': return bf16ToFloat(floatToBf16(v));
    default: return v;
  }
}

/**
 * The operand as a loop input over `shape`, with values as PyTorch sees them in compute dtype
 * `dtype`: scalars cast, tensors of a wider float type (a 0-d float64 with float32 tensors)
 * rounded to `dtype`.
 */
export function viewOf(op: Operand, dtype: DType, shape: readonly number[]): NumericView {
  if (op.kind === 'scalar') return scalarView(castScalar(op.value, dtype), shape.length);
  const t = op.tensor;
  if (t.dtype !== dtype && isFloating(dtype) && dtype !== 'float64' && isFloating(t.dtype)) {
    return numericView(castTensor(t, dtype), shape);
  }
  return numericView(t, shape);
}

/** The operand as a float32 loop input over `shape` (scalars rounded to float32), or null for a tensor of another dtype. */
export function f32ViewOf(op: Operand, shape: readonly number[]): F32View | null {
  if (op.kind === 'scalar') return { data: Float32Array.of(castScalar(op.value, 'float32')), offset: 0, strides: new Array<number>(shape.length).fill(0) };
  const t = op.tensor;
  if (t.dtype !== 'float32') return null;
  return { data: t.data() as Float32Array, offset: t.offset, strides: broadcastStrides(t.shape, t.strides, shape) };
}

/** A contiguous copy of `t` converted to `dtype` as a PyTorch cast would (bool: non-zero, NaN included, is true). */
export function castTensor(t: Tensor, dtype: DType): Tensor {
  const buf = outputBuffer(dtype, t.shape);
  map1(buf.values, t.shape, numericView(t, t.shape), identity);
  return buf.finish();
}

function identity(x: number): number {
  return x;
}
