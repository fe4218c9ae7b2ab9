import koffi from 'koffi';
import type { CublasApi } from '../ffi/cublas-api.js';
import { loadCublasApi } from '../ffi/cublas-api.js';
import type { DevicePtr, DriverApi, DriverHandle } from '../ffi/driver-api.js';
import { DeviceAttribute, devicePtr, driverHandle, loadDriverApi } from '../ffi/driver-api.js';
import type { DiscoveryEnv } from '../ffi/library-discovery.js';
import type { NvrtcApi } from '../ffi/nvrtc-api.js';
import { loadNvrtcApi } from '../ffi/nvrtc-api.js';
import { toU64, u64Out } from '../ffi/u64.js';
import { cudaError } from './cuda-error.js';
import type { RawAllocator } from './memory-pool.js';
import { MemoryPool } from './memory-pool.js';
import { NvrtcCompiler } from './nvrtc-compiler.js';
import { ARG_SLOTS, ParamWriter } from './param-writer.js';

/** Page-locked host memory: its address for the driver and a view of its bytes for JS. */
export interface PinnedBuffer {
  readonly address: bigint;
  readonly bytes: Uint8Array;
}

/** Launch geometry. */
export interface LaunchDims {
  readonly grid: readonly [number, number?, number?];
  readonly block: readonly [number, number?, number?];
  readonly shared?: number;
}

/** What the host has: device name, compute capability, library files and versions. */
export interface CudaDeviceInfo {
  readonly index: number;
  readonly name: string;
  readonly arch: string;
  readonly multiprocessors: number;
  readonly driverVersion: number;
  readonly libraries: Readonly<Record<'cuda' | 'nvrtc' | 'cublas', string>>;
  readonly nvrtcVersion: string;
}

/** The bound libraries a context runs on (koffi bindings on a GPU host; fakes in tests). */
export interface CudaLibraries {
  readonly driver: DriverApi;
  readonly nvrtc: NvrtcApi;
  readonly cublas: CublasApi;
}

/**
 * One GPU opened for the plugin: the primary context made current, one stream every kernel,
 * copy and GEMM runs on, a cuBLAS handle bound to it, the memory pool and the compiled modules.
 * Lives as long as the plugin's delegate (the driver frees everything at process exit).
 */
export class CudaContext {
  readonly pool: MemoryPool;
  private readonly raw: RawAllocator;
  private readonly modules = new Map<string, Map<string, DriverHandle>>();
  /** Native block holding `void *params[1]` followed by the argument struct (address and bytes). */
  private readonly argBlock: bigint;
  private readonly argView: ArrayBuffer;
  readonly alpha = new Float32Array(1);
  readonly beta = new Float32Array(1);

  private constructor(
    readonly driver: DriverApi,
    readonly cublas: CublasApi,
    readonly cublasHandle: DriverHandle,
    readonly compiler: NvrtcCompiler,
    readonly stream: DriverHandle,
    readonly info: CudaDeviceInfo,
  ) {
    this.raw = {
      alloc: (bytes) => {
        const out = u64Out();
        return driver.cuMemAlloc(out, bytes) === 0 ? devicePtr(out[0], 'cuMemAlloc') : null;
      },
      free: (p) => void driver.cuMemFree(p),
    };
    this.pool = new MemoryPool(this.raw);
    const bytes = 64 + ARG_SLOTS * 8;
    const block = koffi.alloc('uint8', bytes);
    this.argBlock = toU64(koffi.address(block), 'koffi.alloc');
    this.argView = koffi.view(block, bytes);
    new DataView(this.argView).setBigUint64(0, this.argBlock + 64n, true);
  }

  /**
   * Loads the libraries (see {@link DiscoveryEnv}), initialises the driver and opens device
   * `index`. Throws an Error saying what is missing (library, device, permissions).
   */
  static open(index: number, d: DiscoveryEnv): CudaContext {
    const driver = loadDriverApi(d);
    return CudaContext.create(index, { driver, nvrtc: loadNvrtcApi(d), cublas: loadCublasApi(d) });
  }

  /** Initialises the driver through `libs` and opens device `index` (see {@link CudaContext.open}). */
  static create(index: number, libs: CudaLibraries): CudaContext {
    const { driver, nvrtc, cublas } = libs;
    const check = (call: string, rc: number) => {
      if (rc !== 0) {
        const s: (string | null)[] = [null];
        driver.cuGetErrorString(rc, s);
        throw cudaError(call, rc, s[0] ?? undefined);
      }
    };
    check('cuInit', driver.cuInit(0));
    const count = [0];
    check('cuDeviceGetCount', driver.cuDeviceGetCount(count));
    if (index >= count[0]!) throw new Error(`cuda:${index} requested but the driver reports ${count[0]} device(s)`);
    const dev = [0];
    check('cuDeviceGet', driver.cuDeviceGet(dev, index));
    const attr = (a: number) => {
      const v = [0];
      check(`cuDeviceGetAttribute(${a})`, driver.cuDeviceGetAttribute(v, a, dev[0]!));
      return v[0]!;
    };
    const nameBuf = new Uint8Array(256);
    check('cuDeviceGetName', driver.cuDeviceGetName(nameBuf, 256, dev[0]!));
    const ctxOut = u64Out();
    check('cuDevicePrimaryCtxRetain', driver.cuDevicePrimaryCtxRetain(ctxOut, dev[0]!));
    check('cuCtxSetCurrent', driver.cuCtxSetCurrent(driverHandle(ctxOut[0], 'cuDevicePrimaryCtxRetain')));
    const streamOut = u64Out();
    // Flag 1 = CU_STREAM_NON_BLOCKING: no implicit sync with the legacy stream.
    check('cuStreamCreate', driver.cuStreamCreate(streamOut, 1));
    const stream = driverHandle(streamOut[0], 'cuStreamCreate');
    const handleOut = u64Out();
    const rcb = cublas.cublasCreate(handleOut);
    if (rcb !== 0) throw cudaError('cublasCreate', rcb);
    const handle = driverHandle(handleOut[0], 'cublasCreate');
    const rcs = cublas.cublasSetStream(handle, stream);
    if (rcs !== 0) throw cudaError('cublasSetStream', rcs);
    const arch = `sm_${attr(DeviceAttribute.ComputeCapabilityMajor)}${attr(DeviceAttribute.ComputeCapabilityMinor)}`;
    const compiler = new NvrtcCompiler(nvrtc, arch);
    const version = [0];
    driver.cuDriverGetVersion(version);
    const info: CudaDeviceInfo = {
      index,
      name: Buffer.from(nameBuf).toString('utf8').replace(/\0.*$/s, ''),
      arch,
      multiprocessors: attr(DeviceAttribute.MultiprocessorCount),
      driverVersion: version[0]!,
      libraries: { cuda: driver.path, nvrtc: nvrtc.path, cublas: cublas.path },
      nvrtcVersion: compiler.version,
    };
    return new CudaContext(driver, cublas, handle, compiler, stream, info);
  }

  /** Throws a `PluginFailure` naming `call` when `rc` is not CUDA_SUCCESS. */
  check(call: string, rc: number): void {
    if (rc === 0) return;
    const s: (string | null)[] = [null];
    this.driver.cuGetErrorString(rc, s);
    throw cudaError(call, rc, s[0] ?? undefined);
  }

  /** Function `name` of the module compiled from `source` (compiled and loaded once). */
  kernel(source: string, moduleName: string, name: string): DriverHandle {
    let fns = this.modules.get(source);
    if (!fns) {
      const { cubin, cached } = this.compiler.compile(source, moduleName);
      const mod = u64Out();
      let rc = this.driver.cuModuleLoadData(mod, cubin);
      // A damaged or foreign cache entry: compile again and overwrite it.
      if (rc !== 0 && cached) rc = this.driver.cuModuleLoadData(mod, this.compiler.compile(source, moduleName, true).cubin);
      this.check(`cuModuleLoadData(${moduleName})`, rc);
      fns = new Map([['', driverHandle(mod[0], 'cuModuleLoadData')]]);
      this.modules.set(source, fns);
    }
    let fn = fns.get(name);
    if (fn === undefined) {
      const out = u64Out();
      this.check(`cuModuleGetFunction(${moduleName}.${name})`, this.driver.cuModuleGetFunction(out, fns.get('')!, name));
      fn = driverHandle(out[0], 'cuModuleGetFunction');
      fns.set(name, fn);
    }
    return fn;
  }

  /** Queues `fn` on the stream with the arguments `write` packs (see {@link ParamWriter}). */
  launch(fn: DriverHandle, dims: LaunchDims, write: (p: ParamWriter) => void, label: string): void {
    write(new ParamWriter(this.argView, 64, ARG_SLOTS));
    const [gx, gy = 1, gz = 1] = dims.grid;
    const [bx, by = 1, bz = 1] = dims.block;
    if (gx <= 0 || gy <= 0 || gz <= 0) return;
    this.check(`cuLaunchKernel(${label})`, this.driver.cuLaunchKernel(fn, gx, gy, gz, bx, by, bz, dims.shared ?? 0, this.stream, this.argBlock, null));
  }

  /** Copies host bytes to device memory (queued; the host bytes may be reused on return). */
  upload(dst: DevicePtr, src: Uint8Array): void {
    if (src.byteLength === 0) return;
    this.check('cuMemcpyHtoDAsync', this.driver.cuMemcpyHtoDAsync(dst, src, src.byteLength, this.stream));
  }

  /** Waits for the stream, then copies device bytes into `dst`. */
  download(dst: Uint8Array, src: DevicePtr): void {
    this.synchronize();
    if (dst.byteLength === 0) return;
    this.check('cuMemcpyDtoH', this.driver.cuMemcpyDtoH(dst, src, dst.byteLength));
  }

  /** Page-locked host memory of `bytes` bytes (at least 1), for asynchronous copies; free it with {@link freePinned}. */
  allocPinned(bytes: number): PinnedBuffer {
    const out = u64Out();
    this.check(`cuMemHostAlloc(${bytes})`, this.driver.cuMemHostAlloc(out, Math.max(bytes, 1), 0));
    const address = toU64(out[0], 'cuMemHostAlloc');
    return { address, bytes: new Uint8Array(koffi.view(address, Math.max(bytes, 1)), 0, bytes) };
  }

  /** Frees a {@link PinnedBuffer}; no queued copy may still use it. */
  freePinned(b: PinnedBuffer): void {
    this.driver.cuMemFreeHost(b.address);
  }

  /** Queues a copy from pinned host memory at `src` to the device (capturable). */
  uploadPinned(dst: DevicePtr, src: bigint, bytes: number): void {
    if (bytes > 0) this.check('cuMemcpyHtoDAsync', this.driver.cuMemcpyHtoDAsyncFrom(dst, src, bytes, this.stream));
  }

  /** Queues a copy from the device to pinned host memory at `dst` (capturable). */
  downloadPinned(dst: bigint, src: DevicePtr, bytes: number): void {
    if (bytes > 0) this.check('cuMemcpyDtoHAsync', this.driver.cuMemcpyDtoHAsync(dst, src, bytes, this.stream));
  }

  /** Queues a device-to-device copy. */
  copy(dst: DevicePtr, src: DevicePtr, bytes: number): void {
    if (bytes > 0) this.check('cuMemcpyDtoDAsync', this.driver.cuMemcpyDtoDAsync(dst, src, bytes, this.stream));
  }

  /** A pool of its own on the driver's allocator: a captured graph keeps its blocks to itself. */
  newPool(): MemoryPool {
    return new MemoryPool(this.raw);
  }

  /** Starts capturing the stream's work into a graph (relaxed mode: allocating stays allowed). */
  beginCapture(): void {
    this.check('cuStreamBeginCapture', this.driver.cuStreamBeginCapture(this.stream, 2));
  }

  /** Ends the capture and returns the instantiated graph; throws when the capture was invalidated. */
  endCapture(): DriverHandle {
    const g = u64Out();
    this.check('cuStreamEndCapture', this.driver.cuStreamEndCapture(this.stream, g));
    const graph = driverHandle(g[0], 'cuStreamEndCapture');
    const exec = u64Out();
    try {
      this.check('cuGraphInstantiateWithFlags', this.driver.cuGraphInstantiateWithFlags(exec, graph, 0));
    } finally {
      this.driver.cuGraphDestroy(graph);
    }
    return driverHandle(exec[0], 'cuGraphInstantiateWithFlags');
  }

  /** Queues a replay of an instantiated graph on the stream. */
  launchGraph(exec: DriverHandle): void {
    this.check('cuGraphLaunch', this.driver.cuGraphLaunch(exec, this.stream));
  }

  /** Frees an instantiated graph. */
  destroyGraph(exec: DriverHandle): void {
    this.driver.cuGraphExecDestroy(exec);
  }

  /** Blocks until everything queued on the stream has run. */
  synchronize(): void {
    this.check('cuStreamSynchronize', this.driver.cuStreamSynchronize(this.stream));
  }
}
