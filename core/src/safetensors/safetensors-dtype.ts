// safetensors dtype tags <-> DType.
import type { DType } from '../tensor/dtype.js';

const TO_DTYPE: ReadonlyMap<string, DType> = new Map<string, DType>([
  ['F32', 'float32'], ['F16', 'float16'], ['BF16', 'bfloat16'], ['F64', 'float64'],
  ['I64', 'int64'], ['I32', 'int32'], ['I16', 'int16'], ['I8', 'int8'],
  ['U8', 'uint8'], ['U16', 'uint16'], ['U32', 'uint32'], ['U64', 'uint64'],
  ['BOOL', 'bool'], ['C64', 'complex64'], ['C128', 'complex128'],
]);

/** The DType of a safetensors tag, or undefined when unsupported. */
export function dtypeFromSafetensors(tag: string): DType | undefined {
  return TO_DTYPE.get(tag);
}

const FROM_DTYPE: ReadonlyMap<DType, string> = new Map([...TO_DTYPE].map(([tag, dt]) => [dt, tag]));

/** The safetensors tag of `dtype` (every DType has one). */
export function dtypeToSafetensors(dtype: DType): string {
  return FROM_DTYPE.get(dtype)!;
}

/** Every supported safetensors tag. */
export function safetensorsTags(): string[] {
  return [...TO_DTYPE.keys()];
}
