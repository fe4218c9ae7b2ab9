import type { Device } from './device.js';
import { CPU } from './device.js';

/**
 * The memory behind one or more tensors. Views share one storage. Host storage exposes bytes;
 * a device plugin implements {@link DeviceStorage} for memory it owns.
 */
export type Storage = HostStorage | DeviceStorage;

/** Storage in host memory. `bytes` may be a window into a loaded archive (weights used in place). */
export interface HostStorage {
  readonly kind: 'host';
  readonly device: Device;
  readonly bytes: Uint8Array;
}

/** Opaque handle to device memory, branded so it is never confused with a number. */
export type DeviceHandle = { readonly __deviceHandle: unique symbol };

/** Storage owned by a device plugin; only that plugin reads `handle`. */
export interface DeviceStorage {
  readonly kind: 'device';
  readonly device: Device;
  readonly byteLength: number;
  readonly handle: DeviceHandle;
}

/** Host storage over `bytes` (no copy). */
export function hostStorage(bytes: Uint8Array, device: Device = CPU): HostStorage {
  return { kind: 'host', device, bytes };
}

/** Fresh zeroed host storage of `byteLength` bytes, 16-byte aligned in its own buffer. */
export function allocHost(byteLength: number): HostStorage {
  return hostStorage(new Uint8Array(new ArrayBuffer(Math.max(byteLength, 0))));
}
