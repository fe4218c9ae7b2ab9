/**
 * koffi hands every 64-bit integer back (return values and `_Out_` slots) as a `number` when it
 * fits in 2^53 and as a `bigint` above that, so a device address can come back as either. The
 * plugin keeps device addresses and driver handles as `bigint` everywhere; these helpers are the
 * one place a koffi value becomes one.
 */
export type KoffiU64 = number | bigint;

/** An `_Out_ uint64_t *` / `_Out_ size_t *` slot as koffi fills it. */
export type U64Out = KoffiU64[];

/** A fresh one-slot out array for an `_Out_` 64-bit parameter. */
export function u64Out(): U64Out {
  return [0];
}

/** `v` as an unsigned 64-bit bigint; throws naming `what` when it is not a non-negative integer. */
export function toU64(v: KoffiU64 | undefined, what: string): bigint {
  if (typeof v === 'bigint' && v >= 0n) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  throw new TypeError(`${what}: expected an unsigned 64-bit value from the library, got ${typeof v} ${String(v)}`);
}

/** `v` (a size or count) as a number; throws naming `what` when it exceeds 2^53. */
export function toSize(v: KoffiU64 | undefined, what: string): number {
  const n = toU64(v, what);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${what}: ${n} does not fit a JS number`);
  return Number(n);
}
