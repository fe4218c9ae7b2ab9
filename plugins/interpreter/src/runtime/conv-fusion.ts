import type { Graph, Node, RuntimeValue } from '@nativert/core';
import { argumentValueNames, nodeInputNames, Tensor } from '@nativert/core';
import { KernelArgs } from '../kernel/kernel-args.js';
import type { ConvParams } from '../kernels/linalg/conv-geometry.js';
import { convGeometry } from '../kernels/linalg/conv-geometry.js';
import { conv2dNative } from '../kernels/linalg/conv2d-native.js';
import { nativeAddon, UnaryOp } from '../native/native-addon.js';

/**
 * A 2-d float32 convolution whose weights are constants, with a following inference batch norm
 * folded into its weight and bias and a following activation fused as its epilogue. Found once
 * when the plan is made; `nodes` are the original nodes it replaces (run instead when the input
 * at run time is not float32).
 */
export interface ConvChain {
  readonly nodes: readonly Node[];
  /** Value name of the convolution's input. */
  readonly input: string;
  /** Value name the chain's last node defines. */
  readonly output: string;
  /** Runs the chain on `x`, or returns null when the native path does not apply to `x`. */
  run(x: RuntimeValue, threads: number): Tensor | null;
}

const CONVS = new Set(['aten.conv2d.default', 'aten.convolution.default']);
const BATCH_NORMS = new Set(['aten.batch_norm.default', 'aten._native_batch_norm_legit_no_training.default']);
const ACTIVATIONS = new Map<string, UnaryOp>([
  ['aten.relu.default', UnaryOp.Relu], ['aten.relu_.default', UnaryOp.Relu],
  ['aten.hardswish.default', UnaryOp.Hardswish], ['aten.hardswish_.default', UnaryOp.Hardswish],
  ['aten.silu.default', UnaryOp.Silu], ['aten.silu_.default', UnaryOp.Silu],
  ['aten.sigmoid.default', UnaryOp.Sigmoid], ['aten.sigmoid_.default', UnaryOp.Sigmoid],
]);

/** Reads literal arguments only: a symbolic or tensor argument makes the chain ineligible. */
function literalArgs(node: Node): KernelArgs {
  return new KernelArgs(node, (name) => {
    throw new Error(`'${name}' is not a constant`);
  });
}

function tensorName(node: Node, arg: string): string | null | undefined {
  const a = node.inputs.find((i) => i.name === arg)?.arg;
  if (a === undefined || a.kind === 'none' || (a.kind === 'optional_tensor' && a.name === null)) return null;
  if (a.kind === 'tensor' || a.kind === 'optional_tensor') return a.name;
  return undefined;
}

/** The node's only used output name, or null when it has several used outputs. */
function mainOutput(node: Node, uses: ReadonlyMap<string, number>): string | null {
  const names = node.outputs.flatMap(argumentValueNames);
  if (names.length === 0 || names.slice(1).some((n) => (uses.get(n) ?? 0) > 0)) return null;
  return names[0]!;
}

/** The float32 weight tensor behind `name`, or null. */
function constant(weights: ReadonlyMap<string, Tensor>, name: string | null | undefined): Tensor | null {
  if (name === null || name === undefined) return null;
  const t = weights.get(name);
  return t !== undefined && t.dtype === 'float32' && t.storage.kind === 'host' ? t : null;
}

function convParams(node: Node): ConvParams | null {
  const a = literalArgs(node);
  if (node.target === 'aten.convolution.default' && a.bool('transposed')) return null;
  return {
    stride: a.ints('stride', [1, 1]), padding: a.ints('padding', [0, 0]), dilation: a.ints('dilation', [1, 1]),
    groups: a.int('groups', 1), transposed: false, outputPadding: [0],
  };
}

/** Folds batch norm statistics into a copy of the conv weight [Cout, ...] and bias. */
function foldBatchNorm(w: Tensor, b: Tensor | null, bn: Node, weights: ReadonlyMap<string, Tensor>): { w: Tensor; b: Tensor } | null {
  const a = literalArgs(bn);
  if (bn.target === 'aten.batch_norm.default' && a.bool('training')) return null;
  const gamma = tensorName(bn, 'weight'), beta = tensorName(bn, 'bias');
  const mean = constant(weights, tensorName(bn, 'running_mean')), variance = constant(weights, tensorName(bn, 'running_var'));
  const g = gamma === null ? null : constant(weights, gamma), bt = beta === null ? null : constant(weights, beta);
  if (mean === null || variance === null || (gamma !== null && g === null) || (beta !== null && bt === null)) return null;
  const eps = a.float('eps');
  const cout = w.shape[0]!, per = w.numel / cout;
  const wv = w.toFloat64(), out = new Float32Array(w.numel), bias = new Float32Array(cout);
  const mv = mean.toFloat64(), vv = variance.toFloat64(), gv = g?.toFloat64(), bv = bt?.toFloat64(), cb = b?.toFloat64();
  for (let o = 0; o < cout; o++) {
    const s = (gv ? gv[o]! : 1) / Math.sqrt(vv[o]! + eps);
    for (let i = 0; i < per; i++) out[o * per + i] = wv[o * per + i]! * s;
    bias[o] = ((cb ? cb[o]! : 0) - mv[o]!) * s + (bv ? bv[o]! : 0);
  }
  return { w: Tensor.fromTyped('float32', w.shape, out), b: Tensor.fromTyped('float32', [cout], bias) };
}

/** Finds conv(+batch norm)(+activation) chains over constant weights in `graph`. */
export function findConvChains(graph: Graph, weights: ReadonlyMap<string, Tensor>): ConvChain[] {
  if (nativeAddon() === null || weights.size === 0) return [];
  const uses = new Map<string, number>();
  for (const n of graph.nodes) for (const v of nodeInputNames(n)) uses.set(v, (uses.get(v) ?? 0) + 1);
  for (const o of graph.outputs) for (const v of argumentValueNames(o)) uses.set(v, (uses.get(v) ?? 0) + 2);
  const consumer = new Map<string, Node>();
  for (const n of graph.nodes) for (const v of nodeInputNames(n)) consumer.set(v, n);
  const chains: ConvChain[] = [];
  for (const conv of graph.nodes) {
    if (!CONVS.has(conv.target)) continue;
    try {
      const chain = chainFrom(conv, weights, uses, consumer);
      if (chain !== null) chains.push(chain);
    } catch {
      // A symbolic hyper-parameter or unexpected argument: leave the nodes to their kernels.
    }
  }
  return chains;
}

function chainFrom(conv: Node, weights: ReadonlyMap<string, Tensor>, uses: ReadonlyMap<string, number>, consumer: ReadonlyMap<string, Node>): ConvChain | null {
  const input = tensorName(conv, 'input');
  let w = constant(weights, tensorName(conv, 'weight'));
  const biasName = tensorName(conv, 'bias');
  let b = biasName === null ? null : constant(weights, biasName);
  const params = convParams(conv);
  if (typeof input !== 'string' || w === null || w.rank !== 4 || (biasName !== null && b === null) || params === null) return null;
  const nodes: Node[] = [conv];
  let output = mainOutput(conv, uses);
  const next = (): Node | null => {
    if (output === null || uses.get(output) !== 1) return null;
    return consumer.get(output) ?? null;
  };
  let bn = next();
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
  const actNode = next();
  const actOp = actNode === null ? undefined : ACTIVATIONS.get(actNode.target);
  if (actNode !== null && actOp !== undefined && tensorName(actNode, 'self') === output) {
    const out = mainOutput(actNode, uses);
    if (out !== null) {
      act = actOp;
      nodes.push(actNode);
      output = out;
    }
  }
  if (output === null || nodes.length === 1 && act === UnaryOp.Identity && w.storage.kind === 'host' && w.storage.bytes.byteOffset % 4 === 0) {
    return null;
  }
  const weight = w.isContiguous() && w.storage.kind === 'host' && w.storage.bytes.byteOffset % 4 === 0 ? w : Tensor.fromTyped('float32', w.shape, Float32Array.from(w.toFloat64()));
  const bias = b;
  const where = `node '${conv.name}' (${conv.target})`;
  return {
    nodes, input, output,
    run: (x, threads) => {
      if (!(x instanceof Tensor) || x.dtype !== 'float32' || x.rank !== 4) return null;
      return conv2dNative(x, weight, bias, convGeometry(x.shape, weight.shape, params, where), act, threads);
    },
  };
}
