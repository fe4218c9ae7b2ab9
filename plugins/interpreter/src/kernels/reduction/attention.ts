import type { Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelContext, KernelDef } from '../../kernel/kernel-def.js';
import { numericView } from '../../util/elementwise.js';
import { broadcastShapes } from '../../util/shape.js';
import { computeKind, floatView, fromFloat } from '../linalg/float-view.js';
import { attention } from './attention-math.js';
import { nativeAttention } from './attention-native.js';
import { floatTensor } from './reduce-args.js';

/** True when `shape` broadcasts to `full`. */
function broadcasts(shape: readonly number[], full: readonly number[]): boolean {
  try {
    broadcastShapes(shape, full);
    return true;
  } catch {
    return false;
  }
}

/** The mask as an additive bias broadcast to `full` ([...batch, L, S]): bool false -> -inf. */
function maskBias(args: KernelArgs, mask: Tensor, full: readonly number[]): Float64Array {
  try {
    broadcastShapes(mask.shape, full);
  } catch {
    throw args.error(`attn_mask of shape [${mask.shape.join(', ')}] does not broadcast to the scores' shape [${full.join(', ')}]`);
  }
  const v = numericView(mask, full);
  const n = full.reduce((a, b) => a * b, 1);
  const out = new Float64Array(n);
  const rank = full.length, idx = new Array<number>(rank).fill(0);
  const isBool = mask.dtype === 'bool';
  let off = v.offset;
  for (let i = 0; i < n; i++) {
    const x = v.data[off]!;
    out[i] = isBool ? (x !== 0 ? 0 : -Infinity) : x;
    for (let d = rank - 1; d >= 0; d--) {
      off += v.strides[d]!;
      if (++idx[d]! < full[d]!) break;
      off -= v.strides[d]! * full[d]!;
      idx[d] = 0;
    }
  }
  return out;
}

/**
 * Runs attention for a node; `maskArg` names its mask argument. Returns (output, logsumexp), or
 * (output, null) from the native float32 path when `needLse` is false.
 */
function runAttention(args: KernelArgs, ctx: KernelContext, maskArg: string, gqa: boolean, needLse: boolean): [Tensor, Tensor | null] {
  const q = floatTensor(args, 'query', 'scaled_dot_product_attention');
  const k = floatTensor(args, 'key', 'scaled_dot_product_attention');
  const v = floatTensor(args, 'value', 'scaled_dot_product_attention');
  const r = q.rank;
  if (r < 2 || k.rank !== r || v.rank !== r) {
    throw args.error(`query, key and value must have one rank >= 2, given [${q.shape.join(', ')}], [${k.shape.join(', ')}], [${v.shape.join(', ')}]`);
  }
  const batchShape = q.shape.slice(0, r - 2);
  const L = q.shape[r - 2]!, E = q.shape[r - 1]!, S = k.shape[r - 2]!, Ev = v.shape[r - 1]!;
  let groups = 1;
  if (gqa && r >= 3 && k.shape[r - 3] !== q.shape[r - 3]) {
    const hq = q.shape[r - 3]!, hk = k.shape[r - 3]!;
    if (hq % hk !== 0) throw args.error(`enable_gqa: query heads (${hq}) must be a multiple of key/value heads (${hk})`);
    groups = hq / hk;
  }
  const headMismatch = (t: Tensor) => t.shape.slice(0, r - 2).some((d, i) => d !== 1 && d !== batchShape[i] && !(groups > 1 && i === r - 3));
  if (k.shape[r - 1] !== E || v.shape[r - 2] !== S || headMismatch(k) || headMismatch(v)) {
    throw args.error(`incompatible shapes: query [${q.shape.join(', ')}], key [${k.shape.join(', ')}], value [${v.shape.join(', ')}]`);
  }
  const mask = args.optTensor(maskArg);
  const scale = args.has('scale') ? args.float('scale') : 1 / Math.sqrt(E);
  if (!needLse && q.dtype === 'float32' && (mask === null || broadcasts(mask.shape, [...batchShape, L, S]))) {
    const out = nativeAttention(q, k, v, mask, { batchShape, L, S, E, Ev }, scale, args.bool('is_causal', false), groups, ctx.threads);
    if (out !== null) return [out, null];
  }
  const bias = mask === null ? null : maskBias(args, mask, [...batchShape, L, S]);
  const kind = computeKind(q.dtype);
  const res = attention(floatView(q, kind), floatView(k, kind), floatView(v, kind), { batchShape, L, S, E, Ev }, scale, bias, args.bool('is_causal', false), groups, ctx.threads);
  return [fromFloat(res.out, [...batchShape, L, Ev], q.dtype), fromFloat(Float32Array.from(res.lse), [...batchShape, L], 'float32')];
}

/**
 * `aten.scaled_dot_product_attention` (bool or float `attn_mask`, `is_causal`, `scale`, `enable_gqa`)
 * and `aten._scaled_dot_product_flash_attention_for_cpu` (output, logsumexp). Dropout is ignored:
 * exported inference graphs carry dropout_p = 0.
 */
export const SDPA: KernelDef = {
  ops: ['aten.scaled_dot_product_attention.default', 'aten._scaled_dot_product_flash_attention_for_cpu.default'],
  run: (args, ctx) => {
    if (args.float('dropout_p', 0) !== 0) throw args.error(`dropout_p must be 0 at inference, given ${args.float('dropout_p')}`);
    if (args.node.target === 'aten.scaled_dot_product_attention.default') return runAttention(args, ctx, 'attn_mask', args.bool('enable_gqa', false), false)[0];
    return runAttention(args, ctx, 'attn_mask', false, true);
  },
};
