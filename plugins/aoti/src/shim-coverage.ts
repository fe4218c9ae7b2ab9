// Before a model .so is loaded: every shim function it imports must exist in the shim, and every
// library it needs must be the shim or a system library — never a crash at first call, and never
// a real libtorch pulled in by name.
import { ErrorCode, NativertError } from '@nativert/core';
import type { AotiBlob } from './aoti-artifacts.js';
import { readElfDynamic } from './elf-symbols.js';
import { SHIM_SONAME } from './shim-library.js';

/** Import prefixes the shim is responsible for. */
const SHIM_PREFIXES = ['aoti_torch_', 'Sleef_', 'aoti_record_function'];

/** System libraries a model .so may need besides the shim (C/C++ runtimes, OpenMP). */
const SYSTEM_LIBRARIES = new Set([
  'libgomp.so.1', 'libstdc++.so.6', 'libm.so.6', 'libgcc_s.so.1', 'libc.so.6', 'ld-linux-x86-64.so.2',
  'libpthread.so.0', 'libdl.so.2', 'librt.so.1',
]);

/** Libraries a CUDA blob needs besides those: the driver (a system library on a GPU host) and the libtorch stubs. */
const CUDA_BLOB_LIBRARIES = new Set(['libcuda.so.1', 'libtorch.so', 'libtorch_cuda.so']);

/** CUDA runtime functions a CUDA blob imports (cudaMalloc, cudaEventRecord, ...). */
const CUDA_RUNTIME_SYMBOL = /^cuda[A-Z]/;

/** What a blob needs that this host cannot give it; both empty when it can be loaded. */
export interface ShimGaps {
  /** Shim functions the .so imports that the shim does not export. */
  readonly missingSymbols: readonly string[];
  /** NEEDED libraries that are neither the shim nor a known system library. */
  readonly foreignLibraries: readonly string[];
}

/**
 * Compares `blob`'s dynamic imports with `shimExports` (and, for a CUDA blob, its CUDA runtime
 * imports with `runtimeExports` when given: the loaded libcudart's exports); reads the ELF, runs nothing.
 */
export function findShimGaps(blob: AotiBlob, shimExports: ReadonlySet<string>, source: string, runtimeExports?: ReadonlySet<string>): ShimGaps {
  const elf = readElfDynamic(blob.so.bytes, `${source}: ${blob.so.path}`);
  const cuda = blob.metadata['AOTI_DEVICE_KEY'] === 'cuda';
  const names = elf.imports.map((s) => s.split('@')[0]!);
  const missingSymbols = [
    ...names.filter((s) => SHIM_PREFIXES.some((p) => s.startsWith(p)) && !shimExports.has(s)),
    ...(cuda && runtimeExports ? names.filter((s) => CUDA_RUNTIME_SYMBOL.test(s) && !runtimeExports.has(s)) : []),
  ].sort();
  const foreignLibraries = elf.needed.filter((n) => n !== SHIM_SONAME && !SYSTEM_LIBRARIES.has(n) && !(cuda && CUDA_BLOB_LIBRARIES.has(n)));
  return { missingSymbols: [...new Set(missingSymbols)], foreignLibraries };
}

/** Throws UnsupportedOperator listing every gap of `blob`, or returns when there are none. */
export function checkShimCoverage(blob: AotiBlob, shimExports: ReadonlySet<string>, source: string, runtimeExports?: ReadonlySet<string>): void {
  const gaps = findShimGaps(blob, shimExports, source, runtimeExports);
  const parts: string[] = [];
  if (gaps.missingSymbols.length > 0) parts.push(`imports ${gaps.missingSymbols.length} shim function(s) the aoti shim lacks: ${gaps.missingSymbols.join(', ')}`);
  if (gaps.foreignLibraries.length > 0) parts.push(`needs libraries that are neither the shim nor system libraries: ${gaps.foreignLibraries.join(', ')}`);
  if (parts.length > 0) throw new NativertError(ErrorCode.UnsupportedOperator, `${source}: ${blob.so.path} ${parts.join('; ')}`);
}
