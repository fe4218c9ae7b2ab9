// The CUDA side of the shim for AOTInductor CUDA packages: finds the CUDA runtime (libcudart) and
// cuBLAS where the cuda plugin finds its libraries (NATIVERT_CUDA_LIB_DIR, LD_LIBRARY_PATH,
// CUDA_HOME, PyTorch's nvidia/*/lib folders, the linker's folders), has the shim dlopen them, and
// loads the libtorch-named stubs. Nothing here runs on a host without CUDA: the reason is reported.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import koffi from 'koffi';
import type { LibraryHandle } from 'koffi';
import type { DiscoveryEnv } from '@nativert/cuda';
import { hostDiscoveryEnv, searchDirs } from '@nativert/cuda';
import { ErrorCode, NativertError } from '@nativert/core';
import { readElfDynamic } from './elf-symbols.js';
import type { ShimApi } from './shim-library.js';
import { STUB_LIBRARIES, loadShim, shimUnavailableReason } from './shim-library.js';

/** File names tried for the CUDA runtime, newest ABI first. */
export const CUDART_NAMES: readonly string[] = ['libcudart.so.13', 'libcudart.so.12'];

/** File names tried for cuBLAS, newest ABI first. */
export const CUBLAS_NAMES: readonly string[] = ['libcublas.so.13', 'libcublas.so.12'];

/** What the shim loaded for CUDA packages. */
export interface AotiCudaRuntime {
  readonly cudartPath: string;
  /** cuBLAS, when found (CUDA GEMMs run on it; otherwise through the host). */
  readonly cublasPath: string | undefined;
  readonly deviceCount: number;
  /** Compute capability of device 0 as AOTInductor writes it (`90` for 9.0). */
  readonly computeCapability: string;
  /** The functions the CUDA runtime exports (what a CUDA blob's cuda* imports must be among). */
  readonly runtimeExports: ReadonlySet<string>;
}

/** The first existing file among `names` (in order) in the CUDA library search folders, or undefined. */
export function findCudaLibrary(names: readonly string[], d: DiscoveryEnv = hostDiscoveryEnv()): string | undefined {
  const dirs = searchDirs(d);
  for (const name of names) {
    for (const dir of dirs) {
      const p = join(dir, name);
      if (d.exists(p)) return p;
    }
  }
  return undefined;
}

let loaded: AotiCudaRuntime | { readonly unavailable: string } | undefined;
// koffi unloads a library whose handle is collected: the stubs stay referenced for the process.
const stubHandles: LibraryHandle[] = [];

function tryLoad(): AotiCudaRuntime | { readonly unavailable: string } {
  const shimReason = shimUnavailableReason();
  if (shimReason) return { unavailable: shimReason };
  const cudartPath = findCudaLibrary(CUDART_NAMES);
  if (!cudartPath) {
    return { unavailable: `no CUDA runtime library (${CUDART_NAMES.join(', ')}) in NATIVERT_CUDA_LIB_DIR, LD_LIBRARY_PATH, CUDA_HOME, /usr/local/cuda, PyTorch's nvidia/*/lib folders or the linker's folders` };
  }
  const missingStubs = Object.values(STUB_LIBRARIES).filter((p) => !existsSync(p));
  if (missingStubs.length > 0) return { unavailable: `the libtorch stubs are not built (${missingStubs.join(', ')}); run: npm run build:native -w @nativert/aoti` };
  const shim = loadShim();
  const cublasPath = findCudaLibrary(CUBLAS_NAMES);
  shim.clearLastError();
  if (shim.cudaLoad(cudartPath, cublasPath ?? null) !== 0) return { unavailable: `the shim could not open the CUDA runtime: ${shim.lastError()}` };
  const count: [number] = [0];
  const major: [number] = [0];
  const minor: [number] = [0];
  if (shim.cudaDeviceInfo(0, count, major, minor) !== 0) return { unavailable: `no usable CUDA device (${cudartPath}): ${shim.lastError()}` };
  if (count[0] < 1) return { unavailable: `no CUDA device (${cudartPath} reports 0)` };
  for (const path of Object.values(STUB_LIBRARIES)) stubHandles.push(koffi.load(path));
  const runtimeExports = new Set(readElfDynamic(readFileSync(cudartPath), cudartPath).exports);
  return { cudartPath, cublasPath: shim.cublasLoaded() ? cublasPath : undefined, deviceCount: count[0], computeCapability: `${major[0]}${minor[0]}`, runtimeExports };
}

/** Why CUDA packages cannot run here, or undefined when they can (loads the runtime once on first call). */
export function cudaRuntimeUnavailableReason(): string | undefined {
  loaded ??= tryLoad();
  return 'unavailable' in loaded ? loaded.unavailable : undefined;
}

/** The loaded CUDA runtime; throws PluginFailure with the reason when CUDA is unavailable. */
export function loadCudaRuntime(): AotiCudaRuntime & { readonly shim: ShimApi } {
  loaded ??= tryLoad();
  if ('unavailable' in loaded) throw new NativertError(ErrorCode.PluginFailure, `CUDA is unavailable for AOTInductor CUDA packages: ${loaded.unavailable}`);
  return { ...loaded, shim: loadShim() };
}
