import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';

/** Element types a tensor can hold, named as PyTorch names them (`torch.float32` -> `'float32'`). */
export type DType =
  | 'float32' | 'float64' | 'float16' | 'bfloat16'
  | 'int8' | 'int16' | 'int32' | 'int64'
  | 'uint8' | 'uint16' | 'uint32' | 'uint64'
  | 'bool'
  | 'complex64' | 'complex128';

/** Every {@link DType}, in a fixed order. */
export const ALL_DTYPES: readonly DType[] = [
  'float32', 'float64', 'float16', 'bfloat16', 'int8', 'int16', 'int32', 'int64',
  'uint8', 'uint16', 'uint32', 'uint64', 'bool', 'complex64', 'complex128',
];

/** Typed array used as the storage view of each dtype (f16/bf16 as raw bits, complex interleaved). */
export interface DTypeArrayMap {
  float32: Float32Array; float64: Float64Array; float16: Uint16Array; bfloat16: Uint16Array;
  int8: Int8Array; int16: Int16Array; int32: Int32Array; int64: BigInt64Array;
  uint8: Uint8Array; uint16: Uint16Array; uint32: Uint32Array; uint64: BigUint64Array;
  bool: Uint8Array; complex64: Float32Array; complex128: Float64Array;
}

/** Any typed array a tensor view can be. */
export type TypedArray = DTypeArrayMap[DType];

interface DTypeInfo {
  readonly itemSize: number;
  /** Number of array slots per element: 2 for complex, else 1. */
  readonly lanes: number;
  readonly ctor: { new (buffer: ArrayBufferLike, byteOffset: number, length: number): TypedArray; BYTES_PER_ELEMENT: number };
}

const INFO: Record<DType, DTypeInfo> = {
  float32: { itemSize: 4, lanes: 1, ctor: Float32Array },
  float64: { itemSize: 8, lanes: 1, ctor: Float64Array },
  float16: { itemSize: 2, lanes: 1, ctor: Uint16Array },
  bfloat16: { itemSize: 2, lanes: 1, ctor: Uint16Array },
  int8: { itemSize: 1, lanes: 1, ctor: Int8Array },
  int16: { itemSize: 2, lanes: 1, ctor: Int16Array },
  int32: { itemSize: 4, lanes: 1, ctor: Int32Array },
  int64: { itemSize: 8, lanes: 1, ctor: BigInt64Array },
  uint8: { itemSize: 1, lanes: 1, ctor: Uint8Array },
  uint16: { itemSize: 2, lanes: 1, ctor: Uint16Array },
  uint32: { itemSize: 4, lanes: 1, ctor: Uint32Array },
  uint64: { itemSize: 8, lanes: 1, ctor: BigUint64Array },
  bool: { itemSize: 1, lanes: 1, ctor: Uint8Array },
  complex64: { itemSize: 8, lanes: 2, ctor: Float32Array },
  complex128: { itemSize: 16, lanes: 2, ctor: Float64Array },
};

/** Bytes per element of `dtype`. */
export function itemSize(dtype: DType): number {
  return INFO[dtype].itemSize;
}

/** Array slots per element of `dtype` in its typed-array view (2 for complex). */
export function lanes(dtype: DType): number {
  return INFO[dtype].lanes;
}

/** A typed-array view of `length` elements of `dtype` over `buffer` at `byteOffset` (no copy). */
export function typedView<D extends DType>(dtype: D, buffer: ArrayBufferLike, byteOffset: number, length: number): DTypeArrayMap[D] {
  const info = INFO[dtype];
  return new info.ctor(buffer, byteOffset, length * info.lanes) as DTypeArrayMap[D];
}

/** True for float16/bfloat16/float32/float64. */
export function isFloating(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64' || dtype === 'float16' || dtype === 'bfloat16';
}

/** True for complex64/complex128. */
export function isComplex(dtype: DType): boolean {
  return dtype === 'complex64' || dtype === 'complex128';
}

/** True for signed and unsigned integer dtypes (not bool). */
export function isIntegral(dtype: DType): boolean {
  return !isFloating(dtype) && !isComplex(dtype) && dtype !== 'bool';
}

/** True where the storage view holds bigint (int64, uint64). */
export function isBigInt(dtype: DType): boolean {
  return dtype === 'int64' || dtype === 'uint64';
}

/** The schema's `ScalarType` numbering (torch/_export/serde/schema.py), not c10's. */
const SCHEMA_SCALAR_TYPES: ReadonlyMap<number, DType> = new Map<number, DType>([
  [1, 'uint8'], [2, 'int8'], [3, 'int16'], [4, 'int32'], [5, 'int64'], [6, 'float16'],
  [7, 'float32'], [8, 'float64'], [10, 'complex64'], [11, 'complex128'], [12, 'bool'],
  [13, 'bfloat16'], [28, 'uint16'], [34, 'uint32'], [35, 'uint64'],
]);

/** Maps a schema `ScalarType` number to a {@link DType}; throws naming `where` for unknown or unsupported ones. */
export function dtypeFromSchema(code: number, where: string): DType {
  const dt = SCHEMA_SCALAR_TYPES.get(code);
  if (dt === undefined) {
    throw new NativertError(ErrorCode.UnsupportedVersion, `${where}: scalar type ${code} is not supported (supported: ${[...SCHEMA_SCALAR_TYPES.keys()].join(', ')})`);
  }
  return dt;
}

/** The schema `ScalarType` number of `dtype`. */
export function dtypeToSchema(dtype: DType): number {
  for (const [code, dt] of SCHEMA_SCALAR_TYPES) if (dt === dtype) return code;
  throw new NativertError(ErrorCode.Internal, `no schema scalar type for ${dtype}`);
}
