// The libtorch-free shim (build/shim/libtorch_cpu.so), loaded once per process with RTLD_GLOBAL
// so that model .so files naming `libtorch_cpu.so` as NEEDED resolve their aoti_torch_* and
// Sleef_* imports to it. Only this shim is ever loaded under that name: never libtorch.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import koffi from 'koffi';
import { ErrorCode, NativertError } from '@nativert/core';
import { readElfDynamic } from './elf-symbols.js';

/** A shim tensor handle (AtenTensorHandle): an address, branded so it is never a plain number. */
export type TensorHandle = bigint & { readonly __aotiTensorHandle: unique symbol };

/** The SONAME the shim carries: the NEEDED name AOTInductor .so files use for libtorch. */
export const SHIM_SONAME = 'libtorch_cpu.so';

/** Path of the built shim library inside this package. */
export const SHIM_PATH = fileURLToPath(new URL('../build/shim/libtorch_cpu.so', import.meta.url));

/**
 * The empty stub libraries carrying the other libtorch names an AOTInductor CUDA .so needs
 * (SONAME -> path); loaded before such a model so its NEEDED entries resolve to them.
 */
export const STUB_LIBRARIES: Readonly<Record<string, string>> = {
  'libtorch.so': fileURLToPath(new URL('../build/shim/libtorch.so', import.meta.url)),
  'libtorch_cuda.so': fileURLToPath(new URL('../build/shim/libtorch_cuda.so', import.meta.url)),
};

/** The shim functions the plugin calls, typed. */
export interface ShimApi {
  /** Every symbol the shim exports (aoti_torch_*, Sleef_*, nativert_aoti_*). */
  readonly exports: ReadonlySet<string>;
  createTensorFromBlob(data: Uint8Array, ndim: number, sizes: BigInt64Array, strides: BigInt64Array, offset: number, dtype: number, deviceType: number, deviceIndex: number, out: [TensorHandle | null]): number;
  deleteTensor(h: TensorHandle): number;
  getDim(h: TensorHandle, out: [number]): number;
  getSizes(h: TensorHandle, out: [bigint | null]): number;
  getStrides(h: TensorHandle, out: [bigint | null]): number;
  getDtype(h: TensorHandle, out: [number]): number;
  getDeviceType(h: TensorHandle, out: [number]): number;
  tensorStorage(h: TensorHandle, base: [bigint | null], nbytes: [number], offset: [number], owned: [number]): number;
  lastError(): string;
  /** Forgets the last error (before a call whose failure is reported). */
  clearLastError(): void;
  liveHandles(): number;
  /** True while `h` is a handle the shim made and nobody has deleted (see nativert_aoti_tensor_is_live). */
  isLive(h: TensorHandle): boolean;
  /** Sets the OpenMP thread count of the calling thread, used by the next Run's kernels and fallback ops. */
  setNumThreads(threads: number): void;
  /** aoti_torch_empty_strided: a new tensor the shim allocates (CPU or CUDA memory). */
  emptyStrided(ndim: number, sizes: BigInt64Array, strides: BigInt64Array, dtype: number, deviceType: number, deviceIndex: number, out: [TensorHandle | null]): number;
  /** Copies `nbytes` between `host` and the start of `h`'s storage (into it when `toTensor`); see nativert_aoti_copy_storage. */
  copyStorage(h: TensorHandle, host: Uint8Array, nbytes: number, toTensor: boolean): number;
  /** Opens the CUDA runtime and (when given) cuBLAS by path; see nativert_aoti_cuda_load. */
  cudaLoad(cudartPath: string, cublasPath: string | null): number;
  /** Device count and compute capability of `index`; needs cudaLoad first. */
  cudaDeviceInfo(index: number, count: [number], major: [number], minor: [number]): number;
  /** True when cuBLAS is loaded (CUDA GEMMs run on it). */
  cublasLoaded(): boolean;
}

let shim: ShimApi | undefined;

/** Why the shim cannot be loaded here, or undefined when it can. */
export function shimUnavailableReason(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return `the AOTI shim is built for linux x64, this host is ${process.platform} ${process.arch}`;
  if (!existsSync(SHIM_PATH)) return `the AOTI shim is not built (${SHIM_PATH}); run: npm run build:native -w @nativert/aoti`;
  return undefined;
}

/** Loads the shim (once) and returns its API; throws PluginFailure when it is unavailable. */
export function loadShim(): ShimApi {
  if (shim) return shim;
  const reason = shimUnavailableReason();
  if (reason) throw new NativertError(ErrorCode.PluginFailure, reason);
  const lib = koffi.load(SHIM_PATH, { global: true });
  const exports = new Set(readElfDynamic(readFileSync(SHIM_PATH), SHIM_PATH).exports);
  const f = (decl: string) => lib.func(decl);
  const create = f('int aoti_torch_create_tensor_from_blob(void *data, int64_t ndim, const int64_t *sizes, const int64_t *strides, int64_t offset, int32_t dtype, int32_t device_type, int32_t device_index, _Out_ void **ret)');
  const del = f('int aoti_torch_delete_tensor_object(void *h)');
  const dim = f('int aoti_torch_get_dim(void *h, _Out_ int64_t *ret)');
  const sizes = f('int aoti_torch_get_sizes(void *h, _Out_ void **ret)');
  const strides = f('int aoti_torch_get_strides(void *h, _Out_ void **ret)');
  const dtype = f('int aoti_torch_get_dtype(void *h, _Out_ int32_t *ret)');
  const devType = f('int aoti_torch_get_device_type(void *h, _Out_ int32_t *ret)');
  const storage = f('int nativert_aoti_tensor_storage(void *h, _Out_ void **base, _Out_ int64_t *nbytes, _Out_ int64_t *offset, _Out_ int32_t *owned)');
  const lastError = f('const char *nativert_aoti_last_error()');
  const clearLastError = f('void nativert_aoti_clear_last_error()');
  const live = f('int64_t nativert_aoti_live_handles()');
  const setThreads = f('void nativert_aoti_set_num_threads(int32_t threads)');
  const isLive = f('int32_t nativert_aoti_tensor_is_live(void *h)');
  const empty = f('int aoti_torch_empty_strided(int64_t ndim, const int64_t *sizes, const int64_t *strides, int32_t dtype, int32_t device_type, int32_t device_index, _Out_ void **ret)');
  const copyStorage = f('int32_t nativert_aoti_copy_storage(void *h, void *host, int64_t nbytes, int32_t to_tensor)');
  const cudaLoad = f('int32_t nativert_aoti_cuda_load(const char *cudart, const char *cublas)');
  const cudaInfo = f('int32_t nativert_aoti_cuda_device_info(int32_t index, _Out_ int32_t *count, _Out_ int32_t *major, _Out_ int32_t *minor)');
  const cublasLoaded = f('int32_t nativert_aoti_cublas_loaded()');
  shim = {
    exports,
    createTensorFromBlob: (...a) => create(...a) as number,
    deleteTensor: (h) => del(h) as number,
    getDim: (h, out) => dim(h, out) as number,
    getSizes: (h, out) => sizes(h, out) as number,
    getStrides: (h, out) => strides(h, out) as number,
    getDtype: (h, out) => dtype(h, out) as number,
    getDeviceType: (h, out) => devType(h, out) as number,
    tensorStorage: (h, base, nbytes, offset, owned) => storage(h, base, nbytes, offset, owned) as number,
    lastError: () => lastError() as string,
    clearLastError: () => {
      clearLastError();
    },
    liveHandles: () => Number(live()),
    isLive: (h) => (isLive(h) as number) !== 0,
    setNumThreads: (n) => {
      setThreads(n);
    },
    emptyStrided: (...a) => empty(...a) as number,
    copyStorage: (h, host, nbytes, toTensor) => copyStorage(h, host, nbytes, toTensor ? 1 : 0) as number,
    cudaLoad: (cudart, cublas) => cudaLoad(cudart, cublas) as number,
    cudaDeviceInfo: (index, count, major, minor) => cudaInfo(index, count, major, minor) as number,
    cublasLoaded: () => (cublasLoaded() as number) !== 0,
  };
  return shim;
}
