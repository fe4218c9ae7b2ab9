import { ErrorCode, NativertError } from '@nativert/core';
import { nativeAddon } from '../../native/native-addon.js';

/** The typed arrays linalg kernels compute in. */
export type FloatArray = Float32Array | Float64Array;

/** A batch of equally shaped strided matrices in one array: element (i, j) of entry b at `offsets[b] + i*rowStride + j*colStride`. */
export interface GemmOperand {
  readonly data: FloatArray;
  readonly offsets: Float64Array;
  readonly rowStride: number;
  readonly colStride: number;
}

/** The batch of row-major outputs: element (i, j) of entry b at `offsets[b] + i*ld + j`. */
export interface GemmOutput {
  readonly data: FloatArray;
  readonly offsets: Float64Array;
  readonly ld: number;
}

/** Scaling and threading of a GEMM; defaults alpha 1, beta 0 (overwrite C), one thread. */
export interface GemmOptions {
  readonly alpha?: number;
  readonly beta?: number;
  readonly threads?: number;
}

/**
 * `C[b] = alpha * A[b]·B[b] + beta * C[b]` for every batch entry (A is m x k, B is k x n). All three
 * arrays must be of one kind; float32 and float64 run in the native addon when it is loaded, else
 * in TypeScript loops. beta 0 ignores C's previous contents (NaN included), as BLAS does.
 */
export function gemmBatched(m: number, n: number, k: number, a: GemmOperand, b: GemmOperand, c: GemmOutput, opts: GemmOptions = {}): void {
  const alpha = opts.alpha ?? 1, beta = opts.beta ?? 0, threads = Math.max(1, opts.threads ?? 1);
  const native = nativeAddon();
  if (a.data instanceof Float32Array && b.data instanceof Float32Array && c.data instanceof Float32Array) {
    if (native !== null) {
      native.sgemm(m, n, k, alpha, a.data, a.offsets, a.rowStride, a.colStride, b.data, b.offsets, b.rowStride, b.colStride, beta, c.data, c.offsets, c.ld, threads);
      return;
    }
  } else if (a.data instanceof Float64Array && b.data instanceof Float64Array && c.data instanceof Float64Array) {
    if (native !== null) {
      native.dgemm(m, n, k, alpha, a.data, a.offsets, a.rowStride, a.colStride, b.data, b.offsets, b.rowStride, b.colStride, beta, c.data, c.offsets, c.ld, threads);
      return;
    }
  } else {
    throw new NativertError(ErrorCode.Internal, `gemm: operands must be all float32 or all float64, given ${a.data.constructor.name}, ${b.data.constructor.name}, ${c.data.constructor.name}`);
  }
  for (let i = 0; i < a.offsets.length; i++) {
    gemmLoops(m, n, k, alpha, a, a.offsets[i]!, b, b.offsets[i]!, beta, c, c.offsets[i]!);
  }
}

/** One GEMM (`C = alpha*A·B + beta*C`) on strided matrices at the given offsets; see {@link gemmBatched}. */
export function gemm(
  m: number, n: number, k: number,
  a: { readonly data: FloatArray; readonly offset: number; readonly rowStride: number; readonly colStride: number },
  b: { readonly data: FloatArray; readonly offset: number; readonly rowStride: number; readonly colStride: number },
  c: { readonly data: FloatArray; readonly offset: number; readonly ld: number },
  opts: GemmOptions = {},
): void {
  gemmBatched(m, n, k,
    { data: a.data, offsets: Float64Array.of(a.offset), rowStride: a.rowStride, colStride: a.colStride },
    { data: b.data, offsets: Float64Array.of(b.offset), rowStride: b.rowStride, colStride: b.colStride },
    { data: c.data, offsets: Float64Array.of(c.offset), ld: c.ld }, opts);
}

// The TypeScript fallback: i-k-j order so the inner loop walks a row of B and of C.
function gemmLoops(m: number, n: number, k: number, alpha: number, a: GemmOperand, ao: number, b: GemmOperand, bo: number, beta: number, c: GemmOutput, co: number): void {
  const A = a.data, B = b.data, C = c.data;
  const rsa = a.rowStride, csa = a.colStride, rsb = b.rowStride, csb = b.colStride;
  for (let i = 0; i < m; i++) {
    const crow = co + i * c.ld;
    for (let j = 0; j < n; j++) C[crow + j] = beta === 0 ? 0 : beta * C[crow + j]!;
    for (let p = 0; p < k; p++) {
      const av = alpha * A[ao + i * rsa + p * csa]!;
      const brow = bo + p * rsb;
      for (let j = 0; j < n; j++) C[crow + j] += av * B[brow + j * csb]!;
    }
  }
}
