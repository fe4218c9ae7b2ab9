// Runtime Tensors <-> shim tensor handles. On the CPU, without copying: an input handle borrows
// the Tensor's storage bytes; an output Tensor views the shim's memory and frees the handle when
// garbage-collected. On a CUDA device: inputs are copied host -> device into memory the shim
// allocates, outputs device -> host (the handle is freed at once).
import koffi from 'koffi';
import type { Tensor } from '@nativert/core';
import { ErrorCode, NativertError, Tensor as TensorClass, hostStorage, itemSize } from '@nativert/core';
import { dtypeFromC10, dtypeToC10 } from './dtype-codes.js';
import type { ShimApi, TensorHandle } from './shim-library.js';

const DEVICE_CPU = 0;
const DEVICE_CUDA = 1;

/** Where a compiled model's tensors live: the host, or CUDA device `index`. */
export type HandleDevice = { readonly type: 'cpu' } | { readonly type: 'cuda'; readonly index: number };

/** The host placement. */
export const HOST_DEVICE: HandleDevice = { type: 'cpu' };

/** The placement named `cpu`, `cuda` (device 0) or `cuda:N`; `label` names the caller in errors. */
export function parseHandleDevice(name: string, label: string): HandleDevice {
  if (name === 'cpu') return HOST_DEVICE;
  const m = /^cuda(?::(\d+))?$/.exec(name);
  if (!m) throw new NativertError(ErrorCode.InvalidArgument, `${label}: device '${name}' is not one of cpu, cuda, cuda:N`);
  return { type: 'cuda', index: Number(m[1] ?? 0) };
}

/** Frees an output handle once the ArrayBuffer viewing its storage is unreachable. */
const handleReaper = new FinalizationRegistry<{ shim: ShimApi; handle: TensorHandle }>(({ shim, handle }) => {
  shim.deleteTensor(handle);
});

/**
 * A new handle over `t`'s host bytes (no copy). The handle borrows the memory: `t` must stay
 * alive until the handle is deleted (the model's Run deletes the input handles it is given).
 * The bytes are off-heap ArrayBuffer memory, which the garbage collector never moves.
 */
export function handleFromTensor(shim: ShimApi, t: Tensor, label: string, device: HandleDevice = HOST_DEVICE): TensorHandle {
  if (t.storage.kind !== 'host') throw new NativertError(ErrorCode.InvalidInput, `${label}: expected a host (CPU) tensor, given one on ${t.device.type}`);
  if (device.type === 'cuda') return deviceHandleFromTensor(shim, t, label, device.index);
  const out: [TensorHandle | null] = [null];
  const rc = shim.createTensorFromBlob(t.storage.bytes, t.rank, BigInt64Array.from(t.shape, BigInt), BigInt64Array.from(t.strides, BigInt), t.offset, dtypeToC10(t.dtype), DEVICE_CPU, 0, out);
  if (rc !== 0 || out[0] === null) throw new NativertError(ErrorCode.PluginFailure, `${label}: the shim could not wrap the tensor: ${shim.lastError()}`);
  return out[0];
}

/** A new CUDA tensor holding a copy of contiguous `t`. */
function deviceHandleFromTensor(shim: ShimApi, t: Tensor, label: string, index: number): TensorHandle {
  if (t.storage.kind !== 'host') throw new NativertError(ErrorCode.InvalidInput, `${label}: expected a host (CPU) tensor`);
  const out: [TensorHandle | null] = [null];
  if (shim.emptyStrided(t.rank, BigInt64Array.from(t.shape, BigInt), BigInt64Array.from(t.strides, BigInt), dtypeToC10(t.dtype), DEVICE_CUDA, index, out) !== 0 || out[0] === null) {
    throw new NativertError(ErrorCode.PluginFailure, `${label}: could not allocate the input on cuda:${index}: ${shim.lastError()}`);
  }
  const size = itemSize(t.dtype);
  const bytes = t.storage.bytes.subarray(t.offset * size, (t.offset + t.numel) * size);
  if (shim.copyStorage(out[0], bytes, bytes.byteLength, true) !== 0) {
    const reason = shim.lastError();
    shim.deleteTensor(out[0]);
    throw new NativertError(ErrorCode.PluginFailure, `${label}: copying the input to cuda:${index} failed: ${reason}`);
  }
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
    if (dev[0] !== DEVICE_CPU && dev[0] !== DEVICE_CUDA) throw new NativertError(ErrorCode.PluginFailure, `${label}: output on device type ${dev[0]}, expected the CPU (0) or CUDA (1)`);
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
  if (dev[0] === DEVICE_CUDA) {
    // Device memory: copy the whole storage to the host and free the handle now.
    const copy = new Uint8Array(new ArrayBuffer(Math.ceil(n / itemSize(dt)) * itemSize(dt)));
    const rc = shim.copyStorage(h, copy, n, false);
    const reason = rc !== 0 ? shim.lastError() : '';
    shim.deleteTensor(h);
    if (rc !== 0) throw new NativertError(ErrorCode.PluginFailure, `${label}: copying the output from the GPU failed: ${reason}`);
    return new TensorClass(dt, shape, hostStorage(copy), st, Number(offset[0]));
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
