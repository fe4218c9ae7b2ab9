// Public API of @nativert/cuda.
import type { DelegatePlugin } from '@nativert/core';
import { PLUGIN_API_VERSION } from '@nativert/core';
import { CudaDelegate } from './cuda-delegate.js';
import type { CudaLibraries } from './device/cuda-context.js';
import { hostDiscoveryEnv } from './ffi/library-discovery.js';
import { opTable } from './ops/all-ops.js';

export { CudaDelegate, refusalReason } from './cuda-delegate.js';
export { GraphReplay, inputSignature } from './graph-replay.js';
export { ALL_CUDA_OPS, opTable } from './ops/all-ops.js';
export type { CudaOpDef, CudaOpContext } from './ops/cuda-op.js';
export * from './ffi/library-discovery.js';
export { compileCacheKey, cacheDir } from './device/kernel-cache-key.js';
export type { CompileSpec } from './device/kernel-cache-key.js';
export { elementwiseSource, elementwiseSlots } from './codegen/elementwise-source.js';
export type { CType, ElementwiseSpec } from './codegen/elementwise-source.js';
export { coalesceDims } from './codegen/coalesce-dims.js';
export { KERNEL_LIBRARY_SOURCE } from './codegen/kernel-library.js';
export { sizeClass, MemoryPool } from './device/memory-pool.js';
export { blasOperand, collapseBatch } from './ops/gemm.js';
export { windowOut } from './ops/conv-pool-ops.js';
export type { CudaDeviceInfo, CudaLibraries } from './device/cuda-context.js';
export type { CudaContext } from './device/cuda-context.js';
export { ARG_SLOTS } from './device/param-writer.js';
export { toU64, toSize, u64Out } from './ffi/u64.js';
export type { KoffiU64, U64Out } from './ffi/u64.js';

/** Options of the cuda plugin (`pluginOptions.cuda`). */
export interface CudaOptions {
  /** GPU ordinal (default 0, or `NATIVERT_CUDA_DEVICE`). */
  readonly device?: number;
  /** Replay fixed-shape partitions as CUDA graphs (default true; `NATIVERT_CUDA_GRAPHS=0` turns it off). */
  readonly graphs?: boolean;
}

/** Whether graph replay is on: the option, else `NATIVERT_CUDA_GRAPHS` (anything but `0` is on). */
function graphsOn(options: CudaOptions): boolean {
  return options.graphs ?? process.env.NATIVERT_CUDA_GRAPHS !== '0';
}

/**
 * Opens the GPU, or describes why it cannot: the driver library, NVRTC, cuBLAS or a device is
 * missing. koffi itself is imported here, lazily, so a host without its binary still loads the plugin.
 */
export async function openCuda(index: number): Promise<{ cuda: import('./device/cuda-context.js').CudaContext } | { unavailable: string }> {
  try {
    const { CudaContext } = await import('./device/cuda-context.js');
    return { cuda: CudaContext.open(index, hostDiscoveryEnv()) };
  } catch (e) {
    return { unavailable: (e as Error).message };
  }
}

/**
 * A cuda delegate for device `index` on the given bindings (the koffi ones on a GPU host, or a
 * fake GPU in tests). Throws what the driver reports when the device cannot be opened.
 */
export async function cudaDelegateOn(index: number, libs: CudaLibraries, options: CudaOptions = {}): Promise<CudaDelegate> {
  const { CudaContext } = await import('./device/cuda-context.js');
  return new CudaDelegate({ type: 'cuda', index }, CudaContext.create(index, libs), opTable(), graphsOn(options));
}

/** The cuda plugin: float32 partitions on an NVIDIA GPU through the driver API, NVRTC and cuBLAS. */
const cudaPlugin: DelegatePlugin = {
  name: 'cuda',
  apiVersion: PLUGIN_API_VERSION,
  create: async (options, host) => {
    const index = Number((options as CudaOptions).device ?? process.env.NATIVERT_CUDA_DEVICE ?? 0);
    const opened = await openCuda(index);
    const device = { type: 'cuda', index };
    return new CudaDelegate(device, 'cuda' in opened ? opened.cuda : opened, opTable(), graphsOn(options as CudaOptions), (m) => host.logger.warn(m));
  },
};

export default cudaPlugin;
