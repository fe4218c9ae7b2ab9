/** Slots in the kernel argument struct (`Args { u64 v[ARG_SLOTS]; }` in every kernel). */
export const ARG_SLOTS = 96;

/**
 * Kernel arguments packed as 8-byte slots: every plugin kernel takes one struct `Args { u64 v[N]; }`
 * by value and reads slot i as a pointer, an int64 or a double, so one launch path serves all kernels
 * and the layout is the same in TypeScript and CUDA C.
 */
export class ParamWriter {
  private readonly view: DataView;
  private slot = 0;

  /** Writes into `bytes` (at least `8 * maxSlots` long), starting at slot 0. */
  constructor(bytes: ArrayBuffer, byteOffset: number, private readonly maxSlots: number) {
    this.view = new DataView(bytes, byteOffset, maxSlots * 8);
  }

  /** Slots written so far. */
  get count(): number {
    return this.slot;
  }

  /** A device pointer or other unsigned 64-bit value (a bigint: see `ffi/u64.ts`). */
  ptr(v: bigint): this {
    if (typeof v !== 'bigint') throw new TypeError(`kernel argument slot ${this.slot}: pointer must be a bigint, got ${typeof v}`);
    this.view.setBigUint64(this.next(), v, true);
    return this;
  }

  /** A signed 64-bit integer (an exact JS integer). */
  int(v: number): this {
    this.view.setBigInt64(this.next(), BigInt(Math.trunc(v)), true);
    return this;
  }

  /** A double, read in the kernel with `__longlong_as_double`. */
  float(v: number): this {
    this.view.setFloat64(this.next(), v, true);
    return this;
  }

  /** Every integer of `vs`. */
  ints(vs: readonly number[]): this {
    for (const v of vs) this.int(v);
    return this;
  }

  private next(): number {
    if (this.slot >= this.maxSlots) throw new RangeError(`kernel argument block holds ${this.maxSlots} slots`);
    return 8 * this.slot++;
  }
}
