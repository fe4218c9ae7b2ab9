import type { Graph, Node, Tensor } from '@nativert/core';
import { tryGetInput } from '@nativert/core';
import type { KernelArgs } from '@nativert/interpreter';
import { ptrOf } from '../device/device-tensor.js';
import { ROW_THREADS } from '../codegen/kernel-library.js';
import type { CudaOpContext, CudaOpDef } from './cuda-op.js';
import { float32Only } from './cuda-op.js';
import { gemm } from './gemm.js';
import { contiguous, empty, launchElementwise, libraryKernel } from './launch-helpers.js';
import { transposeLast } from './matmul-ops.js';

/**
 * scaled_dot_product_attention as two batched GEMMs around one fused kernel that scales, adds the
 * mask (bool masks become 0/-inf), applies the causal limit and takes the softmax in place.
 */
function sdpa(args: KernelArgs, ctx: CudaOpContext): Tensor {
  const q = args.tensor('query');
  const k = args.tensor('key');
  const v = args.tensor('value');
  const E = q.shape[q.rank - 1]!;
  const scale = args.optScalar('scale') ?? 1 / Math.sqrt(E);
  const scores = gemm(ctx, q, transposeLast(k));
  const L = scores.shape[scores.rank - 2]!;
  const S = scores.shape[scores.rank - 1]!;
  const m = args.optTensor('attn_mask');
  let mask: Tensor | null = null;
  if (m) {
    mask = empty(ctx, 'float32', scores.shape);
    if (m.dtype === 'bool') launchElementwise(ctx.cuda, 'a0 != 0.f ? 0.f : -INF_F', mask, [m], [], { inputs: ['u8'], out: 'float' });
    else launchElementwise(ctx.cuda, 'a0', mask, [m]);
  }
  const rows = S === 0 ? 0 : scores.numel / S;
  const causal = args.bool('is_causal', false);
  ctx.cuda.launch(libraryKernel(ctx.cuda, 'attn_softmax'), { grid: [rows], block: [ROW_THREADS] },
    (p) => p.ptr(ptrOf(scores)).int(S).float(scale).ptr(mask ? ptrOf(mask) : 0n).int(causal ? 1 : 0).int(L), 'attn_softmax');
  return gemm(ctx, scores, v);
}

function checkSdpa(node: Node, graph: Graph): string | undefined {
  const p = tryGetInput(node, 'dropout_p');
  if (p && (p.kind === 'float' || p.kind === 'int') && p.value !== 0) return 'cuda: attention dropout is not implemented';
  const gqa = tryGetInput(node, 'enable_gqa');
  if (gqa?.kind === 'bool' && gqa.value) return 'cuda: grouped-query attention is not implemented';
  const mask = tryGetInput(node, 'attn_mask');
  const maskName = mask?.kind === 'tensor' ? mask.name : mask?.kind === 'optional_tensor' ? mask.name : null;
  const dt = maskName ? graph.tensorMeta(maskName)?.dtype : undefined;
  if (dt !== undefined && dt !== 'bool' && dt !== 'float32') return `cuda: attention mask of dtype ${dt} is not implemented`;
  return float32Only(node, graph, ['attn_mask']);
}

/** Embedding lookup: one gather kernel over int64/int32 indices. */
function embedding(args: KernelArgs, ctx: CudaOpContext): Tensor {
  const w = args.tensor('weight');
  const idx = args.tensor('indices');
  const weight = contiguous(ctx, w);
  const ic = contiguous(ctx, idx);
  const dim = w.shape[1]!;
  const out = empty(ctx, 'float32', [...idx.shape, dim]);
  const n = out.numel;
  ctx.cuda.launch(libraryKernel(ctx.cuda, 'embedding_rows'), { grid: [Math.max(1, Math.min(Math.ceil(n / 256), 4096))], block: [256] },
    (p) => p.ptr(ptrOf(weight)).ptr(ptrOf(ic)).ptr(ptrOf(out)).int(dim).int(n).int(idx.dtype === 'int64' ? 1 : 0).int(w.shape[0]!), 'embedding_rows');
  return out;
}

function checkEmbedding(node: Node, graph: Graph): string | undefined {
  const ind = tryGetInput(node, 'indices');
  const dt = ind?.kind === 'tensor' ? graph.tensorMeta(ind.name)?.dtype : undefined;
  if (dt !== 'int64' && dt !== 'int32') return `cuda: embedding indices must be int64 or int32, given ${dt ?? 'unknown'}`;
  return float32Only(node, graph, ['indices']);
}

/** Attention and embedding. */
export const ATTENTION_OPS: readonly CudaOpDef[] = [
  { ops: ['aten.scaled_dot_product_attention.default'], check: checkSdpa, run: sdpa },
  { ops: ['aten.embedding.default'], check: checkEmbedding, run: embedding },
];
