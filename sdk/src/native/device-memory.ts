import koffi from 'koffi';
import type { DataTransfer, Device, DeviceHandle, DeviceStorage } from '@nativert/core';
import { ErrorCode, NativertError, Tensor, deviceToString, hostStorage, itemSize, sameDevice } from '@nativert/core';
import type { NativePlugin } from './native-plugin.js';
import type { Address } from './native-writer.js';

/**
 * Device memory of one native plugin instance, seen from TypeScript. Each allocation is wrapped
 * in a {@link DeviceStorage} whose branded {@link DeviceHandle} maps (privately) to the native
 * pointer, so no other code can read or forge it. Memory is freed when the storage is garbage
 * collected, by {@link free}, or all at once when the plugin is destroyed (the plugin owns it).
 */
export class NativeDeviceMemory implements DataTransfer {
  private readonly pointers = new WeakMap<DeviceHandle, Address>();
  private readonly finalizer: FinalizationRegistry<Address>;

  constructor(private readonly plugin: NativePlugin, private readonly device: Device) {
    this.finalizer = new FinalizationRegistry((ptr) => {
      // Best effort: a failed free during GC has no one to report to.
      if (this.plugin.alive) {
        try {
          this.plugin.call('DeviceMemory_Free', ptr);
        } catch {
          /* ignored: see above */
        }
      }
    });
  }

  /** Index of the device, as the plugin numbers it. */
  get deviceIndex(): number {
    return this.device.index;
  }

  /** Allocates `byteLength` bytes on the device. */
  alloc(byteLength: number): DeviceStorage {
    return this.adopt(this.plugin.callForPointer('DeviceMemory_Alloc', this.device.index, byteLength), byteLength);
  }

  /** Wraps a pointer this plugin allocated (an execute output) as storage the host now owns. */
  adopt(ptr: Address, byteLength: number): DeviceStorage {
    const handle = Object.freeze(Object.create(null)) as DeviceHandle;
    this.pointers.set(handle, ptr);
    this.finalizer.register(handle, ptr, handle);
    return { kind: 'device', device: this.device, byteLength, handle };
  }

  /** The native pointer behind `storage`, or undefined when it is not this plugin's live memory. */
  tryPointerOf(storage: DeviceStorage): Address | undefined {
    return this.pointers.get(storage.handle);
  }

  /** Frees `storage` now; tensors over it must not be used afterwards. */
  free(storage: DeviceStorage): void {
    const ptr = this.pointerOf(storage, 'free');
    this.pointers.delete(storage.handle);
    this.finalizer.unregister(storage.handle);
    this.plugin.call('DeviceMemory_Free', ptr);
  }

  /** A contiguous copy of host tensor `t` in this device's memory. */
  async toDevice(t: Tensor, device: Device): Promise<Tensor> {
    if (!sameDevice(device, this.device)) {
      throw new NativertError(ErrorCode.InvalidArgument, `${this.plugin.name}: cannot copy to ${deviceToString(device)}, this plugin drives ${deviceToString(this.device)}`);
    }
    return this.upload(t);
  }

  /** Synchronous {@link toDevice} for the delegate's own use. */
  upload(t: Tensor): Tensor {
    const src = t.contiguous();
    const size = itemSize(src.dtype);
    const bytes = src.hostStorage().bytes.subarray(src.offset * size, (src.offset + src.numel) * size);
    const storage = this.alloc(bytes.byteLength);
    this.plugin.call('DeviceMemory_CopyFromHost', this.pointerOf(storage, 'copy to device'), 0, koffi.address(bytes), bytes.byteLength);
    return new Tensor(src.dtype, [...src.shape], storage);
  }

  /** A host copy of device tensor `t` (contiguous). */
  async toHost(t: Tensor): Promise<Tensor> {
    if (t.storage.kind !== 'device') return t;
    const storage = t.storage;
    const ptr = this.pointerOf(storage, 'copy to host');
    const size = itemSize(t.dtype);
    if (t.isContiguous()) {
      const out = Tensor.zeros(t.dtype, t.shape);
      const bytes = out.hostStorage().bytes;
      this.plugin.call('DeviceMemory_CopyToHost', koffi.address(bytes), ptr, t.offset * size, bytes.byteLength);
      return out;
    }
    // A strided view: bring the whole allocation over, then gather on the host.
    const whole = new Uint8Array(storage.byteLength);
    this.plugin.call('DeviceMemory_CopyToHost', koffi.address(whole), ptr, 0, whole.byteLength);
    return new Tensor(t.dtype, t.shape, hostStorage(whole), t.strides, t.offset).clone();
  }

  private pointerOf(storage: DeviceStorage, what: string): Address {
    const ptr = this.tryPointerOf(storage);
    if (ptr === undefined) {
      throw new NativertError(ErrorCode.InvalidArgument, `${this.plugin.name}: ${what}: storage on ${deviceToString(storage.device)} is not live memory of this plugin (freed, or another plugin's)`);
    }
    return ptr;
  }
}
