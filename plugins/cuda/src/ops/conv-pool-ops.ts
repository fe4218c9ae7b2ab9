import type { Graph, Node, Tensor } from '@nativert/core';
import { tryGetInput } from '@nativert/core';
import type { KernelArgs } from '@nativert/interpreter';
import { ptrOf } from '../device/device-tensor.js';
import type { CudaOpContext, CudaOpDef } from './cuda-op.js';
import { float32Only } from './cuda-op.js';
import { gemm } from './gemm.js';
import { contiguous, copyInto, empty, gridFor, libraryKernel } from './launch-helpers.js';

/** Output length of a window sliding over `size` (PyTorch's pooling/conv arithmetic). */
export function windowOut(size: number, k: number, s: number, p: number, d: number, ceil = false): number {
  const span = size + 2 * p - d * (k - 1) - 1;
  let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceil && (out - 1) * s >= size + p) out--;
  return out;
}

/** A 2-d geometry list from an op argument of 1 or 2 entries (1-d ops get H = 1 and the default in front). */
function pair(v: readonly number[], oneD: boolean, front: number): [number, number] {
  if (oneD) return [front, v[0]!];
  return [v[0]!, v[1] ?? v[0]!];
}

/** Convolution on [N, C, H, W] (conv1d as H = 1): im2col + cuBLAS for groups = 1, a direct kernel otherwise. */
function conv(args: KernelArgs, ctx: CudaOpContext, oneD: boolean): Tensor {
  let x = args.tensor('input');
  let w = args.tensor('weight');
  const bias = args.optTensor('bias');
  const unbatched = x.rank === (oneD ? 2 : 3);
  if (unbatched) x = x.asStrided([1, ...x.shape], [0, ...x.strides]);
  if (oneD) {
    x = x.asStrided([x.shape[0]!, x.shape[1]!, 1, x.shape[2]!], [x.strides[0]!, x.strides[1]!, 0, x.strides[2]!]);
    w = w.asStrided([w.shape[0]!, w.shape[1]!, 1, w.shape[2]!], [w.strides[0]!, w.strides[1]!, 0, w.strides[2]!]);
  }
  const [sh, sw] = pair(args.ints('stride', [1]), oneD, 1);
  const [ph, pw] = pair(args.ints('padding', [0]), oneD, 0);
  const [dh, dw] = pair(args.ints('dilation', [1]), oneD, 1);
  const groups = args.int('groups', 1);
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const [CO, , kh, kw] = w.shape as [number, number, number, number];
  const OH = windowOut(H, kh, sh, ph, dh);
  const OW = windowOut(W, kw, sw, pw, dw);
  const xc = contiguous(ctx, x);
  const wc = contiguous(ctx, w);
  let out: Tensor;
  if (groups === 1) {
    const ckk = C * kh * kw;
    const pointwise = kh === 1 && kw === 1 && sh === 1 && sw === 1 && ph === 0 && pw === 0 && N === 1;
    let col: Tensor;
    if (pointwise) col = xc.asStrided([C, H * W], [H * W, 1]);
    else {
      col = empty(ctx, 'float32', [ckk, N * OH * OW]);
      const total = col.numel;
      ctx.cuda.launch(libraryKernel(ctx.cuda, 'im2col'), { grid: [gridFor(ctx.cuda, total)], block: [256] },
        (p) => p.ptr(ptrOf(xc)).ptr(ptrOf(col)).ints([N, C, H, W, kh, kw, sh, sw, ph, pw, dh, dw, OH, OW]), 'im2col');
    }
    const biasCol = bias ? bias.asStrided([CO, 1], [bias.strides[0]!, 0]) : undefined;
    const y = gemm(ctx, wc.asStrided([CO, ckk], [ckk, 1]), col, biasCol);
    if (N === 1) out = y.asStrided([1, CO, OH, OW], [CO * OH * OW, OH * OW, OW, 1]);
    else {
      out = empty(ctx, 'float32', [N, CO, OH, OW]);
      copyInto(ctx, out, y.asStrided([N, CO, OH, OW], [OH * OW, N * OH * OW, OW, 1]));
    }
  } else {
    out = empty(ctx, 'float32', [N, CO, OH, OW]);
    const bc = bias ? contiguous(ctx, bias) : null;
    ctx.cuda.launch(libraryKernel(ctx.cuda, 'conv2d_direct'), { grid: [gridFor(ctx.cuda, out.numel)], block: [256] },
      (p) => p.ptr(ptrOf(xc)).ptr(ptrOf(wc)).ptr(bc ? ptrOf(bc) : 0n).ptr(ptrOf(out)).ints([N, C, H, W, CO, groups, kh, kw, sh, sw, ph, pw, dh, dw, OH, OW]), 'conv2d_direct');
  }
  if (oneD) out = out.asStrided([N, CO, OW], [out.strides[0]!, out.strides[1]!, out.strides[3]!]);
  if (unbatched) out = out.asStrided(out.shape.slice(1), out.strides.slice(1));
  return out;
}

function checkConv(node: Node, graph: Graph): string | undefined {
  const padding = tryGetInput(node, 'padding');
  if (padding?.kind === 'string') return `cuda: conv padding '${padding.value}' is not implemented`;
  return float32Only(node, graph);
}

type PoolMode = 0 | 1 | 2;

/** max (0), avg (1) or adaptive avg (2) 2-d pooling over [N, C, H, W] or [C, H, W]. */
function pool(args: KernelArgs, ctx: CudaOpContext, mode: PoolMode): Tensor {
  const x = contiguous(ctx, args.tensor('self'));
  const [H, W] = x.shape.slice(-2) as [number, number];
  const lead = x.shape.slice(0, -2);
  const NC = lead.reduce((p, d) => p * d, 1);
  let geo = [1, 1, 1, 1, 0, 0, 1, 1];
  let OH: number;
  let OW: number;
  if (mode === 2) {
    const os = args.ints('output_size');
    OH = os[0]!;
    OW = os[1] ?? os[0]!;
  } else {
    const k = args.ints('kernel_size');
    const [kh, kw] = [k[0]!, k[1] ?? k[0]!];
    const s = args.ints('stride', []);
    const [sh, sw] = s.length === 0 ? [kh, kw] : [s[0]!, s[1] ?? s[0]!];
    const pd = args.ints('padding', [0]);
    const [ph, pw] = [pd[0]!, pd[1] ?? pd[0]!];
    const dl = mode === 0 ? args.ints('dilation', [1]) : [1];
    const [dh, dw] = [dl[0]!, dl[1] ?? dl[0]!];
    const ceil = args.bool('ceil_mode', false);
    OH = windowOut(H, kh, sh, ph, dh, ceil);
    OW = windowOut(W, kw, sw, pw, dw, ceil);
    geo = [kh, kw, sh, sw, ph, pw, dh, dw];
  }
  const out = empty(ctx, 'float32', [...lead, OH, OW]);
  const countPad = mode === 1 && args.bool('count_include_pad', true) ? 1 : 0;
  const divisor = mode === 1 ? args.optInt('divisor_override') ?? 0 : 0;
  ctx.cuda.launch(libraryKernel(ctx.cuda, 'pool2d'), { grid: [gridFor(ctx.cuda, out.numel)], block: [256] },
    (p) => p.ptr(ptrOf(x)).ptr(ptrOf(out)).ints([NC, H, W, OH, OW, ...geo, mode, countPad, divisor]), 'pool2d');
  return out;
}

const f32: CudaOpDef['check'] = (n, g) => float32Only(n, g);

/** conv1d/conv2d and 2-d pooling. */
export const CONV_POOL_OPS: readonly CudaOpDef[] = [
  { ops: ['aten.conv2d.default'], check: checkConv, run: (a, ctx) => conv(a, ctx, false) },
  { ops: ['aten.conv1d.default'], check: checkConv, run: (a, ctx) => conv(a, ctx, true) },
  { ops: ['aten.max_pool2d.default'], check: f32, run: (a, ctx) => pool(a, ctx, 0) },
  { ops: ['aten.avg_pool2d.default'], check: f32, run: (a, ctx) => pool(a, ctx, 1) },
  { ops: ['aten.adaptive_avg_pool2d.default', 'aten._adaptive_avg_pool2d.default'], check: f32, run: (a, ctx) => pool(a, ctx, 2) },
];
