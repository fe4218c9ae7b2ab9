import type { Graph, Node, Tensor } from '@nativert/core';
import { tryGetInput } from '@nativert/core';
import { ptrOf } from '../device/device-tensor.js';
import { ROW_THREADS } from '../codegen/kernel-library.js';
import type { CudaOpContext, CudaOpDef } from './cuda-op.js';
import { float32Only } from './cuda-op.js';
import { contiguous, empty, launchElementwise, libraryKernel } from './launch-helpers.js';

function normDim(d: number, rank: number): number {
  return d < 0 ? d + Math.max(rank, 1) : d;
}

/** `t` with dims `dims` moved last (a view), and the permutation used. */
function moveLast(t: Tensor, dims: readonly number[]): { view: Tensor; perm: number[] } {
  const rest = t.shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const perm = [...rest, ...dims];
  return { view: t.asStrided(perm.map((i) => t.shape[i]!), perm.map((i) => t.strides[i]!)), perm };
}

/** Softmax or log-softmax along `dim`: rows kernel over a contiguous copy with `dim` last. */
function softmax(ctx: CudaOpContext, x: Tensor, dim: number, log: boolean): Tensor {
  if (x.rank === 0) return launchScalarSoftmax(ctx, x, log);
  const d = normDim(dim, x.rank);
  const { view, perm } = moveLast(x, [d]);
  const src = contiguous(ctx, view);
  const out = empty(ctx, 'float32', src.shape);
  const cols = src.shape[src.rank - 1]!;
  const rows = cols === 0 ? 0 : src.numel / cols;
  ctx.cuda.launch(libraryKernel(ctx.cuda, 'softmax_rows'), { grid: [rows], block: [ROW_THREADS] }, (p) => p.ptr(ptrOf(src)).ptr(ptrOf(out)).int(cols).int(log ? 1 : 0), 'softmax_rows');
  const inv = perm.map((_, i) => perm.indexOf(i));
  return out.asStrided(inv.map((i) => out.shape[i]!), inv.map((i) => out.strides[i]!));
}

function launchScalarSoftmax(ctx: CudaOpContext, x: Tensor, log: boolean): Tensor {
  const out = empty(ctx, 'float32', []);
  launchElementwise(ctx.cuda, log ? '0.f * a0' : '0.f * a0 + 1.f', out, [x]);
  return out;
}

function checkSoftmax(node: Node, graph: Graph): string | undefined {
  const h = tryGetInput(node, 'half_to_float');
  if (h?.kind === 'bool' && h.value) return 'cuda: half_to_float softmax is not implemented';
  return float32Only(node, graph);
}

/** Sum or mean over `dims` (all when empty). */
function reduce(ctx: CudaOpContext, x: Tensor, dims: readonly number[], keepdim: boolean, mean: boolean): Tensor {
  const all = dims.length === 0 ? x.shape.map((_, i) => i) : [...new Set(dims.map((d) => normDim(d, x.rank)))];
  const { view } = moveLast(x, all);
  const src = contiguous(ctx, view);
  const cols = all.reduce((p, i) => p * x.shape[i]!, 1);
  const keptShape = x.shape.filter((_, i) => !all.includes(i));
  const rows = keptShape.reduce((p, d) => p * d, 1);
  const out = empty(ctx, 'float32', keptShape);
  if (cols === 0) launchElementwise(ctx.cuda, mean ? '0.f / 0.f' : '0.f', out, []);
  else ctx.cuda.launch(libraryKernel(ctx.cuda, 'sum_rows'), { grid: [rows], block: [ROW_THREADS] }, (p) => p.ptr(ptrOf(src)).ptr(ptrOf(out)).int(cols).float(mean ? 1 / cols : 1), 'sum_rows');
  if (!keepdim) return out;
  const shape = x.shape.map((d, i) => (all.includes(i) ? 1 : d));
  return out.asStrided(shape, shape.map((_, i) => shape.slice(i + 1).reduce((p, d) => p * d, 1)));
}

function checkReduce(node: Node, graph: Graph): string | undefined {
  const dt = tryGetInput(node, 'dtype');
  if (dt?.kind === 'scalar_type' && dt.dtype !== 'float32') return `cuda: reduction to ${dt.dtype} is not implemented`;
  return float32Only(node, graph);
}

/** layer_norm over the trailing `normalized` dims. */
function layerNorm(ctx: CudaOpContext, x: Tensor, normalized: readonly number[], w: Tensor | null, b: Tensor | null, eps: number): Tensor {
  const src = contiguous(ctx, x);
  const cols = normalized.reduce((p, d) => p * d, 1);
  const rows = cols === 0 ? 0 : src.numel / cols;
  const out = empty(ctx, 'float32', x.shape);
  const wc = w ? contiguous(ctx, w) : null;
  const bc = b ? contiguous(ctx, b) : null;
  ctx.cuda.launch(libraryKernel(ctx.cuda, 'layer_norm_rows'), { grid: [rows], block: [ROW_THREADS] },
    (p) => p.ptr(ptrOf(src)).ptr(ptrOf(out)).ptr(wc ? ptrOf(wc) : 0n).ptr(bc ? ptrOf(bc) : 0n).int(cols).float(eps), 'layer_norm_rows');
  return out;
}

/** Per-channel [C] tensor viewed along dim 1 of a rank-`rank` tensor. */
function channelView(t: Tensor, rank: number): Tensor {
  return t.asStrided([1, t.shape[0]!, ...Array<number>(Math.max(rank - 2, 0)).fill(1)], [0, t.strides[0]!, ...Array<number>(Math.max(rank - 2, 0)).fill(0)]);
}

/** Inference batch norm as one elementwise kernel over input and the four per-channel tensors. */
function batchNorm(ctx: CudaOpContext, x: Tensor, w: Tensor | null, b: Tensor | null, mean: Tensor, varT: Tensor, eps: number): Tensor {
  const out = empty(ctx, 'float32', x.shape);
  const ins = [x, channelView(mean, x.rank), channelView(varT, x.rank)];
  let expr = '(a0 - a1) * rsqrtf(a2 + s0)';
  if (w) expr = `${expr} * a${ins.push(channelView(w, x.rank)) - 1}`;
  if (b) expr = `${expr} + a${ins.push(channelView(b, x.rank)) - 1}`;
  launchElementwise(ctx.cuda, expr, out, ins, [eps]);
  return out;
}

function checkBatchNorm(node: Node, graph: Graph): string | undefined {
  const training = tryGetInput(node, 'training');
  if (training?.kind === 'bool' && training.value) return 'cuda: training-mode batch_norm is not implemented';
  if (!tryGetInput(node, 'running_mean') || tryGetInput(node, 'running_mean')?.kind === 'none') return 'cuda: batch_norm without running stats is not implemented';
  return float32Only(node, graph);
}

/** Softmax, layer norm, batch norm (inference), sum/mean: the row kernels. */
export const ROW_OPS: readonly CudaOpDef[] = [
  { ops: ['aten.softmax.int', 'aten._softmax.default'], check: checkSoftmax, run: (a, ctx) => softmax(ctx, a.tensor('self'), a.int('dim'), false) },
  { ops: ['aten.log_softmax.int', 'aten._log_softmax.default'], check: checkSoftmax, run: (a, ctx) => softmax(ctx, a.tensor('self'), a.int('dim'), true) },
  {
    ops: ['aten.sum.dim_IntList', 'aten.mean.dim', 'aten.sum.default', 'aten.mean.default'],
    check: checkReduce,
    run: (a, ctx) => reduce(ctx, a.tensor('self'), a.has('dim') ? a.ints('dim') : [], a.bool('keepdim', false), a.node.target.startsWith('aten.mean')),
  },
  {
    ops: ['aten.layer_norm.default'],
    check: (n, g) => float32Only(n, g),
    run: (a, ctx) => layerNorm(ctx, a.tensor('input'), a.ints('normalized_shape'), a.optTensor('weight'), a.optTensor('bias'), a.float('eps', 1e-5)),
  },
  {
    ops: ['aten.batch_norm.default'],
    check: checkBatchNorm,
    run: (a, ctx) => batchNorm(ctx, a.tensor('input'), a.optTensor('weight'), a.optTensor('bias'), a.tensor('running_mean'), a.tensor('running_var'), a.float('eps', 1e-5)),
  },
];
