import type { DType } from '@nativert/core';
import { isComplex, isFloating } from '@nativert/core';

const INT_RANK: Partial<Record<DType, number>> = { int8: 1, int16: 2, int32: 3, int64: 4 };
const UINT_RANK: Partial<Record<DType, number>> = { uint8: 1, uint16: 2, uint32: 3, uint64: 4 };
const SIGNED_BY_RANK: DType[] = ['int8', 'int16', 'int32', 'int64'];

/** `torch.promote_types(a, b)`. */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === 'bool') return b;
  if (b === 'bool') return a;
  if (isComplex(a) || isComplex(b)) {
    const wide = a === 'complex128' || b === 'complex128' || a === 'float64' || b === 'float64';
    return wide ? 'complex128' : 'complex64';
  }
  if (isFloating(a) && isFloating(b)) {
    if (a === 'float64' || b === 'float64') return 'float64';
    return 'float32'; // f16+bf16, f16/bf16+f32
  }
  if (isFloating(a)) return a;
  if (isFloating(b)) return b;
  // Both integral.
  const sa = INT_RANK[a], sb = INT_RANK[b], ua = UINT_RANK[a], ub = UINT_RANK[b];
  if (sa !== undefined && sb !== undefined) return SIGNED_BY_RANK[Math.max(sa, sb) - 1]!;
  if (ua !== undefined && ub !== undefined) return ua >= ub ? a : b;
  // One signed, one unsigned: the signed type wide enough for both (uint8 + int8 -> int16).
  const s = (sa ?? sb)!, u = (ua ?? ub)!;
  return SIGNED_BY_RANK[Math.min(Math.max(s, u + 1), 4) - 1]!;
}

/** An operand of a type-promoting op: a tensor (with rank), or a Python scalar of a kind. */
export type PromotionOperand =
  | { readonly dtype: DType; readonly rank: number }
  | { readonly scalar: 'bool' | 'int' | 'float' | 'complex' };

// c10's combine_categories: the higher-priority operand keeps its dtype unless the lower one is of
// a higher category (f32 tensor + 0-d f64 -> f32; int tensor + 0-d f16 -> f16; f16 tensor + 2.5 -> f16).
function combineCategories(higher: DType | undefined, lower: DType | undefined): DType | undefined {
  if (higher === undefined) return lower;
  if (lower === undefined) return higher;
  if (isComplex(higher)) return higher;
  if (isComplex(lower)) {
    if (isFloating(higher)) return higher === 'float64' ? 'complex128' : 'complex64';
    return lower;
  }
  if (isFloating(higher)) return higher;
  if (higher === 'bool' || isFloating(lower)) return promoteTypes(higher, lower);
  return higher;
}

/**
 * `torch.result_type` over tensors and scalars: dimensioned tensors win over 0-d tensors, which win
 * over Python scalars, unless a lower-priority operand is of a higher category (int tensor * 2.5 -> float32).
 */
export function resultType(operands: readonly PromotionOperand[]): DType {
  let dim: DType | undefined, zero: DType | undefined, wrapped: DType | undefined;
  for (const op of operands) {
    if ('scalar' in op) {
      const d: DType = op.scalar === 'bool' ? 'bool' : op.scalar === 'int' ? 'int64' : op.scalar === 'float' ? 'float32' : 'complex64';
      wrapped = wrapped === undefined ? d : promoteTypes(wrapped, d);
    } else if (op.rank > 0) {
      dim = dim === undefined ? op.dtype : promoteTypes(dim, op.dtype);
    } else {
      zero = zero === undefined ? op.dtype : promoteTypes(zero, op.dtype);
    }
  }
  return combineCategories(dim, combineCategories(zero, wrapped)) ?? 'float32';
}

/** The dtype ops like `div`, `sqrt`, `mean` compute in: integral and bool inputs become float32. */
export function toFloatingType(d: DType): DType {
  return isFloating(d) || isComplex(d) ? d : 'float32';
}
