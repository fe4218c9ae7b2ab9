// Shared memory for worker runners: archives read once and seen by every thread, zero-copy inputs.
import { open } from 'node:fs/promises';
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { DType } from '../tensor/dtype.js';
import { itemSize } from '../tensor/dtype.js';
import { hostStorage } from '../tensor/storage.js';
import { Tensor, numelOf } from '../tensor/tensor.js';

/** Reads file `path` into a SharedArrayBuffer. Throws `NotFound` naming the file when it cannot be read. */
export async function readShared(path: string): Promise<Uint8Array> {
  try {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      const out = new Uint8Array(new SharedArrayBuffer(size));
      for (let at = 0; at < size;) {
        const { bytesRead } = await file.read(out, at, size - at, at);
        if (bytesRead === 0) throw new Error(`file ended at byte ${at} of ${size}`);
        at += bytesRead;
      }
      return out;
    } finally {
      await file.close();
    }
  } catch (e) {
    throw new NativertError(ErrorCode.NotFound, `cannot read archive '${path}': ${(e as Error).message}`, { cause: e });
  }
}

/** `bytes` if already in shared memory, else a copy in a SharedArrayBuffer. */
export function toShared(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const out = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  out.set(bytes);
  return out;
}

/**
 * A zero-filled contiguous host tensor in a SharedArrayBuffer. A worker runner passes such inputs
 * to its worker without copying them, and writes input mutations into them in place.
 */
export function sharedZeros(dtype: DType, shape: readonly number[]): Tensor {
  return new Tensor(dtype, [...shape], hostStorage(new Uint8Array(new SharedArrayBuffer(numelOf(shape) * itemSize(dtype)))));
}
