// @nativert/aoti: runs AOTInductor-compiled models from PT2 archives through a libtorch-free
// implementation of PyTorch's aoti_torch_* C shim. The default export is the `aoti` DelegatePlugin.
import type { DelegatePlugin } from '@nativert/core';
import { PLUGIN_API_VERSION } from '@nativert/core';
import { AotiDelegate } from './aoti-delegate.js';

/** The `aoti` plugin: claims AOTInductor call nodes; runs native code only with `allowNativeCode`. */
const aotiPlugin: DelegatePlugin = {
  name: 'aoti',
  apiVersion: PLUGIN_API_VERSION,
  create: (_options, host) => new AotiDelegate(host),
};

export default aotiPlugin;
export { AotiDelegate } from './aoti-delegate.js';
export { AOTI_CALL_TARGET, AOTI_NODE_TARGETS, parseAotiCall } from './aoti-call-node.js';
export type { AotiCall } from './aoti-call-node.js';
export { AOTI_PREFIX, aotiBlobNames, getAotiBlob } from './aoti-artifacts.js';
export type { AotiBlob } from './aoti-artifacts.js';
export { loadAotiModel, loadAotiPackage } from './aoti-package.js';
export type { LoadAotiOptions } from './aoti-package.js';
export { AotiContainer } from './aoti-container.js';
export type { CallSpec } from './aoti-container.js';
export { readElfDynamic } from './elf-symbols.js';
export type { ElfDynamicInfo } from './elf-symbols.js';
export { checkShimCoverage, findShimGaps } from './shim-coverage.js';
export type { ShimGaps } from './shim-coverage.js';
export { checkBlobRunsHere, hostCpuFlags, probeHostCuda } from './host-check.js';
export type { AotiDevice, CudaProbe } from './host-check.js';
export { CUBLAS_NAMES, CUDART_NAMES, cudaRuntimeUnavailableReason, findCudaLibrary, loadCudaRuntime } from './cuda-runtime.js';
export type { AotiCudaRuntime } from './cuda-runtime.js';
export { loadShim, shimUnavailableReason, SHIM_PATH, SHIM_SONAME, STUB_LIBRARIES } from './shim-library.js';
export type { ShimApi, TensorHandle } from './shim-library.js';
export { materialize, materializeFolder, cacheDir, sha256Hex } from './so-cache.js';
export type { CachedFile } from './so-cache.js';
export { HOST_DEVICE } from './tensor-handles.js';
export type { HandleDevice } from './tensor-handles.js';
export { readStaticCallSpec } from './static-call-spec.js';
