import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { Device } from './device.js';
import type { DType, DTypeArrayMap } from './dtype.js';
import { isBigInt, itemSize, lanes, typedView } from './dtype.js';
import { bf16ToFloat, floatToBf16, floatToHalf, halfToFloat } from './half.js';
import type { HostStorage, Storage } from './storage.js';
import { allocHost, hostStorage } from './storage.js';

/** Row-major (contiguous) strides of `shape`, in elements. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(shape[i]!, 1);
  }
  return strides;
}

/** Product of `shape` (1 for a 0-d shape). */
export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * A strided view of a {@link Storage}: dtype, shape, strides and offset in elements, device.
 * Views made with {@link Tensor.asStrided} share storage with their base, so in-place writes
 * through a view are seen by the base, as in PyTorch. Tensors are immutable objects; their data is not.
 */
export class Tensor {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  /** Offset of element [0,...,0] in the storage, in elements. */
  readonly offset: number;
  readonly storage: Storage;

  constructor(dtype: DType, shape: readonly number[], storage: Storage, strides?: readonly number[], offset = 0) {
    this.dtype = dtype;
    this.shape = shape;
    this.strides = strides ?? contiguousStrides(shape);
    this.offset = offset;
    this.storage = storage;
  }

  /** A new zero-filled contiguous host tensor. */
  static zeros(dtype: DType, shape: readonly number[]): Tensor {
    return new Tensor(dtype, [...shape], allocHost(numelOf(shape) * itemSize(dtype)));
  }

  /** A contiguous host tensor over `data` (no copy); `data.length` must match `shape`. */
  static fromTyped<D extends DType>(dtype: D, shape: readonly number[], data: DTypeArrayMap[D]): Tensor {
    const n = numelOf(shape) * lanes(dtype);
    if (data.length !== n) {
      throw new NativertError(ErrorCode.InvalidArgument, `Tensor.fromTyped(${dtype}, [${shape.join(', ')}]): expected ${n} values, given ${data.length}`);
    }
    return new Tensor(dtype, [...shape], hostStorage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
  }

  /** A contiguous host tensor with `values` converted to `dtype` (ints truncated, bools as 0/1). */
  static fromNumbers(dtype: DType, shape: readonly number[], values: ArrayLike<number>): Tensor {
    const t = Tensor.zeros(dtype, shape);
    writeNumbers(t, values);
    return t;
  }

  /** A 0-d tensor holding `value`. */
  static scalar(dtype: DType, value: number): Tensor {
    return Tensor.fromNumbers(dtype, [], [value]);
  }

  get device(): Device {
    return this.storage.device;
  }

  get rank(): number {
    return this.shape.length;
  }

  get numel(): number {
    return numelOf(this.shape);
  }

  /** True when elements are laid out row-major without gaps (size-1 dims ignored). */
  isContiguous(): boolean {
    let expected = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      const d = this.shape[i]!;
      if (d === 0) return true;
      if (d !== 1 && this.strides[i] !== expected) return false;
      expected *= d;
    }
    return true;
  }

  /** The host storage; throws naming the device when the tensor lives elsewhere. */
  hostStorage(): HostStorage {
    if (this.storage.kind !== 'host') {
      throw new NativertError(ErrorCode.InvalidArgument, `tensor on ${this.device.type}:${this.device.index} has no host data; copy it to the CPU first`);
    }
    return this.storage;
  }

  /**
   * A typed-array view of the whole storage in element units (index with `offset` and `strides`).
   * Throws if the storage bytes are not aligned for the dtype (never the case for runtime-made storage).
   */
  data<D extends DType>(this: Tensor & { dtype: D }): DTypeArrayMap[D] {
    const bytes = this.hostStorage().bytes;
    const size = itemSize(this.dtype);
    return typedView(this.dtype, bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / size)) as DTypeArrayMap[D];
  }

  /** A view sharing storage with this tensor. */
  asStrided(shape: readonly number[], strides: readonly number[], offset = this.offset): Tensor {
    return new Tensor(this.dtype, shape, this.storage, strides, offset);
  }

  /** This tensor if contiguous with offset 0, else a contiguous copy. */
  contiguous(): Tensor {
    if (this.isContiguous() && this.offset === 0) return this;
    return this.clone();
  }

  /** A contiguous copy with its own storage. */
  clone(): Tensor {
    const out = Tensor.zeros(this.dtype, this.shape);
    const src = this.data() as ArrayLike<unknown>;
    const dst = out.data() as unknown as { [i: number]: unknown };
    const l = lanes(this.dtype);
    let j = 0;
    forEachOffset(this, (o) => {
      for (let k = 0; k < l; k++) dst[j++] = src[o * l + k];
    });
    return out;
  }

  /** Logical elements in row-major order as float64 (complex: real parts; int64 beyond 2^53 rounds). */
  toFloat64(): Float64Array {
    const out = new Float64Array(this.numel);
    const read = reader(this);
    let j = 0;
    forEachOffset(this, (o) => {
      out[j++] = read(o);
    });
    return out;
  }

  /** The single element of a one-element tensor as a number (bool as 0/1). */
  item(): number {
    if (this.numel !== 1) {
      throw new NativertError(ErrorCode.InvalidArgument, `item() needs a one-element tensor, given shape [${this.shape.join(', ')}]`);
    }
    return reader(this)(this.offset);
  }

  /** Short description for messages: dtype, shape, device. */
  toString(): string {
    return `Tensor(${this.dtype}, [${this.shape.join(', ')}], ${this.device.type})`;
  }
}

/** Calls `fn` with the storage offset (elements) of each logical element, row-major. */
export function forEachOffset(t: Tensor, fn: (offset: number) => void): void {
  const n = t.numel;
  if (n === 0) return;
  const rank = t.shape.length;
  if (t.isContiguous()) {
    for (let i = 0; i < n; i++) fn(t.offset + i);
    return;
  }
  const idx = new Array<number>(rank).fill(0);
  let off = t.offset;
  for (let i = 0; i < n; i++) {
    fn(off);
    for (let d = rank - 1; d >= 0; d--) {
      idx[d]!++;
      off += t.strides[d]!;
      if (idx[d]! < t.shape[d]!) break;
      off -= t.strides[d]! * t.shape[d]!;
      idx[d] = 0;
    }
  }
}

/** A function reading the element at a storage offset as a number, converting from the dtype. */
export function reader(t: Tensor): (offset: number) => number {
  const data = t.data() as ArrayLike<number | bigint>;
  switch (t.dtype) {
    case 'float16': return (o) => halfToFloat(data[o] as number);
    case 'bfloat16': return (o) => bf16ToFloat(data[o] as number);
    case 'complex64':
    case 'complex128': return (o) => data[2 * o] as number;
    default:
      if (isBigInt(t.dtype)) return (o) => Number(data[o] as bigint);
      return (o) => data[o] as number;
  }
}

/** A function writing a number at a storage offset, converting to the dtype as a PyTorch cast would. */
export function writer(t: Tensor): (offset: number, v: number) => void {
  const data = t.data() as unknown as { [i: number]: number | bigint };
  switch (t.dtype) {
    case 'float16': return (o, v) => { data[o] = floatToHalf(v); };
    case 'bfloat16': return (o, v) => { data[o] = floatToBf16(v); };
    case 'bool': return (o, v) => { data[o] = v !== 0 ? 1 : 0; };
    case 'complex64':
    case 'complex128': return (o, v) => { data[2 * o] = v; data[2 * o + 1] = 0; };
    case 'int64':
    case 'uint64': return (o, v) => { data[o] = Number.isFinite(v) ? BigInt(Math.trunc(v)) : 0n; };
    case 'float32':
    case 'float64': return (o, v) => { data[o] = v; };
    default: return (o, v) => { data[o] = Math.trunc(v); };
  }
}

/** Writes `values` (row-major logical order) into `t`, converting to its dtype. */
export function writeNumbers(t: Tensor, values: ArrayLike<number>): void {
  if (values.length !== t.numel) {
    throw new NativertError(ErrorCode.InvalidArgument, `expected ${t.numel} values for shape [${t.shape.join(', ')}], given ${values.length}`);
  }
  const write = writer(t);
  let j = 0;
  forEachOffset(t, (o) => write(o, values[j++]!));
}

