import type { LibraryHandle } from 'koffi';
import type { DiscoveryEnv } from './library-discovery.js';
import { openCudaLibrary } from './load-library.js';
import type { KoffiU64, U64Out } from './u64.js';
import { toU64 } from './u64.js';

/** A device address (`CUdeviceptr`). */
export type DevicePtr = bigint & { readonly __devicePtr: unique symbol };
/** An opaque driver handle (`CUcontext`, `CUstream`, `CUmodule`, `CUfunction`, `CUevent`, `CUgraph`, `CUgraphExec`). */
export type DriverHandle = bigint & { readonly __driverHandle: unique symbol };

/** A device address koffi returned (number or bigint) as a {@link DevicePtr}. */
export function devicePtr(v: KoffiU64 | undefined, what: string): DevicePtr {
  return toU64(v, what) as DevicePtr;
}

/** A handle koffi returned (number or bigint) as a {@link DriverHandle}. */
export function driverHandle(v: KoffiU64 | undefined, what: string): DriverHandle {
  return toU64(v, what) as DriverHandle;
}

/** `CU_DEVICE_ATTRIBUTE_*` values the plugin reads. */
export const DeviceAttribute = { ComputeCapabilityMajor: 75, ComputeCapabilityMinor: 76, MultiprocessorCount: 16 } as const;

/** The driver API functions the plugin calls; every one returns a `CUresult` (0 = success). */
export interface DriverApi {
  readonly path: string;
  cuInit(flags: number): number;
  cuDriverGetVersion(out: number[]): number;
  cuDeviceGetCount(out: number[]): number;
  cuDeviceGet(out: number[], ordinal: number): number;
  cuDeviceGetName(out: Uint8Array, len: number, dev: number): number;
  cuDeviceGetAttribute(out: number[], attr: number, dev: number): number;
  cuDevicePrimaryCtxRetain(out: U64Out, dev: number): number;
  cuCtxSetCurrent(ctx: DriverHandle): number;
  cuMemAlloc(out: U64Out, bytes: number): number;
  cuMemFree(ptr: DevicePtr): number;
  cuMemcpyHtoDAsync(dst: DevicePtr, src: Uint8Array, bytes: number, stream: DriverHandle): number;
  cuMemcpyDtoH(dst: Uint8Array, src: DevicePtr, bytes: number): number;
  cuMemcpyDtoDAsync(dst: DevicePtr, src: DevicePtr, bytes: number, stream: DriverHandle): number;
  cuMemHostAlloc(out: U64Out, bytes: number, flags: number): number;
  cuMemFreeHost(ptr: bigint): number;
  /** `cuMemcpyHtoDAsync_v2` from a host address (pinned staging: truly asynchronous, capturable). */
  cuMemcpyHtoDAsyncFrom(dst: DevicePtr, src: bigint, bytes: number, stream: DriverHandle): number;
  /** `cuMemcpyDtoHAsync_v2` to a host address (pinned staging). */
  cuMemcpyDtoHAsync(dst: bigint, src: DevicePtr, bytes: number, stream: DriverHandle): number;
  cuMemsetD8Async(dst: DevicePtr, value: number, bytes: number, stream: DriverHandle): number;
  cuStreamCreate(out: U64Out, flags: number): number;
  cuStreamSynchronize(stream: DriverHandle): number;
  cuEventCreate(out: U64Out, flags: number): number;
  cuEventRecord(event: DriverHandle, stream: DriverHandle): number;
  cuEventSynchronize(event: DriverHandle): number;
  cuEventElapsedTime(out: number[], start: DriverHandle, end: DriverHandle): number;
  cuModuleLoadData(out: U64Out, image: Uint8Array): number;
  cuModuleGetFunction(out: U64Out, mod: DriverHandle, name: string): number;
  cuLaunchKernel(
    f: DriverHandle, gx: number, gy: number, gz: number, bx: number, by: number, bz: number,
    shared: number, stream: DriverHandle, params: bigint, extra: null,
  ): number;
  cuStreamBeginCapture(stream: DriverHandle, mode: number): number;
  cuStreamEndCapture(stream: DriverHandle, out: U64Out): number;
  cuGraphInstantiateWithFlags(out: U64Out, graph: DriverHandle, flags: number): number;
  cuGraphLaunch(exec: DriverHandle, stream: DriverHandle): number;
  cuGraphExecDestroy(exec: DriverHandle): number;
  cuGraphDestroy(graph: DriverHandle): number;
  cuGetErrorString(code: number, out: (string | null)[]): number;
}

/** C prototypes, by the name used in {@link DriverApi}; `_v2` symbols are the current ABI. */
const PROTOTYPES: Readonly<Record<Exclude<keyof DriverApi, 'path'>, string>> = {
  cuInit: 'int cuInit(unsigned int flags)',
  cuDriverGetVersion: 'int cuDriverGetVersion(_Out_ int *v)',
  cuDeviceGetCount: 'int cuDeviceGetCount(_Out_ int *n)',
  cuDeviceGet: 'int cuDeviceGet(_Out_ int *dev, int ordinal)',
  cuDeviceGetName: 'int cuDeviceGetName(_Out_ uint8_t *name, int len, int dev)',
  cuDeviceGetAttribute: 'int cuDeviceGetAttribute(_Out_ int *v, int attr, int dev)',
  cuDevicePrimaryCtxRetain: 'int cuDevicePrimaryCtxRetain(_Out_ uint64_t *ctx, int dev)',
  cuCtxSetCurrent: 'int cuCtxSetCurrent(uint64_t ctx)',
  cuMemAlloc: 'int cuMemAlloc_v2(_Out_ uint64_t *ptr, size_t bytes)',
  cuMemFree: 'int cuMemFree_v2(uint64_t ptr)',
  cuMemcpyHtoDAsync: 'int cuMemcpyHtoDAsync_v2(uint64_t dst, const uint8_t *src, size_t bytes, uint64_t stream)',
  cuMemcpyDtoH: 'int cuMemcpyDtoH_v2(_Out_ uint8_t *dst, uint64_t src, size_t bytes)',
  cuMemcpyDtoDAsync: 'int cuMemcpyDtoDAsync_v2(uint64_t dst, uint64_t src, size_t bytes, uint64_t stream)',
  cuMemHostAlloc: 'int cuMemHostAlloc(_Out_ uint64_t *ptr, size_t bytes, unsigned int flags)',
  cuMemFreeHost: 'int cuMemFreeHost(uint64_t ptr)',
  cuMemcpyHtoDAsyncFrom: 'int cuMemcpyHtoDAsync_v2(uint64_t dst, uint64_t src, size_t bytes, uint64_t stream)',
  cuMemcpyDtoHAsync: 'int cuMemcpyDtoHAsync_v2(uint64_t dst, uint64_t src, size_t bytes, uint64_t stream)',
  cuMemsetD8Async: 'int cuMemsetD8Async(uint64_t dst, uint8_t value, size_t bytes, uint64_t stream)',
  cuStreamCreate: 'int cuStreamCreate(_Out_ uint64_t *stream, unsigned int flags)',
  cuStreamSynchronize: 'int cuStreamSynchronize(uint64_t stream)',
  cuEventCreate: 'int cuEventCreate(_Out_ uint64_t *event, unsigned int flags)',
  cuEventRecord: 'int cuEventRecord(uint64_t event, uint64_t stream)',
  cuEventSynchronize: 'int cuEventSynchronize(uint64_t event)',
  cuEventElapsedTime: 'int cuEventElapsedTime(_Out_ float *ms, uint64_t start, uint64_t end)',
  cuModuleLoadData: 'int cuModuleLoadData(_Out_ uint64_t *mod, const uint8_t *image)',
  cuModuleGetFunction: 'int cuModuleGetFunction(_Out_ uint64_t *fn, uint64_t mod, const char *name)',
  cuLaunchKernel:
    'int cuLaunchKernel(uint64_t f, unsigned int gx, unsigned int gy, unsigned int gz, unsigned int bx, unsigned int by, unsigned int bz, unsigned int shared, uint64_t stream, uint64_t params, void *extra)',
  cuStreamBeginCapture: 'int cuStreamBeginCapture_v2(uint64_t stream, int mode)',
  cuStreamEndCapture: 'int cuStreamEndCapture(uint64_t stream, _Out_ uint64_t *graph)',
  cuGraphInstantiateWithFlags: 'int cuGraphInstantiateWithFlags(_Out_ uint64_t *exec, uint64_t graph, unsigned long long flags)',
  cuGraphLaunch: 'int cuGraphLaunch(uint64_t exec, uint64_t stream)',
  cuGraphExecDestroy: 'int cuGraphExecDestroy(uint64_t exec)',
  cuGraphDestroy: 'int cuGraphDestroy(uint64_t graph)',
  cuGetErrorString: 'int cuGetErrorString(int code, _Out_ const char **str)',
};

/** Binds every {@link DriverApi} function from `lib`. Throws when a symbol is missing. */
export function bindFunctions<T>(lib: LibraryHandle, prototypes: Readonly<Record<string, string>>, path: string): T {
  const api: Record<string, unknown> = { path };
  for (const [name, proto] of Object.entries(prototypes)) api[name] = lib.func(proto);
  return api as T;
}

/** Opens the driver library (`libcuda.so.1`) and binds {@link DriverApi}. */
export function loadDriverApi(d: DiscoveryEnv): DriverApi {
  const { lib, path } = openCudaLibrary('cuda', 'cuInit', d);
  return bindFunctions<DriverApi>(lib, PROTOTYPES, path);
}
