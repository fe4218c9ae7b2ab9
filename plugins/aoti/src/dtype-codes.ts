// c10 ScalarType codes (what aoti_torch_dtype_* return) for the runtime's DTypes.
import type { DType } from '@nativert/core';
import { ErrorCode, NativertError } from '@nativert/core';

const CODES: Record<DType, number> = {
  uint8: 0, int8: 1, int16: 2, int32: 3, int64: 4, float16: 5, float32: 6, float64: 7,
  complex64: 9, complex128: 10, bool: 11, bfloat16: 15, uint16: 27, uint32: 28, uint64: 29,
};

const BY_CODE = new Map<number, DType>(Object.entries(CODES).map(([d, c]) => [c, d as DType]));

/** The c10 code of `dtype`. */
export function dtypeToC10(dtype: DType): number {
  return CODES[dtype];
}

/** The DType of c10 code `code`; `where` names the tensor in the error. */
export function dtypeFromC10(code: number, where: string): DType {
  const d = BY_CODE.get(code);
  if (d === undefined) throw new NativertError(ErrorCode.PluginFailure, `${where}: dtype code ${code} has no runtime dtype (known: ${[...BY_CODE.keys()].join(', ')})`);
  return d;
}
