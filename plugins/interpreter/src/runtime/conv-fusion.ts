import type { Graph, Node } from '@nativert/core';
import { argumentValueNames, Tensor } from '@nativert/core';
import type { ConvParams } from '../kernels/linalg/conv-geometry.js';
import { convGeometry } from '../kernels/linalg/conv-geometry.js';
import { conv2dNative } from '../kernels/linalg/conv2d-native.js';
import { f32Contiguous, f32Values } from '../native/f32-tensor.js';
import { BinaryOp, nativeAddon, UnaryOp } from '../native/native-addon.js';
import { activationAfter } from './activation-epilogue.js';
import type { FusedChain, ValueUses } from './fused-chain.js';
import { constantF32, literalArgs, mainOutput, soleConsumer, tensorName, valueUses } from './fused-chain.js';

const CONVS = new Set(['aten.conv1d.default', 'aten.conv2d.default', 'aten.convolution.default']);
const BATCH_NORMS = new Set(['aten.batch_norm.default', 'aten._native_batch_norm_legit_no_training.default']);

/** The conv's literal hyper-parameters over `rank` spatial dims (1 or 2), or null when transposed. */
function convParams(node: Node, rank: number): ConvParams | null {
  const a = literalArgs(node);
  if (node.target === 'aten.convolution.default' && a.bool('transposed')) return null;
  const ones = new Array<number>(rank).fill(1), zeros = new Array<number>(rank).fill(0);
  return {
    stride: a.ints('stride', ones), padding: a.ints('padding', zeros), dilation: a.ints('dilation', ones),
    groups: a.int('groups', 1), transposed: false, outputPadding: [0],
  };
}

/** Folds batch norm statistics into a copy of the conv weight [Cout, ...] and bias (float32, as PyTorch folds). */
function foldBatchNorm(w: Tensor, b: Tensor | null, bn: Node, weights: ReadonlyMap<string, Tensor>): { w: Tensor; b: Tensor } | null {
  const a = literalArgs(bn);
  if (bn.target === 'aten.batch_norm.default' && a.bool('training')) return null;
  const gamma = tensorName(bn, 'weight'), beta = tensorName(bn, 'bias');
  const mean = constantF32(weights, tensorName(bn, 'running_mean')), variance = constantF32(weights, tensorName(bn, 'running_var'));
  const g = gamma === null ? null : constantF32(weights, gamma), bt = beta === null ? null : constantF32(weights, beta);
  if (mean === null || variance === null || (gamma !== null && g === null) || (beta !== null && bt === null)) return null;
  const eps = a.float('eps');
  const cout = w.shape[0]!, per = w.numel / cout;
  const wv = f32Values(w), out = new Float32Array(w.numel), bias = new Float32Array(cout), scale = new Float32Array(cout);
  const mv = f32Values(mean), vv = f32Values(variance), gv = g && f32Values(g), bv = bt && f32Values(bt), cb = b && f32Values(b);
  for (let o = 0; o < cout; o++) {
    const s = (gv ? gv[o]! : 1) / Math.sqrt(vv[o]! + eps);
    scale[o] = s;
    bias[o] = ((cb ? cb[o]! : 0) - mv[o]!) * s + (bv ? bv[o]! : 0);
  }
  // Each output channel's row of the weight times its scale, natively (a JavaScript loop over
  // ResNet-18's 11 M weights cost ~100 ms of load time).
  nativeAddon()!.binaryF32(BinaryOp.Mul, 1, Float64Array.of(cout, per), wv, 0, Float64Array.of(per, 1), scale, 0, Float64Array.of(1, 0), out, 0, 1);
  return { w: Tensor.fromTyped('float32', w.shape, out), b: Tensor.fromTyped('float32', [cout], bias) };
}

/** Finds conv (1-d or 2-d)(+batch norm)(+activation) chains over constant weights in `graph`. */
export function findConvChains(graph: Graph, weights: ReadonlyMap<string, Tensor>): FusedChain[] {
  if (nativeAddon() === null || weights.size === 0) return [];
  const uses = valueUses(graph.nodes, graph.outputs.flatMap(argumentValueNames));
  const chains: FusedChain[] = [];
  for (const conv of graph.nodes) {
    if (!CONVS.has(conv.target)) continue;
    try {
      const chain = chainFrom(conv, weights, uses);
      if (chain !== null) chains.push(chain);
    } catch {
      // A symbolic hyper-parameter or unexpected argument: leave the nodes to their kernels.
    }
  }
  return chains;
}

function chainFrom(conv: Node, weights: ReadonlyMap<string, Tensor>, uses: ValueUses): FusedChain | null {
  const input = tensorName(conv, 'input');
  let w = constantF32(weights, tensorName(conv, 'weight'));
  const biasName = tensorName(conv, 'bias');
  let b = biasName === null ? null : constantF32(weights, biasName);
  if (typeof input !== 'string' || w === null || (w.rank !== 4 && w.rank !== 3) || (biasName !== null && b === null)) return null;
  const params = convParams(conv, w.rank - 2);
  if (params === null) return null;
  const nodes: Node[] = [conv];
  let output = mainOutput(conv, uses);
  const bn = soleConsumer(output, uses);
  if (bn !== null && BATCH_NORMS.has(bn.target) && tensorName(bn, 'input') === output) {
    const folded = foldBatchNorm(w, b, bn, weights);
    const out = mainOutput(bn, uses);
    if (folded !== null && out !== null) {
      ({ w, b } = folded);
      nodes.push(bn);
      output = out;
    }
  }
  let act = UnaryOp.Identity;
  const epilogue = activationAfter(output, uses);
  if (epilogue !== null) {
    act = epilogue.op;
    nodes.push(epilogue.node);
    output = epilogue.output;
  }
  if (output === null || nodes.length === 1 && f32Contiguous(w) !== null) return null;
  const weight = f32Contiguous(w) !== null ? w : Tensor.fromTyped('float32', w.shape, f32Values(w));
  const bias = b;
  const where = `node '${conv.name}' (${conv.target})`;
  return {
    nodes, input, output,
    run: (x, threads) => {
      if (!(x instanceof Tensor) || x.dtype !== 'float32' || x.rank !== weight.rank) return null;
      return conv2dNative(x, weight, bias, convGeometry(x.shape, weight.shape, params, where), act, threads);
    },
  };
}
