import type { DiscoveryEnv } from './library-discovery.js';
import { openCudaLibrary } from './load-library.js';
import { bindFunctions } from './driver-api.js';
import type { U64Out } from './u64.js';

/** NVRTC functions the plugin calls; every one returns an `nvrtcResult` (0 = success). */
export interface NvrtcApi {
  readonly path: string;
  nvrtcVersion(major: number[], minor: number[]): number;
  nvrtcCreateProgram(out: U64Out, src: string, name: string, numHeaders: number, headers: null, includeNames: null): number;
  nvrtcCompileProgram(prog: bigint, numOptions: number, options: string[]): number;
  nvrtcGetCUBINSize(prog: bigint, out: U64Out): number;
  nvrtcGetCUBIN(prog: bigint, out: Uint8Array): number;
  nvrtcGetProgramLogSize(prog: bigint, out: U64Out): number;
  nvrtcGetProgramLog(prog: bigint, out: Uint8Array): number;
  nvrtcDestroyProgram(prog: U64Out): number;
}

const PROTOTYPES: Readonly<Record<Exclude<keyof NvrtcApi, 'path'>, string>> = {
  nvrtcVersion: 'int nvrtcVersion(_Out_ int *major, _Out_ int *minor)',
  nvrtcCreateProgram: 'int nvrtcCreateProgram(_Out_ uint64_t *prog, const char *src, const char *name, int numHeaders, void *headers, void *includeNames)',
  nvrtcCompileProgram: 'int nvrtcCompileProgram(uint64_t prog, int numOptions, const char **options)',
  nvrtcGetCUBINSize: 'int nvrtcGetCUBINSize(uint64_t prog, _Out_ size_t *size)',
  nvrtcGetCUBIN: 'int nvrtcGetCUBIN(uint64_t prog, _Out_ uint8_t *cubin)',
  nvrtcGetProgramLogSize: 'int nvrtcGetProgramLogSize(uint64_t prog, _Out_ size_t *size)',
  nvrtcGetProgramLog: 'int nvrtcGetProgramLog(uint64_t prog, _Out_ uint8_t *log)',
  nvrtcDestroyProgram: 'int nvrtcDestroyProgram(_Inout_ uint64_t *prog)',
};

/** Opens NVRTC (`libnvrtc.so.13`/`.12`) and binds {@link NvrtcApi}. */
export function loadNvrtcApi(d: DiscoveryEnv): NvrtcApi {
  const { lib, path } = openCudaLibrary('nvrtc', 'nvrtcVersion', d);
  return bindFunctions<NvrtcApi>(lib, PROTOTYPES, path);
}
