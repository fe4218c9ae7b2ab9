import type { DType, Tensor } from '@nativert/core';
import { ErrorCode, itemSize, NativertError } from '@nativert/core';
import type { CudaContext } from '../device/cuda-context.js';
import { emptyDevice, ptrOf } from '../device/device-tensor.js';
import { coalesceDims } from '../codegen/coalesce-dims.js';
import type { CType, ElementwiseSpec } from '../codegen/elementwise-source.js';
import { elementwiseSource } from '../codegen/elementwise-source.js';
import { KERNEL_LIBRARY_SOURCE } from '../codegen/kernel-library.js';
import type { CudaOpContext } from './cuda-op.js';

/** Threads per block of the grid-stride elementwise kernels. */
const THREADS = 256;

/** Blocks for `n` elements: enough to fill the GPU, no more (the kernels loop grid-stride). */
export function gridFor(cuda: CudaContext, n: number): number {
  return Math.max(1, Math.min(Math.ceil(n / THREADS), cuda.info.multiprocessors * 32));
}

/** PyTorch's broadcast of two shapes; throws naming both when they do not broadcast. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw new NativertError(ErrorCode.InvalidArgument, `shapes [${a.join(', ')}] and [${b.join(', ')}] do not broadcast`);
    out.push(x === 1 ? y : x);
  }
  return out;
}

/** `t`'s strides when broadcast to `shape` (0 on broadcast dims). */
export function broadcastStrides(t: Tensor, shape: readonly number[]): number[] {
  const lead = shape.length - t.rank;
  return shape.map((d, i) => {
    const k = i - lead;
    if (k < 0) return 0;
    return t.shape[k] === 1 && d !== 1 ? 0 : t.strides[k]!;
  });
}

/** C type that copies elements of `dtype` bit for bit. */
export function copyType(dtype: DType): CType {
  switch (itemSize(dtype)) {
    case 1: return 'u8';
    case 2: return 'u16';
    case 4: return 'u32';
    default: return 'u64';
  }
}

/** The module of fixed kernels (see {@link KERNEL_LIBRARY_SOURCE}); `name` is one of its functions. */
export function libraryKernel(cuda: CudaContext, name: string) {
  return cuda.kernel(KERNEL_LIBRARY_SOURCE, 'nrt_kernels', name);
}

/**
 * Queues `out = expr(inputs..., scalars...)` elementwise: inputs broadcast to `out.shape`, any
 * strides on every side. `types` overrides the C types (default float), `raw` copies bits.
 */
export function launchElementwise(
  cuda: CudaContext, expr: string, out: Tensor, inputs: readonly Tensor[], scalars: readonly number[] = [],
  types?: { readonly inputs: readonly CType[]; readonly out: CType; readonly raw?: boolean },
): void {
  if (out.numel === 0) return;
  const loop = coalesceDims({ shape: out.shape, strides: [out.strides, ...inputs.map((t) => broadcastStrides(t, out.shape))] });
  const spec: ElementwiseSpec = {
    expr, rank: loop.shape.length, scalars: scalars.length,
    inputs: types?.inputs ?? inputs.map(() => 'float'), out: types?.out ?? 'float', raw: types?.raw,
  };
  const fn = cuda.kernel(elementwiseSource(spec), 'nrt_elementwise', 'ew');
  const n = out.numel;
  cuda.launch(fn, { grid: [gridFor(cuda, n)], block: [THREADS] }, (p) => {
    p.int(n).ptr(ptrOf(out));
    for (const t of inputs) p.ptr(ptrOf(t));
    p.ints(loop.shape);
    for (const s of loop.strides) p.ints(s);
    for (const s of scalars) p.float(s);
  }, `elementwise ${expr}`);
}

/** A new contiguous device tensor on the op's device. */
export function empty(ctx: CudaOpContext, dtype: DType, shape: readonly number[]): Tensor {
  return emptyDevice(ctx.pool ?? ctx.cuda.pool, ctx.device, dtype, shape);
}

/** `t` itself when contiguous (any offset), else a contiguous device copy. */
export function contiguous(ctx: CudaOpContext, t: Tensor): Tensor {
  if (t.isContiguous()) return t;
  return copyOf(ctx, t);
}

/** A contiguous device copy of `t` (any dtype). */
export function copyOf(ctx: CudaOpContext, t: Tensor): Tensor {
  const out = empty(ctx, t.dtype, t.shape);
  copyInto(ctx, out, t);
  return out;
}

/** Copies `src` (broadcast to `dst.shape`) into `dst`, which may be any strided view. */
export function copyInto(ctx: CudaOpContext, dst: Tensor, src: Tensor): void {
  const c = copyType(src.dtype);
  if (src.dtype !== dst.dtype) throw new NativertError(ErrorCode.Internal, `cuda: copy from ${src.dtype} into ${dst.dtype}`);
  launchElementwise(ctx.cuda, 'a0', dst, [src], [], { inputs: [c], out: c, raw: true });
}
