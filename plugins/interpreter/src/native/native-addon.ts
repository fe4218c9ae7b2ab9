import { createRequire } from 'node:module';

/**
 * The raw surface of the interpreter's native addon (`build/Release/nativert_interpreter.node`,
 * built by `npm run build:native` from `native/`). Typed arrays are borrowed for the duration of
 * the call only; offsets and strides are in elements. Kernels call it through `kernels/linalg/gemm.ts`.
 */
export interface NativeAddon {
  /**
   * `c[cOffs[i] + r*ldc + j] = alpha * Σ_k a[aOffs[i] + r*rsa + k*csa] * b[bOffs[i] + k*rsb + j*csb] + beta * c[...]`
   * for every batch entry i; beta 0 overwrites C. Throws RangeError when an operand leaves its array.
   */
  sgemm(m: number, n: number, k: number, alpha: number,
    a: Float32Array, aOffs: Float64Array, rsa: number, csa: number,
    b: Float32Array, bOffs: Float64Array, rsb: number, csb: number,
    beta: number, c: Float32Array, cOffs: Float64Array, ldc: number, threads: number): void;
  /** The float64 counterpart of {@link NativeAddon.sgemm}. */
  dgemm(m: number, n: number, k: number, alpha: number,
    a: Float64Array, aOffs: Float64Array, rsa: number, csa: number,
    b: Float64Array, bOffs: Float64Array, rsb: number, csb: number,
    beta: number, c: Float64Array, cOffs: Float64Array, ldc: number, threads: number): void;
  /**
   * Packs B (k x n, element (i, j) at `off + i*rsb + j*csb`) once into GEMM panels for
   * {@link NativeAddon.sgemmPackedF32}; the result is 32-byte aligned native memory.
   */
  packWeightsF32(b: Float32Array, off: number, rsb: number, csb: number, k: number, n: number): Float32Array;
  /**
   * `c[cOff + i*ldc + j] = act(Σ_p a[aOff + i*rsa + p*csa] * B[p, j] + bias[biasOff + j])` with B
   * packed by {@link NativeAddon.packWeightsF32} for the same k and n; bias may be null.
   */
  sgemmPackedF32(m: number, n: number, k: number, a: Float32Array, aOff: number, rsa: number, csa: number,
    packed: Float32Array, bias: Float32Array | null, biasOff: number, c: Float32Array, cOff: number, ldc: number,
    act: UnaryOp, threads: number): void;
  /**
   * Self-test of the worker pool across fork(): runs a region of `parts` parts, forks, runs regions
   * in the child and again in the parent. 0 when all ran; 3 when the child hung past `timeoutMs`.
   */
  poolForkCheck(parts: number, timeoutMs: number): number;
  /** Name of the float32 micro-kernel chosen for this CPU. */
  readonly sgemmKernel: string;
  /** `y[yOff + i] = op(x[xOff + i])` for i < n; `op` is a {@link UnaryOp}. y may alias x. */
  unaryF32(op: UnaryOp, x: Float32Array, xOff: number, y: Float32Array, yOff: number, n: number, threads: number): void;
  /** `out[outOff + i] = a[...] op b[...]` over a contiguous output of `shape`; a and b read through their strides (0 = broadcast). */
  binaryF32(op: BinaryOp, alpha: number, shape: Float64Array, a: Float32Array, aOff: number, aStrides: Float64Array,
    b: Float32Array, bOff: number, bStrides: Float64Array, out: Float32Array, outOff: number, threads: number): void;
  /** Layer norm over the last `cols` of `rows` contiguous rows of x into y (offset 0). */
  layerNormF32(x: Float32Array, xOff: number, w: Float32Array | null, wOff: number, b: Float32Array | null, bOff: number,
    y: Float32Array, rows: number, cols: number, eps: number, threads: number): void;
  /** Softmax (or log-softmax) over the last `cols` of `rows` contiguous rows of x into y (offset 0). */
  softmaxF32(x: Float32Array, xOff: number, y: Float32Array, rows: number, cols: number, log: boolean, threads: number): void;
  /**
   * Attention per head i: `o[oOffs[i]..] = softmax(scale·Q·Kᵀ + mask)·V` with Q (l x e), K (s x e), V (s x ev) strided,
   * O contiguous rows. A Uint8Array mask is boolean (0 = masked), a Float32Array mask additive; `causal` masks key j > query i.
   */
  attentionF32(dims: Float64Array, scale: number, causal: boolean,
    q: Float32Array, qOffs: Float64Array, rsq: number, csq: number,
    k: Float32Array, kOffs: Float64Array, rsk: number, csk: number,
    v: Float32Array, vOffs: Float64Array, rsv: number, csv: number,
    mask: Float32Array | Uint8Array | null, mOffs: Float64Array | null, rsm: number, csm: number,
    o: Float32Array, oOffs: Float64Array, threads: number): void;
  /**
   * NCHW 2-d convolution into y (offset 0) with bias and activation fused;
   * dims = [n, cin, h, w, cout, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw, groups].
   */
  conv2dF32(x: Float32Array, xOff: number, dims: Float64Array, w: Float32Array, wOff: number,
    bias: Float32Array | null, bOff: number, y: Float32Array, act: UnaryOp, threads: number): void;
  /** Max pooling of NCHW planes into y (offset 0); dims = [planes, h, w, oh, ow, kh, kw, sh, sw, ph, pw, dh, dw]. */
  maxPool2dF32(x: Float32Array, xOff: number, y: Float32Array, dims: Float64Array, threads: number): void;
}

/** Codes of the native unary maps (`Unary` in @nativert/cpu-kernels src/kernels.h); also conv/linear activation epilogues. */
export const enum UnaryOp {
  Identity = 0, Relu = 1, Gelu = 2, GeluTanh = 3, Hardswish = 4, Hardsigmoid = 5,
  Sigmoid = 6, Silu = 7, Tanh = 8, Square = 9, Cube = 10, Exp = 11, Relu6 = 12,
}

/** Codes of the native binary maps (`Binary` in @nativert/cpu-kernels src/kernels.h); First copies a. */
export const enum BinaryOp { Add = 0, Sub = 1, Mul = 2, Div = 3, First = 4 }

let cached: NativeAddon | null | undefined;

/**
 * The native addon, loaded once; null when it was not built or fails to load (the kernels then
 * use their TypeScript loops), or when the environment sets `NATIVERT_NO_NATIVE=1`.
 */
export function nativeAddon(): NativeAddon | null {
  if (cached !== undefined) return cached;
  cached = null;
  if (process.env['NATIVERT_NO_NATIVE'] === '1') return cached;
  try {
    // dist/native/native-addon.js -> <package>/build/Release
    const require = createRequire(import.meta.url);
    cached = require('../../build/Release/nativert_interpreter.node') as NativeAddon;
  } catch {
    cached = null;
  }
  return cached;
}
