// How tensors, value trees and errors cross the worker boundary (structured clone + transfer).
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import { isPlainObject, keyPath } from '../pytree/describe-value.js';
import type { DType } from '../tensor/dtype.js';
import { itemSize } from '../tensor/dtype.js';
import { hostStorage } from '../tensor/storage.js';
import { Tensor, contiguousStrides } from '../tensor/tensor.js';

const TAG = '__nativertTensor';

/** A host tensor as posted to or from a worker. */
export interface WireTensor {
  readonly [TAG]: true;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly bytes: Uint8Array;
}

/** A thrown value as posted from a worker: a NativertError keeps its code. */
export interface WireError {
  readonly code?: ErrorCode;
  readonly name: string;
  readonly message: string;
}

/** True when `t`'s bytes live in a SharedArrayBuffer, so both threads see the same memory. */
export function isShared(t: Tensor): boolean {
  return t.storage.kind === 'host' && t.storage.bytes.buffer instanceof SharedArrayBuffer;
}

/**
 * `t` ready to post. Shared bytes go as they are (no copy; writes are seen by both threads).
 * Other bytes are copied once into a buffer of their own (Buffer's `slice` would not copy), added to `transfer`: posting a view
 * would clone its whole buffer, often a file's worth, and moving the caller's buffer would detach it.
 * Throws `InvalidInput` naming `what` for a tensor off the host.
 */
export function encodeTensor(t: Tensor, transfer: ArrayBuffer[], what: string): WireTensor {
  if (t.storage.kind !== 'host') {
    throw new NativertError(ErrorCode.InvalidInput, `${what} is ${t.toString()}; a worker runner takes host tensors only`);
  }
  if (isShared(t)) return { [TAG]: true, dtype: t.dtype, shape: t.shape, strides: t.strides, offset: t.offset, bytes: t.storage.bytes };
  const dense = t.isContiguous() && t.offset === 0 ? new Uint8Array(t.storage.bytes.subarray(0, t.numel * itemSize(t.dtype))) : t.clone().hostStorage().bytes;
  transfer.push(dense.buffer as ArrayBuffer);
  return { [TAG]: true, dtype: t.dtype, shape: t.shape, strides: contiguousStrides(t.shape), offset: 0, bytes: dense };
}

/** The tensor a {@link WireTensor} describes, over its bytes (no copy). */
export function decodeTensor(w: WireTensor): Tensor {
  return new Tensor(w.dtype, w.shape, hostStorage(w.bytes), w.strides, w.offset);
}

/** `value` (nested arrays, plain objects and Maps of tensors and scalars) with every tensor encoded. */
export function encodeTree(value: unknown, transfer: ArrayBuffer[], path: string): unknown {
  if (value instanceof Tensor) return encodeTensor(value, transfer, path);
  if (Array.isArray(value)) return value.map((v, i) => encodeTree(v, transfer, `${path}[${i}]`));
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, encodeTree(v, transfer, keyPath(path, k))]));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeTree(v, transfer, keyPath(path, k))]));
  return value;
}

/** The inverse of {@link encodeTree}. */
export function decodeTree(value: unknown): unknown {
  if (isWireTensor(value)) return decodeTensor(value);
  if (Array.isArray(value)) return value.map(decodeTree);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, decodeTree(v)]));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeTree(v)]));
  return value;
}

function isWireTensor(v: unknown): v is WireTensor {
  return isPlainObject(v) && v[TAG] === true;
}

/** `e` ready to post: code (for a NativertError), name and message. */
export function encodeError(e: unknown): WireError {
  if (e instanceof NativertError) return { code: e.code, name: e.name, message: e.message };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

/** The error a {@link WireError} describes, rebuilt in this thread with the same code and message. */
export function decodeError(w: WireError): Error {
  if (w.code !== undefined) return new NativertError(w.code, w.message);
  const e = new Error(w.message);
  e.name = w.name;
  return e;
}
