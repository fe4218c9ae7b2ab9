import type { DevicePtr } from '../ffi/driver-api.js';

/** Allocation primitives the pool sits on (the driver's cuMemAlloc/cuMemFree). */
export interface RawAllocator {
  alloc(bytes: number): DevicePtr | null;
  free(ptr: DevicePtr): void;
}

/** Rounds a request up to its size class: 512 B granules, then 1/8-power-of-two steps above 1 MiB. */
export function sizeClass(bytes: number): number {
  const n = Math.max(bytes, 1);
  if (n <= 1 << 20) return Math.ceil(n / 512) * 512;
  const step = 2 ** Math.floor(Math.log2(n)) / 8;
  return Math.ceil(n / step) * step;
}

/**
 * A caching allocator: freed blocks are kept per size class and handed out again, so steady-state
 * runs make no driver allocations. All work is on one stream, so a block released after its last
 * kernel was queued can be reused by later kernels of the same stream without a sync.
 */
export class MemoryPool {
  private readonly free = new Map<number, DevicePtr[]>();
  private cachedBytes = 0;
  private liveBytes = 0;

  constructor(private readonly raw: RawAllocator) {}

  /** A block of at least `bytes` bytes; frees the cache and retries once when the device is full. */
  alloc(bytes: number): { ptr: DevicePtr; size: number } {
    const size = sizeClass(bytes);
    const list = this.free.get(size);
    const reused = list?.pop();
    if (reused !== undefined) {
      this.cachedBytes -= size;
      this.liveBytes += size;
      return { ptr: reused, size };
    }
    let ptr = this.raw.alloc(size);
    if (ptr === null) {
      this.trim();
      ptr = this.raw.alloc(size);
    }
    if (ptr === null) throw new RangeError(`cuda: out of device memory allocating ${size} bytes (${this.liveBytes} in use)`);
    this.liveBytes += size;
    return { ptr, size };
  }

  /** Returns a block to the cache. `size` is what {@link alloc} reported. */
  release(ptr: DevicePtr, size: number): void {
    const list = this.free.get(size);
    if (list) list.push(ptr);
    else this.free.set(size, [ptr]);
    this.cachedBytes += size;
    this.liveBytes -= size;
  }

  /** Frees every cached block back to the driver. */
  trim(): void {
    for (const list of this.free.values()) for (const p of list) this.raw.free(p);
    this.free.clear();
    this.cachedBytes = 0;
  }

  /** Bytes handed out and bytes cached. */
  stats(): { live: number; cached: number } {
    return { live: this.liveBytes, cached: this.cachedBytes };
  }
}
