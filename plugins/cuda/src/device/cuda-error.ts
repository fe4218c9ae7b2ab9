import { ErrorCode, NativertError } from '@nativert/core';

/** A failed CUDA/NVRTC/cuBLAS call as a `PluginFailure` naming the call and the library's code. */
export function cudaError(call: string, code: number, detail?: string): NativertError {
  return new NativertError(ErrorCode.PluginFailure, `cuda: ${call} failed with code ${code}${detail ? ` (${detail})` : ''}`);
}
