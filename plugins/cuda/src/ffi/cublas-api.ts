import type { DiscoveryEnv } from './library-discovery.js';
import { openCudaLibrary } from './load-library.js';
import type { DevicePtr, DriverHandle } from './driver-api.js';
import { bindFunctions } from './driver-api.js';
import type { U64Out } from './u64.js';

/** `cublasOperation_t`. */
export const CublasOp = { N: 0, T: 1 } as const;

/** cuBLAS functions the plugin calls (column-major, host pointer mode); each returns a `cublasStatus_t`. */
export interface CublasApi {
  readonly path: string;
  cublasCreate(out: U64Out): number;
  cublasSetStream(handle: DriverHandle, stream: DriverHandle): number;
  cublasGetVersion(handle: DriverHandle, out: number[]): number;
  cublasSgemm(
    handle: DriverHandle, ta: number, tb: number, m: number, n: number, k: number,
    alpha: Float32Array, a: DevicePtr, lda: number, b: DevicePtr, ldb: number, beta: Float32Array, c: DevicePtr, ldc: number,
  ): number;
  cublasSgemmStridedBatched(
    handle: DriverHandle, ta: number, tb: number, m: number, n: number, k: number,
    alpha: Float32Array, a: DevicePtr, lda: number, strideA: number, b: DevicePtr, ldb: number, strideB: number,
    beta: Float32Array, c: DevicePtr, ldc: number, strideC: number, batch: number,
  ): number;
}

const PROTOTYPES: Readonly<Record<Exclude<keyof CublasApi, 'path'>, string>> = {
  cublasCreate: 'int cublasCreate_v2(_Out_ uint64_t *handle)',
  cublasSetStream: 'int cublasSetStream_v2(uint64_t handle, uint64_t stream)',
  cublasGetVersion: 'int cublasGetVersion_v2(uint64_t handle, _Out_ int *v)',
  cublasSgemm:
    'int cublasSgemm_v2(uint64_t h, int ta, int tb, int m, int n, int k, const float *alpha, uint64_t a, int lda, uint64_t b, int ldb, const float *beta, uint64_t c, int ldc)',
  cublasSgemmStridedBatched:
    'int cublasSgemmStridedBatched(uint64_t h, int ta, int tb, int m, int n, int k, const float *alpha, uint64_t a, int lda, int64_t sa, uint64_t b, int ldb, int64_t sb, const float *beta, uint64_t c, int ldc, int64_t sc, int batch)',
};

/** Opens cuBLAS (`libcublas.so.13`/`.12`) and binds {@link CublasApi}. */
export function loadCublasApi(d: DiscoveryEnv): CublasApi {
  const { lib, path } = openCudaLibrary('cublas', 'cublasCreate_v2', d);
  return bindFunctions<CublasApi>(lib, PROTOTYPES, path);
}
