import type { Device, DeviceHandle, DeviceStorage, DType } from '@nativert/core';
import { ErrorCode, itemSize, NativertError, numelOf, Tensor } from '@nativert/core';
import type { DevicePtr } from '../ffi/driver-api.js';
import type { MemoryPool } from './memory-pool.js';

/** What a CUDA {@link DeviceHandle} stands for: a pool block. */
interface CudaBlock {
  readonly ptr: DevicePtr;
  readonly size: number;
  readonly pool: MemoryPool;
  released: boolean;
  /** Host bytes not uploaded yet, and how to upload them (see {@link deferUpload}). */
  pending?: { readonly bytes: Uint8Array; readonly upload: (dst: DevicePtr, bytes: Uint8Array) => void };
}

const blocks = new WeakMap<DeviceHandle, CudaBlock>();

/** Blocks of storages nobody references any more go back to their pool. */
const finalizer = new FinalizationRegistry<CudaBlock>((b) => {
  if (!b.released) {
    b.released = true;
    b.pool.release(b.ptr, b.size);
  }
});

/**
 * Fresh device storage of `byteLength` bytes from `pool`. The block returns to the pool when the
 * storage is garbage-collected, or earlier through {@link releaseStorage}.
 */
export function allocStorage(pool: MemoryPool, device: Device, byteLength: number): DeviceStorage {
  const { ptr, size } = pool.alloc(byteLength);
  const block: CudaBlock = { ptr, size, pool, released: false };
  // The handle is an opaque token: only this module maps it back to the block.
  const handle = Object.freeze({}) as unknown as DeviceHandle;
  blocks.set(handle, block);
  const storage: DeviceStorage = { kind: 'device', device, byteLength, handle };
  finalizer.register(storage, block, storage);
  return storage;
}

/** Returns `storage`'s block to its pool now; the storage must not be read afterwards. */
export function releaseStorage(storage: DeviceStorage): void {
  const b = blocks.get(storage.handle);
  if (!b || b.released) return;
  b.released = true;
  finalizer.unregister(storage);
  b.pool.release(b.ptr, b.size);
}

/**
 * Makes `storage`'s contents `bytes` (its full length), uploaded by `upload` only when a kernel
 * first needs its address: a graph replay can instead stage the bytes straight into its own input
 * buffer (see {@link pendingBytes}), and an input nobody reads is never uploaded.
 */
export function deferUpload(storage: DeviceStorage, bytes: Uint8Array, upload: (dst: DevicePtr, bytes: Uint8Array) => void): void {
  const b = blocks.get(storage.handle);
  if (!b || bytes.byteLength !== storage.byteLength) throw new NativertError(ErrorCode.Internal, 'cuda: deferred upload does not match its storage');
  b.pending = { bytes, upload };
}

/** The host bytes of `t` when its storage is a deferred upload that `t` covers exactly, else undefined. */
export function pendingBytes(t: Tensor): Uint8Array | undefined {
  if (t.storage.kind !== 'device' || t.offset !== 0 || !t.isContiguous()) return undefined;
  const b = blocks.get(t.storage.handle);
  return b?.pending && t.numel * itemSize(t.dtype) === t.storage.byteLength ? b.pending.bytes : undefined;
}

/** A new contiguous device tensor (contents undefined). */
export function emptyDevice(pool: MemoryPool, device: Device, dtype: DType, shape: readonly number[]): Tensor {
  return new Tensor(dtype, [...shape], allocStorage(pool, device, numelOf(shape) * itemSize(dtype)));
}

/** True when `t` lives in memory this plugin allocated. */
export function isCudaTensor(t: Tensor): boolean {
  return t.storage.kind === 'device' && blocks.has(t.storage.handle);
}

/** Device address of element [0,...,0] of `t` (storage base plus offset); a deferred upload is queued first. */
export function ptrOf(t: Tensor): DevicePtr {
  const s = t.storage;
  const b = s.kind === 'device' ? blocks.get(s.handle) : undefined;
  if (!b) throw new NativertError(ErrorCode.PluginFailure, `cuda: tensor on ${t.device.type}:${t.device.index} is not in CUDA plugin memory`);
  if (b.released) throw new NativertError(ErrorCode.Internal, 'cuda: tensor storage was used after its block was released');
  if (b.pending) {
    const { bytes, upload } = b.pending;
    b.pending = undefined;
    upload(b.ptr, bytes);
  }
  return (b.ptr + BigInt(t.offset * itemSize(t.dtype))) as DevicePtr;
}
