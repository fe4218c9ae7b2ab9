// Runtime Tensors <-> shim tensor handles, without copying: an input handle borrows the
// Tensor's storage bytes; an output Tensor views the shim's memory and frees the handle when
// garbage-collected.
import koffi from 'koffi';
import type { Tensor } from '@nativert/core';
import { ErrorCode, NativertError, Tensor as TensorClass, hostStorage, itemSize } from '@nativert/core';
import { dtypeFromC10, dtypeToC10 } from './dtype-codes.js';
import type { ShimApi, TensorHandle } from './shim-library.js';

const DEVICE_CPU = 0;

/** Frees an output handle once the ArrayBuffer viewing its storage is unreachable. */
const handleReaper = new FinalizationRegistry<{ shim: ShimApi; handle: TensorHandle }>(({ shim, handle }) => {
  shim.deleteTensor(handle);
});

/**
 * A new handle over `t`'s host bytes (no copy). The handle borrows the memory: `t` must stay
 * alive until the handle is deleted (the model's Run deletes the input handles it is given).
 * The bytes are off-heap ArrayBuffer memory, which the garbage collector never moves.
 */
export function handleFromTensor(shim: ShimApi, t: Tensor, label: string): TensorHandle {
  if (t.storage.kind !== 'host') throw new NativertError(ErrorCode.InvalidInput, `${label}: expected a host (CPU) tensor, given one on ${t.device.type}`);
  const out: [TensorHandle | null] = [null];
  const rc = shim.createTensorFromBlob(t.storage.bytes, t.rank, BigInt64Array.from(t.shape, BigInt), BigInt64Array.from(t.strides, BigInt), t.offset, dtypeToC10(t.dtype), DEVICE_CPU, 0, out);
  if (rc !== 0 || out[0] === null) throw new NativertError(ErrorCode.PluginFailure, `${label}: the shim could not wrap the tensor: ${shim.lastError()}`);
  return out[0];
}

function int64s(ptr: bigint | null, n: number): number[] {
  if (n === 0 || ptr === null) return [];
  return Array.from(koffi.decode(ptr, 'int64_t', n) as ArrayLike<number | bigint>, Number);
}

/**
 * The Tensor for output handle `h`, taking ownership of the handle. Memory the shim allocated is
 * viewed in place and freed with the Tensor; borrowed memory (a model constant, an input's
 * buffer) is copied, since its owner may go first.
 */
export function tensorFromHandle(shim: ShimApi, h: TensorHandle, label: string): Tensor {
  const check = (rc: number, what: string) => {
    if (rc !== 0) throw new NativertError(ErrorCode.PluginFailure, `${label}: ${what} failed: ${shim.lastError()}`);
  };
  const dim: [number] = [0];
  const sizes: [bigint | null] = [null];
  const strides: [bigint | null] = [null];
  const dtype: [number] = [0];
  const dev: [number] = [0];
  const base: [bigint | null] = [null];
  const nbytes: [number] = [0];
  const offset: [number] = [0];
  const owned: [number] = [0];
  try {
    check(shim.getDim(h, dim), 'get_dim');
    check(shim.getSizes(h, sizes), 'get_sizes');
    check(shim.getStrides(h, strides), 'get_strides');
    check(shim.getDtype(h, dtype), 'get_dtype');
    check(shim.getDeviceType(h, dev), 'get_device_type');
    if (dev[0] !== DEVICE_CPU) throw new NativertError(ErrorCode.PluginFailure, `${label}: output on device type ${dev[0]}, expected the CPU (0)`);
    check(shim.tensorStorage(h, base, nbytes, offset, owned), 'tensor_storage');
  } catch (e) {
    shim.deleteTensor(h);
    throw e;
  }
  const dt = dtypeFromC10(dtype[0], label);
  const shape = int64s(sizes[0], Number(dim[0]));
  const st = int64s(strides[0], Number(dim[0]));
  const n = Number(nbytes[0]);
  if (n === 0 || base[0] === null) {
    shim.deleteTensor(h);
    return new TensorClass(dt, shape, hostStorage(new Uint8Array(0)), st, 0);
  }
  const view = koffi.view(base[0], n);
  if (owned[0] !== 0) {
    handleReaper.register(view, { shim, handle: h });
    return new TensorClass(dt, shape, hostStorage(new Uint8Array(view)), st, Number(offset[0]));
  }
  const copy = new Uint8Array(new ArrayBuffer(Math.ceil(n / itemSize(dt)) * itemSize(dt)));
  copy.set(new Uint8Array(view, 0, n));
  shim.deleteTensor(h);
  return new TensorClass(dt, shape, hostStorage(copy), st, Number(offset[0]));
}
