import { isBigInt, isComplex, isFloating } from '../tensor/dtype.js';
import { Tensor, forEachOffset } from '../tensor/tensor.js';

/** Outcome of comparing one output with its reference. */
export interface Comparison {
  readonly ok: boolean;
  /** Largest |got - want| over float elements (0 for exact kinds). */
  readonly maxAbsErr: number;
  /** Why it failed, naming the first bad element; empty when ok. */
  readonly message: string;
}

/**
 * Compares `got` with reference `want`: shapes exactly, dtypes exactly, floats with
 * `|got - want| <= atol + rtol * |want|` (NaN matches NaN, infinities must match), ints and bools exactly.
 * A number `got` (a SymInt output) is compared with a one-element reference.
 */
export function compareOutput(got: unknown, want: Tensor, rtol: number, atol: number): Comparison {
  if (typeof got === 'number' || typeof got === 'boolean') {
    if (want.numel !== 1) return fail(`got scalar ${got}, want tensor of shape [${want.shape.join(', ')}]`);
    const w = want.item();
    return Number(got) === w ? { ok: true, maxAbsErr: 0, message: '' } : fail(`got ${got}, want ${w}`);
  }
  if (!(got instanceof Tensor)) return fail(`got ${got === null ? 'None' : typeof got}, want a tensor`);
  if (got.shape.length !== want.shape.length || got.shape.some((d, i) => d !== want.shape[i])) {
    return fail(`shape [${got.shape.join(', ')}], want [${want.shape.join(', ')}]`);
  }
  if (got.dtype !== want.dtype) return fail(`dtype ${got.dtype}, want ${want.dtype}`);
  if (isBigInt(want.dtype)) return compareBigInts(got, want);
  const g = got.toFloat64();
  const w = want.toFloat64();
  const approx = isFloating(want.dtype) || isComplex(want.dtype);
  let maxAbsErr = 0;
  let firstBad = -1;
  for (let i = 0; i < w.length; i++) {
    const a = g[i]!, b = w[i]!;
    if (Number.isNaN(a) && Number.isNaN(b)) continue;
    if (a === b) continue;
    const err = Math.abs(a - b);
    if (approx && Number.isFinite(err)) {
      if (err > maxAbsErr) maxAbsErr = err;
      if (err <= atol + rtol * Math.abs(b)) continue;
    } else if (Number.isNaN(err) || !Number.isFinite(err)) {
      maxAbsErr = Infinity;
    }
    if (firstBad < 0) firstBad = i;
  }
  if (firstBad >= 0) return { ok: false, maxAbsErr, message: `element ${firstBad}: got ${g[firstBad]}, want ${w[firstBad]} (max abs err ${maxAbsErr})` };
  return { ok: true, maxAbsErr, message: '' };
}

/** int64/uint64 compared exactly as 64-bit integers (a float64 view would hide errors past 2^53). */
function compareBigInts(got: Tensor, want: Tensor): Comparison {
  const g = bigIntsOf(got), w = bigIntsOf(want);
  const bad = w.findIndex((v, i) => g[i] !== v);
  return bad < 0 ? { ok: true, maxAbsErr: 0, message: '' } : fail(`element ${bad}: got ${g[bad]}, want ${w[bad]}`);
}

/** The logical elements of an int64/uint64 tensor in row-major order. */
function bigIntsOf(t: Tensor): bigint[] {
  const data = t.data() as BigInt64Array | BigUint64Array;
  const out: bigint[] = [];
  forEachOffset(t, (o) => out.push(data[o]!));
  return out;
}

function fail(message: string): Comparison {
  return { ok: false, maxAbsErr: Infinity, message };
}
