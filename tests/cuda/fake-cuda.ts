import koffi from 'koffi';
import type { CudaLibraries } from '@nativert/cuda';
import { ARG_SLOTS } from '@nativert/cuda';

/**
 * A fake GPU behind the plugin's driver, NVRTC and cuBLAS bindings, for tests without a GPU.
 * It answers like koffi does (64-bit `_Out_` values come back as JS numbers when they fit 2^53,
 * which is how device addresses arrive on a real host), keeps device memory in host buffers, and
 * emulates the plugin's kernels in JS: generated elementwise kernels by translating their
 * expression, the fixed kernels of the library module one by one, and SGEMM column-major like
 * cuBLAS. So partitions run end to end and their outputs can be compared with PyTorch's.
 */
export class FakeGpu {
  /** Allocations by base address; addresses start above 2^32 like a real device's. */
  private readonly blocks = new Map<number, Uint8Array>();
  private next = 0x7f00_0000_0000;
  private readonly programs = new Map<number, string>();
  private readonly modules = new Map<number, string>();
  private readonly functions = new Map<number, { source: string; name: string }>();
  private handles = 1;
  /** Kernel names run, in order (graph replays included). */
  readonly launches: string[] = [];
  /** Work recorded while the stream is being captured, else null. */
  private capturing: (() => void)[] | null = null;
  private readonly graphs = new Map<number, (() => void)[]>();
  /** Number of cuGraphLaunch calls. */
  graphLaunches = 0;
  /** Number of cuLaunchKernel calls (kernels inside a replayed graph not counted). */
  hostLaunches = 0;
  /** Number of cuMemAlloc calls. */
  allocations = 0;
  /** Device allocations not freed. */
  get liveBlocks(): number {
    return this.blocks.size;
  }

  /** Pinned host allocations not freed. */
  get pinnedBlocks(): number {
    return this.pinned.size;
  }

  /** Pinned host allocations (koffi native blocks) by address. */
  private readonly pinned = new Map<number, { readonly block: unknown; readonly size: number }>();

  /** The bindings, shaped like the koffi ones. */
  libraries(): CudaLibraries {
    const ok = 0;
    const handle = (out: unknown[]) => {
      out[0] = 0x5500_0000 + this.handles++;
      return ok;
    };
    const driver = {
      path: 'fake-libcuda.so.1',
      cuInit: () => ok,
      cuDriverGetVersion: (o: number[]) => { o[0] = 13000; return ok; },
      cuDeviceGetCount: (o: number[]) => { o[0] = 1; return ok; },
      cuDeviceGet: (o: number[]) => { o[0] = 0; return ok; },
      cuDeviceGetName: (o: Uint8Array) => { o.set(Buffer.from('Fake GPU\0')); return ok; },
      cuDeviceGetAttribute: (o: number[], attr: number) => { o[0] = attr === 75 ? 9 : attr === 76 ? 0 : 4; return ok; },
      cuDevicePrimaryCtxRetain: handle,
      cuCtxSetCurrent: () => ok,
      cuMemAlloc: (o: unknown[], bytes: number) => {
        this.allocations++;
        const base = this.next;
        this.next += Math.ceil(Math.max(bytes, 1) / 256) * 256 + 256;
        this.blocks.set(base, new Uint8Array(bytes));
        o[0] = base;
        return ok;
      },
      cuMemFree: (p: bigint) => (this.blocks.delete(this.addr(p)) ? ok : 1),
      // Pageable host copies and syncs are not capturable (CUDA_ERROR_STREAM_CAPTURE_UNSUPPORTED).
      cuMemcpyHtoDAsync: (dst: bigint, src: Uint8Array, bytes: number) => (this.capturing ? 900 : (this.bytes(dst, bytes).set(src.subarray(0, bytes)), ok)),
      cuMemcpyDtoH: (dst: Uint8Array, src: bigint, bytes: number) => (this.capturing ? 900 : (dst.set(this.bytes(src, bytes)), ok)),
      cuMemcpyDtoDAsync: (dst: bigint, src: bigint, bytes: number) => this.queue(() => this.bytes(dst, bytes).set(this.bytes(src, bytes))),
      // Pinned host memory is real native memory, so the plugin's koffi views of it work.
      cuMemHostAlloc: (o: unknown[], bytes: number) => {
        const block = koffi.alloc('uint8', bytes);
        const address = koffi.address(block) as bigint;
        this.pinned.set(Number(address), { block, size: bytes });
        o[0] = Number(address);
        return ok;
      },
      cuMemFreeHost: (p: bigint) => {
        const entry = this.pinned.get(this.addr(p));
        if (!entry) return 1;
        this.pinned.delete(this.addr(p));
        koffi.free(entry.block);
        return ok;
      },
      // Copies with pinned memory are asynchronous and capturable.
      cuMemcpyHtoDAsyncFrom: (dst: bigint, src: bigint, bytes: number) => this.queue(() => this.bytes(dst, bytes).set(this.host(src, bytes))),
      cuMemcpyDtoHAsync: (dst: bigint, src: bigint, bytes: number) => this.queue(() => this.host(dst, bytes).set(this.bytes(src, bytes))),
      cuMemsetD8Async: (dst: bigint, v: number, bytes: number) => this.queue(() => this.bytes(dst, bytes).fill(v)),
      cuStreamCreate: handle,
      cuStreamSynchronize: () => (this.capturing ? 900 : ok),
      cuEventCreate: handle,
      cuEventRecord: () => ok,
      cuEventSynchronize: () => ok,
      cuEventElapsedTime: (o: number[]) => { o[0] = 0; return ok; },
      cuModuleLoadData: (o: unknown[], image: Uint8Array) => {
        const id = 0x6600_0000 + this.handles++;
        this.modules.set(id, Buffer.from(image).toString('utf8'));
        o[0] = id;
        return ok;
      },
      cuModuleGetFunction: (o: unknown[], mod: bigint, name: string) => {
        const source = this.modules.get(this.addr(mod));
        if (source === undefined || !source.includes(` ${name}(`)) return 500;
        const id = 0x7700_0000 + this.handles++;
        this.functions.set(id, { source, name });
        o[0] = id;
        return ok;
      },
      cuLaunchKernel: (f: bigint, gx: number, _gy: number, _gz: number, _bx: number, _by: number, _bz: number, _shared: number, _stream: bigint, params: bigint) => {
        const fn = this.functions.get(this.addr(f));
        if (!fn) return 400;
        this.hostLaunches++;
        // The driver copies the arguments at launch (and at capture): so does the fake.
        const slots = new DataView(new Uint8Array(koffi.view(params + 64n, ARG_SLOTS * 8)).slice().buffer);
        return this.queue(() => {
          this.launches.push(fn.name);
          this.run(fn.source, fn.name, slots, gx);
        });
      },
      cuStreamBeginCapture: (_s: bigint, mode: number) => {
        if (this.capturing || mode !== 2) return 900;
        this.capturing = [];
        return ok;
      },
      cuStreamEndCapture: (_s: bigint, o: unknown[]) => {
        if (!this.capturing) return 901;
        const id = 0x9900_0000 + this.handles++;
        this.graphs.set(id, this.capturing);
        this.capturing = null;
        o[0] = id;
        return ok;
      },
      cuGraphInstantiateWithFlags: (o: unknown[], g: bigint) => {
        const work = this.graphs.get(this.addr(g));
        if (!work) return 400;
        const id = 0x9a00_0000 + this.handles++;
        this.graphs.set(id, [...work]);
        o[0] = id;
        return ok;
      },
      cuGraphLaunch: (e: bigint) => {
        const work = this.graphs.get(this.addr(e));
        if (!work || this.capturing) return 400;
        this.graphLaunches++;
        for (const w of work) w();
        return ok;
      },
      cuGraphExecDestroy: (e: bigint) => (this.graphs.delete(this.addr(e)) ? ok : 400),
      cuGraphDestroy: (g: bigint) => (this.graphs.delete(this.addr(g)) ? ok : 400),
      cuGetErrorString: (code: number, o: (string | null)[]) => { o[0] = `fake error ${code}`; return ok; },
    };
    const nvrtc = {
      path: 'fake-libnvrtc.so.13',
      // A version no real NVRTC has, so fake images never share a compile-cache key with real ones.
      nvrtcVersion: (a: number[], b: number[]) => { a[0] = 0; b[0] = 1; return ok; },
      nvrtcCreateProgram: (o: unknown[], src: string) => {
        const id = 0x8800_0000 + this.handles++;
        this.programs.set(id, src);
        o[0] = id;
        return ok;
      },
      nvrtcCompileProgram: () => ok,
      nvrtcGetCUBINSize: (p: bigint, o: unknown[]) => { o[0] = Buffer.byteLength(this.programs.get(this.addr(p))!); return ok; },
      nvrtcGetCUBIN: (p: bigint, o: Uint8Array) => { o.set(Buffer.from(this.programs.get(this.addr(p))!)); return ok; },
      nvrtcGetProgramLogSize: (_p: bigint, o: unknown[]) => { o[0] = 1; return ok; },
      nvrtcGetProgramLog: () => ok,
      nvrtcDestroyProgram: (o: unknown[]) => { this.programs.delete(Number(o[0])); return ok; },
    };
    const cublas = {
      path: 'fake-libcublas.so.13',
      cublasCreate: handle,
      cublasSetStream: () => ok,
      cublasGetVersion: (_h: bigint, o: number[]) => { o[0] = 130000; return ok; },
      // Host pointer mode: alpha and beta are read at the call, so a captured GEMM keeps those values.
      cublasSgemm: (_h: bigint, ta: number, tb: number, m: number, n: number, k: number, alpha: Float32Array, a: bigint, lda: number, b: bigint, ldb: number, beta: Float32Array, c: bigint, ldc: number) => {
        const [al, be] = [alpha[0]!, beta[0]!];
        return this.queue(() => this.sgemm(ta, tb, m, n, k, al, a, lda, 0, b, ldb, 0, be, c, ldc, 0, 1));
      },
      cublasSgemmStridedBatched: (_h: bigint, ta: number, tb: number, m: number, n: number, k: number, alpha: Float32Array, a: bigint, lda: number, sa: number, b: bigint, ldb: number, sb: number, beta: Float32Array, c: bigint, ldc: number, sc: number, batch: number) => {
        const [al, be] = [alpha[0]!, beta[0]!];
        return this.queue(() => this.sgemm(ta, tb, m, n, k, al, a, lda, sa, b, ldb, sb, be, c, ldc, sc, batch));
      },
    };
    return { driver, nvrtc, cublas } as unknown as CudaLibraries;
  }

  /** Runs stream work now, or records it while capturing; returns CUDA_SUCCESS. */
  private queue(work: () => void): number {
    if (this.capturing) this.capturing.push(work);
    else work();
    return 0;
  }

  /** `bytes` bytes of pinned host memory at `ptr` (inside one allocation). */
  private host(ptr: bigint, bytes: number): Uint8Array {
    const a = this.addr(ptr);
    for (const [base, { size }] of this.pinned) {
      if (a >= base && a + bytes <= base + size) return new Uint8Array(koffi.view(ptr, bytes));
    }
    throw new RangeError(`fake cuda: ${bytes} host bytes at 0x${a.toString(16)} are not pinned memory`);
  }

  /** A handle or address as the number it was handed out as; the plugin must pass bigints. */
  private addr(v: bigint): number {
    if (typeof v !== 'bigint') throw new TypeError(`fake cuda: expected a bigint address or handle, got ${typeof v} ${String(v)}`);
    return Number(v);
  }

  /** `bytes` bytes of device memory at `ptr` (inside one allocation). */
  private bytes(ptr: bigint, bytes: number): Uint8Array {
    const a = this.addr(ptr);
    for (const [base, block] of this.blocks) {
      if (a >= base && a + bytes <= base + block.byteLength) return block.subarray(a - base, a - base + bytes);
    }
    throw new RangeError(`fake cuda: ${bytes} bytes at 0x${a.toString(16)} are not inside one allocation`);
  }

  /** The rest of the allocation holding `ptr`, as floats (a null pointer gives null). */
  private f32(ptr: bigint): Float32Array;
  private f32(ptr: bigint, nullable: true): Float32Array | null;
  private f32(ptr: bigint, nullable = false): Float32Array | null {
    if (nullable && ptr === 0n) return null;
    const a = this.addr(ptr);
    for (const [base, block] of this.blocks) {
      if (a >= base && a < base + block.byteLength) {
        const off = block.byteOffset + a - base;
        if (off % 4 !== 0) throw new RangeError('fake cuda: misaligned float pointer');
        return new Float32Array(block.buffer, off, Math.floor((block.byteLength - (a - base)) / 4));
      }
    }
    throw new RangeError(`fake cuda: 0x${a.toString(16)} is not device memory`);
  }

  /** A typed view of the allocation holding `ptr` for element type `t`. */
  private typed(ptr: bigint, t: string): { [i: number]: number | bigint } {
    const a = this.addr(ptr);
    for (const [base, block] of this.blocks) {
      if (a >= base && a < base + block.byteLength) {
        const off = block.byteOffset + a - base;
        const left = block.byteLength - (a - base);
        switch (t) {
          case 'float': return new Float32Array(block.buffer, off, Math.floor(left / 4));
          case 'u8': return new Uint8Array(block.buffer, off, left);
          case 'u16': return new Uint16Array(block.buffer, off, Math.floor(left / 2));
          case 'u32': return new Uint32Array(block.buffer, off, Math.floor(left / 4));
          case 'u64': return new BigUint64Array(block.buffer, off, Math.floor(left / 8));
          case 'i64': return new BigInt64Array(block.buffer, off, Math.floor(left / 8));
          case 'int': return new Int32Array(block.buffer, off, Math.floor(left / 4));
          default: throw new Error(`fake cuda: element type ${t}`);
        }
      }
    }
    throw new RangeError(`fake cuda: 0x${a.toString(16)} is not device memory`);
  }

  private sgemm(
    ta: number, tb: number, m: number, n: number, k: number, alpha: number, a: bigint, lda: number, sa: number,
    b: bigint, ldb: number, sb: number, beta: number, c: bigint, ldc: number, sc: number, batch: number,
  ): void {
    const A = this.f32(a);
    const B = this.f32(b);
    const C = this.f32(c);
    for (let q = 0; q < batch; q++) {
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let p = 0; p < k; p++) {
            const av = A[q * sa + (ta === 0 ? i + p * lda : p + i * lda)]!;
            const bv = B[q * sb + (tb === 0 ? p + j * ldb : j + p * ldb)]!;
            s += av * bv;
          }
          const at = q * sc + i + j * ldc;
          C[at] = alpha * s + (beta === 0 ? 0 : beta * C[at]!);
        }
      }
    }
  }

  /** Runs kernel `name` of `source` on the argument slots. */
  private run(source: string, name: string, slots: DataView, grid: number): void {
    const int = (i: number) => Number(slots.getBigInt64(i * 8, true));
    const ptr = (i: number) => slots.getBigUint64(i * 8, true);
    const flt = (i: number) => slots.getFloat64(i * 8, true);
    if (name === 'ew') return this.elementwise(source, int, ptr, flt);
    const k = LIBRARY[name];
    if (!k) throw new Error(`fake cuda: no emulation of kernel '${name}'`);
    k({ int, ptr, flt, f32: (i) => this.f32(ptr(i)), opt: (i) => this.f32(ptr(i), true), typed: (i, t) => this.typed(ptr(i), t), grid });
  }

  private elementwise(source: string, int: (i: number) => number, ptr: (i: number) => bigint, flt: (i: number) => number): void {
    const inTypes = [...source.matchAll(/const (\w+)\* in(\d+) = /g)].map((m) => m[1]!);
    const outType = /(\w+)\* out = P_PTR/.exec(source)![1]!;
    const raw = /const (u8|u16|u32|u64) a0 = /.test(source);
    const r = (source.match(/\{ const i64 c = /g) ?? []).length;
    const scalars = (source.match(/const float s\d+ = /g) ?? []).length;
    const expr = /out\[o\] = \(\w+\)\((.*)\);/.exec(source)![1]!;
    const kIn = inTypes.length;
    const shapeAt = 2 + kIn;
    const outStrideAt = shapeAt + r;
    const scalarAt = outStrideAt + r * (1 + kIn);
    const n = int(0);
    const out = this.typed(ptr(1), outType);
    const ins = inTypes.map((t, j) => this.typed(ptr(2 + j), t));
    const shape = Array.from({ length: r }, (_, d) => int(shapeAt + d));
    const strides = Array.from({ length: 1 + kIn }, (_, j) => Array.from({ length: r }, (_, d) => int(outStrideAt + r * j + d)));
    const s = Array.from({ length: scalars }, (_, i) => flt(scalarAt + i));
    const f = compileExpr(expr);
    const offs = new Array<number>(1 + kIn);
    for (let i = 0; i < n; i++) {
      offs.fill(0);
      let rem = i;
      for (let d = r - 1; d >= 0; d--) {
        const c = d === 0 ? rem : rem % shape[d]!;
        if (d > 0) rem = Math.floor(rem / shape[d]!);
        for (let j = 0; j <= kIn; j++) offs[j]! += c * strides[j]![d]!;
      }
      const a = ins.map((t, j) => t[offs[j + 1]!]!);
      const v = raw ? a[0]! : f(a as number[], s);
      out[offs[0]!] = outType === 'float' ? Number(v) : v;
    }
  }
}

/** The C functions elementwise expressions call, in JS. */
const C_FUNCS: Record<string, (...x: number[]) => number> = {
  expf: Math.exp, logf: Math.log, log1pf: Math.log1p, expm1f: Math.expm1, sqrtf: Math.sqrt, rsqrtf: (x) => 1 / Math.sqrt(x),
  tanhf: Math.tanh, fabsf: Math.abs, sinf: Math.sin, cosf: Math.cos, powf: Math.pow, erff: erf,
  fmaxf: (a, b) => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b)),
  fminf: (a, b) => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.min(a, b)),
  nrt_sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  nrt_gelu: (x) => 0.5 * x * (1 + erf(x * Math.SQRT1_2)),
  nrt_gelu_tanh: (x) => 0.5 * x * (1 + Math.tanh(0.7978845608028654 * (x + 0.044715 * x * x * x))),
  nrt_relu: (x) => (x < 0 ? 0 : x),
  nrt_hardsigmoid: (x) => (x !== x ? x : Math.min(Math.max(x + 3, 0), 6) / 6),
  nrt_hardswish: (x) => x * (x !== x ? x : Math.min(Math.max(x + 3, 0), 6) / 6),
  nrt_clamp: (x, lo, hi) => (x !== x ? x : Math.min(Math.max(x, lo!), hi!)),
  nrt_softplus: (x, beta, th) => (x * beta! > th! ? x : Math.log1p(Math.exp(x * beta!)) / beta!),
  nrt_sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x),
};

const compiled = new Map<string, (a: number[], s: number[]) => number>();

/** An elementwise C expression as a JS function of the inputs `a` and scalars `s`. */
function compileExpr(expr: string): (a: number[], s: number[]) => number {
  let f = compiled.get(expr);
  if (f) return f;
  const js = expr
    .replace(/INF_F/g, 'Infinity')
    .replace(/\b(\d+)\.f\b/g, '$1.0')
    .replace(/\b(\d+\.\d+)f\b/g, '$1')
    .replace(/\b([as])(\d+)\b/g, '$1[$2]')
    .replace(/\b(\w+)\(/g, (m, fn: string) => (fn in C_FUNCS ? `F.${fn}(` : m));
  const body = `return Math.fround(${js});`;
  const g = new Function('F', 'a', 's', body) as (F: typeof C_FUNCS, a: number[], s: number[]) => number;
  f = (a, s) => Number(g(C_FUNCS, a, s));
  compiled.set(expr, f);
  return f;
}

/** erf to ~1e-15 (series near 0, continued fraction beyond), enough to stand in for erff. */
function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const ax = Math.abs(x);
  if (ax < 2.5) {
    let sum = ax;
    let term = ax;
    for (let n = 1; n < 80; n++) {
      term *= (-ax * ax) / n;
      sum += term / (2 * n + 1);
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc by Lentz continued fraction.
  let f = ax;
  let C = ax;
  let D = 0;
  for (let n = 1; n < 200; n++) {
    const an = n / 2;
    D = ax + an * D;
    D = 1 / D;
    C = ax + an / C;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}

interface KernelIo {
  int(i: number): number;
  ptr(i: number): bigint;
  flt(i: number): number;
  f32(i: number): Float32Array;
  opt(i: number): Float32Array | null;
  typed(i: number, t: string): { [i: number]: number | bigint };
  grid: number;
}

/** JS versions of the fixed kernels in `KERNEL_LIBRARY_SOURCE`, same argument slots. */
const LIBRARY: Record<string, (k: KernelIo) => void> = {
  softmax_rows(k) {
    const x = k.f32(0), y = k.f32(1), cols = k.int(2), log = k.int(3);
    for (let r = 0; r < k.grid; r++) {
      const o = r * cols;
      let m = -Infinity;
      for (let j = 0; j < cols; j++) m = Math.max(m, x[o + j]!);
      let s = 0;
      for (let j = 0; j < cols; j++) s += Math.exp(x[o + j]! - m);
      for (let j = 0; j < cols; j++) y[o + j] = log ? x[o + j]! - m - Math.log(s) : Math.exp(x[o + j]! - m) / s;
    }
  },
  attn_softmax(k) {
    const s = k.f32(0), cols = k.int(1), scale = k.flt(2), mask = k.opt(3), causal = k.int(4), L = k.int(5);
    for (let r = 0; r < k.grid; r++) {
      const o = r * cols;
      const limit = causal ? (r % L) + (cols - L) : cols;
      let m = -Infinity;
      for (let j = 0; j < cols; j++) {
        const v = j > limit ? -Infinity : Math.fround(s[o + j]! * scale + (mask ? mask[o + j]! : 0));
        s[o + j] = v;
        m = Math.max(m, v);
      }
      let sum = 0;
      for (let j = 0; j < cols; j++) sum += Math.exp(s[o + j]! - m);
      for (let j = 0; j < cols; j++) s[o + j] = Math.exp(s[o + j]! - m) / sum;
    }
  },
  layer_norm_rows(k) {
    const x = k.f32(0), y = k.f32(1), w = k.opt(2), b = k.opt(3), cols = k.int(4), eps = k.flt(5);
    for (let r = 0; r < k.grid; r++) {
      const o = r * cols;
      let s = 0;
      for (let j = 0; j < cols; j++) s += x[o + j]!;
      const mean = s / cols;
      let q = 0;
      for (let j = 0; j < cols; j++) q += (x[o + j]! - mean) ** 2;
      const rstd = 1 / Math.sqrt(q / cols + Math.fround(eps));
      for (let j = 0; j < cols; j++) {
        let v = (x[o + j]! - mean) * rstd;
        if (w) v *= w[j]!;
        if (b) v += b[j]!;
        y[o + j] = v;
      }
    }
  },
  sum_rows(k) {
    const x = k.f32(0), y = k.f32(1), cols = k.int(2), scale = k.flt(3);
    for (let r = 0; r < k.grid; r++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += x[r * cols + j]!;
      y[r] = s * Math.fround(scale);
    }
  },
  embedding_rows(k) {
    const w = k.f32(0), dim = k.int(3), n = k.int(4), idx64 = k.int(5), rows = k.int(6);
    const idx = k.typed(1, idx64 ? 'i64' : 'int');
    const out = k.f32(2);
    for (let e = 0; e < n; e++) {
      const i = Math.floor(e / dim);
      let r = Number(idx[i]!);
      if (r < 0) r += rows;
      out[e] = r >= 0 && r < rows ? w[r * dim + (e - i * dim)]! : NaN;
    }
  },
  im2col(k) {
    const x = k.f32(0), col = k.f32(1);
    const [N, C, H, W, kh, kw, sh, sw, ph, pw, dh, dw, OH, OW] = Array.from({ length: 14 }, (_, i) => k.int(2 + i)) as number[];
    const cols = N! * OH! * OW!;
    const total = C! * kh! * kw! * cols;
    for (let e = 0; e < total; e++) {
      const row = Math.floor(e / cols), c0 = e - row * cols;
      const j = row % kw!, i = Math.floor(row / kw!) % kh!, c = Math.floor(row / (kw! * kh!));
      const ow = c0 % OW!, oh = Math.floor(c0 / OW!) % OH!, n = Math.floor(c0 / (OW! * OH!));
      const h = oh * sh! - ph! + i * dh!;
      const w = ow * sw! - pw! + j * dw!;
      col[e] = h >= 0 && h < H! && w >= 0 && w < W! ? x[((n * C! + c) * H! + h) * W! + w]! : 0;
    }
  },
  conv2d_direct(k) {
    const x = k.f32(0), wt = k.f32(1), bias = k.opt(2), y = k.f32(3);
    const [N, C, H, W, CO, G, kh, kw, sh, sw, ph, pw, dh, dw, OH, OW] = Array.from({ length: 16 }, (_, i) => k.int(4 + i)) as number[];
    const cg = C! / G!, cog = CO! / G!, total = N! * CO! * OH! * OW!;
    for (let e = 0; e < total; e++) {
      const ow = e % OW!, oh = Math.floor(e / OW!) % OH!, co = Math.floor(e / (OW! * OH!)) % CO!, n = Math.floor(e / (OW! * OH! * CO!));
      const g = Math.floor(co / cog);
      let acc = bias ? bias[co]! : 0;
      for (let ci = 0; ci < cg; ci++) {
        const xp = ((n * C! + g * cg + ci) * H!) * W!;
        const wp = ((co * cg + ci) * kh!) * kw!;
        for (let i = 0; i < kh!; i++) {
          const h = oh * sh! - ph! + i * dh!;
          if (h < 0 || h >= H!) continue;
          for (let j = 0; j < kw!; j++) {
            const w = ow * sw! - pw! + j * dw!;
            if (w >= 0 && w < W!) acc += x[xp + h * W! + w]! * wt[wp + i * kw! + j]!;
          }
        }
      }
      y[e] = acc;
    }
  },
  pool2d(k) {
    const x = k.f32(0), y = k.f32(1);
    const [NC, H, W, OH, OW, kh, kw, sh, sw, ph, pw, dh, dw, mode, countPad, divisor] = Array.from({ length: 16 }, (_, i) => k.int(2 + i)) as number[];
    for (let e = 0; e < NC! * OH! * OW!; e++) {
      const ow = e % OW!, oh = Math.floor(e / OW!) % OH!, c = Math.floor(e / (OW! * OH!));
      const xo = c * H! * W!;
      let out: number;
      if (mode === 2) {
        const h0 = Math.floor((oh * H!) / OH!), h1 = Math.floor(((oh + 1) * H! + OH! - 1) / OH!);
        const w0 = Math.floor((ow * W!) / OW!), w1 = Math.floor(((ow + 1) * W! + OW! - 1) / OW!);
        let s = 0;
        for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) s += x[xo + h * W! + w]!;
        out = s / ((h1 - h0) * (w1 - w0));
      } else if (mode === 0) {
        let m = -Infinity;
        for (let i = 0; i < kh!; i++) {
          const h = oh * sh! - ph! + i * dh!;
          if (h < 0 || h >= H!) continue;
          for (let j = 0; j < kw!; j++) {
            const w = ow * sw! - pw! + j * dw!;
            if (w < 0 || w >= W!) continue;
            const v = x[xo + h * W! + w]!;
            if (v > m || v !== v) m = v;
          }
        }
        out = m;
      } else {
        const hs = oh * sh! - ph!, ws = ow * sw! - pw!;
        const he = Math.min(hs + kh!, H! + ph!), we = Math.min(ws + kw!, W! + pw!);
        const padCount = (he - hs) * (we - ws);
        const h0 = Math.max(hs, 0), w0 = Math.max(ws, 0), h1 = Math.min(he, H!), w1 = Math.min(we, W!);
        let s = 0;
        for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) s += x[xo + h * W! + w]!;
        out = s / (divisor ? divisor : countPad ? padCount : (h1 - h0) * (w1 - w0));
      }
      y[e] = out;
    }
  },
};
