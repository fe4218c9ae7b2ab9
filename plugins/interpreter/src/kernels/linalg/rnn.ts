import type { Tensor } from '@nativert/core';
import { ErrorCode, NativertError } from '@nativert/core';
import type { ComputeKind, FloatView } from './float-view.js';
import { allocFloat, computeKind, contiguousView, floatView, fromFloat, materialize } from './float-view.js';
import type { FloatArray } from './gemm.js';
import { gemm } from './gemm.js';

/** The recurrent cell of an `aten.lstm` / `gru` / `rnn_tanh` / `rnn_relu` call. */
export type RnnCell = 'lstm' | 'gru' | 'rnn_tanh' | 'rnn_relu';

/** Arguments shared by the `.input` overloads of the recurrent ops. */
export interface RnnConfig {
  readonly cell: RnnCell;
  readonly hasBiases: boolean;
  readonly numLayers: number;
  readonly bidirectional: boolean;
  readonly batchFirst: boolean;
  readonly threads: number;
  readonly where: string;
}

/** Outputs of a recurrent op: the top layer's sequence, final hidden states, and (LSTM) final cell states. */
export interface RnnResult {
  readonly output: Tensor;
  readonly hN: Tensor;
  readonly cN: Tensor | null;
}

const GATES: Record<RnnCell, number> = { lstm: 4, gru: 3, rnn_tanh: 1, rnn_relu: 1 };

interface DirectionWeights {
  readonly wIh: FloatView;
  readonly wHh: FloatView;
  readonly bIh: FloatView | null;
  readonly bHh: FloatView | null;
  /** LSTM projection [proj, hidden], or null. */
  readonly wHr: FloatView | null;
}

/**
 * Runs a multi-layer, optionally bidirectional recurrent network in inference mode (dropout is
 * not applied), as PyTorch's CPU kernels do: the input projection of a whole sequence is one GEMM,
 * then one GEMM per time step for the recurrent term. Gate orders: LSTM i,f,g,o; GRU r,z,n.
 * `hx` is [h0] or, for LSTM, [h0, c0]; `params` per layer and direction: w_ih, w_hh, (b_ih, b_hh), (w_hr).
 */
export function runRnn(input: Tensor, hx: readonly Tensor[], params: readonly Tensor[], cfg: RnnConfig): RnnResult {
  const dirs = cfg.bidirectional ? 2 : 1;
  if (input.rank !== 3) throw fail(cfg, `input must be 3-D, given shape [${input.shape.join(', ')}]`);
  const perDir = params.length / (cfg.numLayers * dirs);
  const base = cfg.hasBiases ? 4 : 2;
  if (perDir !== base && !(cfg.cell === 'lstm' && perDir === base + 1)) {
    throw fail(cfg, `expected ${cfg.numLayers * dirs * base} weight tensors for ${cfg.numLayers} layer(s) x ${dirs} direction(s), given ${params.length}`);
  }
  const kind: ComputeKind = computeKind(input.dtype);
  // Sequence-major [T, B, I] whatever batch_first says.
  let x = floatView(input, kind);
  if (cfg.batchFirst) x = { ...x, shape: [x.shape[1]!, x.shape[0]!, x.shape[2]!], strides: [x.strides[1]!, x.strides[0]!, x.strides[2]!] };
  x = contiguousView(x);
  const [T, B] = x.shape as [number, number, number];
  const weights = (layer: number, dir: number): DirectionWeights => {
    const at = (layer * dirs + dir) * perDir, v = (i: number) => contiguousView(floatView(params[at + i]!, kind));
    return {
      wIh: v(0), wHh: v(1), bIh: cfg.hasBiases ? v(2) : null, bHh: cfg.hasBiases ? v(3) : null,
      wHr: perDir === base + 1 ? v(base) : null,
    };
  };
  const w0 = weights(0, 0);
  const hidden = w0.wHh.shape[0]! / GATES[cfg.cell];
  const outSize = w0.wHr === null ? hidden : w0.wHr.shape[0]!;
  const states = (t: Tensor | undefined, size: number, name: string): FloatArray => {
    if (t === undefined) throw fail(cfg, `missing initial ${name}`);
    const want = [cfg.numLayers * dirs, B, size];
    if (t.shape.join() !== want.join()) throw fail(cfg, `${name} must have shape [${want.join(', ')}], given [${t.shape.join(', ')}]`);
    return materialize(floatView(t, kind)).data;
  };
  const h0 = states(hx[0], outSize, 'h0');
  const c0 = cfg.cell === 'lstm' ? states(hx[1], hidden, 'c0') : null;
  const hN = allocFloat(kind, h0.length), cN = c0 === null ? null : allocFloat(kind, c0.length);
  let layerIn: FloatArray = x.data;
  let inSize = x.shape[2]!;
  let out = layerIn;
  for (let layer = 0; layer < cfg.numLayers; layer++) {
    out = allocFloat(kind, T * B * dirs * outSize);
    for (let dir = 0; dir < dirs; dir++) {
      const slot = layer * dirs + dir;
      const w = weights(layer, dir);
      if (w.wIh.shape[1] !== inSize) throw fail(cfg, `layer ${layer} weight_ih has shape [${w.wIh.shape.join(', ')}], expected [*, ${inSize}]`);
      const h = h0.slice(slot * B * outSize, (slot + 1) * B * outSize);
      const c = c0 === null ? null : c0.slice(slot * B * hidden, (slot + 1) * B * hidden);
      runDirection(cfg, kind, layerIn, T, B, inSize, hidden, outSize, w, dir === 1, h, c, out, dir * outSize, dirs * outSize);
      hN.set(h, slot * B * outSize);
      if (c !== null) cN!.set(c, slot * B * hidden);
    }
    layerIn = out;
    inSize = dirs * outSize;
  }
  const feat = dirs * outSize;
  let output: Tensor;
  if (cfg.batchFirst) {
    const v = materialize({ data: out, offset: 0, shape: [B, T, feat], strides: [feat, B * feat, 1] });
    output = fromFloat(v.data, [B, T, feat], input.dtype);
  } else output = fromFloat(out, [T, B, feat], input.dtype);
  const stateShape = (size: number) => [cfg.numLayers * dirs, B, size];
  return {
    output,
    hN: fromFloat(hN, stateShape(outSize), hx[0]!.dtype),
    cN: cN === null ? null : fromFloat(cN, stateShape(hidden), hx[1]!.dtype),
  };
}

// One layer in one direction; updates h (and c) in place and writes h_t into out[t, b, col:col+outSize].
function runDirection(cfg: RnnConfig, kind: ComputeKind, xs: FloatArray, T: number, B: number, inSize: number, hidden: number, outSize: number,
  w: DirectionWeights, reverse: boolean, h: FloatArray, c: FloatArray | null, out: FloatArray, col: number, ld: number): void {
  const G = GATES[cfg.cell] * hidden;
  // Input projections of every step at once: [T*B, G] = xs @ w_ih^T + b_ih.
  const xg = allocFloat(kind, T * B * G);
  if (w.bIh !== null) for (let r = 0; r < T * B; r++) xg.set(w.bIh.data.subarray(w.bIh.offset, w.bIh.offset + G), r * G);
  gemm(T * B, G, inSize, { data: xs, offset: 0, rowStride: inSize, colStride: 1 },
    { data: w.wIh.data, offset: w.wIh.offset, rowStride: 1, colStride: inSize },
    { data: xg, offset: 0, ld: G }, { beta: w.bIh === null ? 0 : 1, threads: cfg.threads });
  const hg = allocFloat(kind, B * G);
  const full = allocFloat(kind, B * hidden);
  for (let s = 0; s < T; s++) {
    const t = reverse ? T - 1 - s : s;
    if (w.bHh !== null) for (let b = 0; b < B; b++) hg.set(w.bHh.data.subarray(w.bHh.offset, w.bHh.offset + G), b * G);
    gemm(B, G, outSize, { data: h, offset: 0, rowStride: outSize, colStride: 1 },
      { data: w.wHh.data, offset: w.wHh.offset, rowStride: 1, colStride: outSize },
      { data: hg, offset: 0, ld: G }, { beta: w.bHh === null ? 0 : 1, threads: cfg.threads });
    for (let b = 0; b < B; b++) {
      const xo = (t * B + b) * G, ho = b * G;
      for (let j = 0; j < hidden; j++) {
        const q = b * hidden + j;
        switch (cfg.cell) {
          case 'lstm': {
            const i = sigmoid(xg[xo + j]! + hg[ho + j]!), f = sigmoid(xg[xo + hidden + j]! + hg[ho + hidden + j]!);
            const g = Math.tanh(xg[xo + 2 * hidden + j]! + hg[ho + 2 * hidden + j]!), o = sigmoid(xg[xo + 3 * hidden + j]! + hg[ho + 3 * hidden + j]!);
            c![q] = f * c![q]! + i * g;
            full[q] = o * Math.tanh(c![q]!);
            break;
          }
          case 'gru': {
            const r = sigmoid(xg[xo + j]! + hg[ho + j]!), z = sigmoid(xg[xo + hidden + j]! + hg[ho + hidden + j]!);
            const n = Math.tanh(xg[xo + 2 * hidden + j]! + r * hg[ho + 2 * hidden + j]!);
            full[q] = (1 - z) * n + z * h[q]!;
            break;
          }
          case 'rnn_tanh': full[q] = Math.tanh(xg[xo + j]! + hg[ho + j]!); break;
          case 'rnn_relu': full[q] = Math.max(0, xg[xo + j]! + hg[ho + j]!); break;
        }
      }
    }
    if (w.wHr !== null) {
      gemm(B, outSize, hidden, { data: full, offset: 0, rowStride: hidden, colStride: 1 },
        { data: w.wHr.data, offset: w.wHr.offset, rowStride: 1, colStride: hidden }, { data: h, offset: 0, ld: outSize });
    } else h.set(full);
    for (let b = 0; b < B; b++) out.set(h.subarray(b * outSize, (b + 1) * outSize), (t * B + b) * ld + col);
  }
}

function sigmoid(v: number): number {
  return 1 / (1 + Math.exp(-v));
}

function fail(cfg: RnnConfig, message: string): NativertError {
  return new NativertError(ErrorCode.InvalidArgument, `${cfg.where}: ${message}`);
}
