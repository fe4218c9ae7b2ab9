import koffi from 'koffi';

/** A native address as koffi 3 represents pointers; `0n` is NULL. */
export type Address = bigint;

type StructType = ReturnType<typeof koffi.struct>;

/**
 * Lays out host-owned C data (strings, arrays, arrays of structs) in JavaScript buffers and hands
 * out their addresses. The buffers live as long as the writer is reachable, and an address alone
 * does not keep anything reachable: call {@link release} after the native call that reads them
 * (in a `finally`), which also keeps the garbage collector from freeing them during the call.
 */
export class NativeWriter {
  private readonly keep: ArrayBufferView[] = [];

  /** A NUL-terminated UTF-8 copy of `s`. */
  cstring(s: string): Address {
    return this.hold(Buffer.from(`${s}\0`, 'utf8'));
  }

  /** An `int32_t` array, or NULL when empty. */
  int32s(values: readonly number[]): Address {
    return values.length === 0 ? 0n : this.hold(Int32Array.from(values));
  }

  /** An `int64_t` array, or NULL when empty. */
  int64s(values: readonly (number | bigint)[]): Address {
    return values.length === 0 ? 0n : this.hold(BigInt64Array.from(values, (v) => BigInt(v)));
  }

  /** A `double` array, or NULL when empty. */
  float64s(values: readonly number[]): Address {
    return values.length === 0 ? 0n : this.hold(Float64Array.from(values));
  }

  /** A contiguous array of `type` structs, or NULL when empty. */
  structs(type: StructType, values: readonly Record<string, unknown>[]): Address {
    if (values.length === 0) return 0n;
    const size = koffi.sizeof(type);
    const buf = Buffer.alloc(size * values.length);
    values.forEach((v, i) => koffi.encode(buf, i * size, type, v));
    return this.hold(buf);
  }

  /** Drops the buffers; call once the native side is done reading them. */
  release(): void {
    this.keep.length = 0;
  }

  /** Keeps `view` alive with the writer and returns its address. */
  hold(view: ArrayBufferView): Address {
    this.keep.push(view);
    return koffi.address(view);
  }
}
