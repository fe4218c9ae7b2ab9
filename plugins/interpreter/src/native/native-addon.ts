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
  /** Name of the float32 micro-kernel chosen for this CPU. */
  readonly sgemmKernel: string;
}

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
