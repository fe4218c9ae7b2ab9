// Dedicated float32 rows of the hot binary ops (see F32BinaryRow): a contiguous variant and a
// strided one (stride 0 covers a broadcast scalar, row or column). float32 + - * / computed in
// double and rounded once on store equal the float32 IEEE results.
import type { F32BinaryRow } from '../../util/elementwise.js';
import type { F32UnaryLoop } from './float32-unary.js';

const addRow: F32BinaryRow = (out, oo, a, oa, sa, b, ob, sb, n) => {
  if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) out[oo + i] = a[oa + i]! + b[ob + i]!;
  else for (let i = 0; i < n; i++, oa += sa, ob += sb) out[oo + i] = a[oa]! + b[ob]!;
};

const subRow: F32BinaryRow = (out, oo, a, oa, sa, b, ob, sb, n) => {
  if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) out[oo + i] = a[oa + i]! - b[ob + i]!;
  else for (let i = 0; i < n; i++, oa += sa, ob += sb) out[oo + i] = a[oa]! - b[ob]!;
};

const mulRow: F32BinaryRow = (out, oo, a, oa, sa, b, ob, sb, n) => {
  if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) out[oo + i] = a[oa + i]! * b[ob + i]!;
  else for (let i = 0; i < n; i++, oa += sa, ob += sb) out[oo + i] = a[oa]! * b[ob]!;
};

const divRow: F32BinaryRow = (out, oo, a, oa, sa, b, ob, sb, n) => {
  if (sa === 1 && sb === 1) for (let i = 0; i < n; i++) out[oo + i] = a[oa + i]! / b[ob + i]!;
  else for (let i = 0; i < n; i++, oa += sa, ob += sb) out[oo + i] = a[oa]! / b[ob]!;
};

/** Float32 rows of add, sub, mul and true div (add/sub with alpha 1 only), by ATen name. */
export const F32_BINARY_ROWS: Readonly<Record<'add' | 'sub' | 'mul' | 'div', F32BinaryRow>> = {
  add: addRow, sub: subRow, mul: mulRow, div: divRow,
};

/** A row applying a unary loop to `a` and ignoring `b` (pow with a scalar exponent). */
export function unaryRow(loop: F32UnaryLoop): F32BinaryRow {
  return (out, oo, a, oa, sa, _b, _ob, _sb, n) => {
    if (sa === 1) loop(a, oa, out, oo, n);
    else for (let i = 0; i < n; i++, oa += sa) loop(a, oa, out, oo + i, 1);
  };
}
