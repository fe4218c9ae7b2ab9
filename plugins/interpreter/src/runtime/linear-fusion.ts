import type { Graph, Node, RuntimeValue } from '@nativert/core';
import { argumentValueNames, ErrorCode, NativertError, Tensor } from '@nativert/core';
import { allocF32, f32Contiguous, f32Operand, f32Values } from '../native/f32-tensor.js';
import type { NativeAddon } from '../native/native-addon.js';
import { nativeAddon, UnaryOp } from '../native/native-addon.js';
import { activationAfter } from './activation-epilogue.js';
import type { FusedChain, ValueUses } from './fused-chain.js';
import { constantF32, literalArgs, mainOutput, tensorName, valueUses } from './fused-chain.js';

/** Where a product node keeps its operands: x's argument, the constant B as [k, n] or [n, k], and the bias. */
interface ProductForm {
  readonly x: string;
  readonly weight: string;
  /** True when the weight is [n, k] (linear), false when [k, n] (addmm, mm). */
  readonly transposed: boolean;
  readonly bias: string | null;
  /** Rank x must have (2 for addmm/mm), or null for any rank >= 1 (linear). */
  readonly rank: number | null;
}

const FORMS = new Map<string, ProductForm>([
  ['aten.linear.default', { x: 'input', weight: 'weight', transposed: true, bias: 'bias', rank: null }],
  ['aten.addmm.default', { x: 'mat1', weight: 'mat2', transposed: false, bias: 'self', rank: 2 }],
  ['aten.mm.default', { x: 'self', weight: 'mat2', transposed: false, bias: null, rank: 2 }],
]);

/**
 * Finds linear / addmm / mm nodes whose weight is a float32 constant (and bias, if any, a constant
 * of n values), with a following activation fused as their epilogue. The weight is packed into
 * GEMM panels once, here, so a run reads it without re-packing.
 */
export function findLinearChains(graph: Graph, weights: ReadonlyMap<string, Tensor>): FusedChain[] {
  const native = nativeAddon();
  if (native === null || weights.size === 0) return [];
  const uses = valueUses(graph.nodes, graph.outputs.flatMap(argumentValueNames));
  const chains: FusedChain[] = [];
  for (const node of graph.nodes) {
    const form = FORMS.get(node.target);
    if (form === undefined) continue;
    try {
      const chain = chainFrom(native, node, form, weights, uses);
      if (chain !== null) chains.push(chain);
    } catch {
      // A symbolic scale or unexpected argument: leave the node to its kernel.
    }
  }
  return chains;
}

function chainFrom(native: NativeAddon, node: Node, form: ProductForm, weights: ReadonlyMap<string, Tensor>, uses: ValueUses): FusedChain | null {
  const x = tensorName(node, form.x), w = constantF32(weights, tensorName(node, form.weight));
  if (typeof x !== 'string' || w === null || w.rank !== 2 || w.strides.some((s) => s < 0)) return null;
  if (node.target === 'aten.addmm.default') {
    const a = literalArgs(node);
    if (a.scalar('beta', 1) !== 1 || a.scalar('alpha', 1) !== 1) return null;
  }
  const [n, k] = form.transposed ? [w.shape[0]!, w.shape[1]!] : [w.shape[1]!, w.shape[0]!];
  const biasName = form.bias === null ? null : tensorName(node, form.bias);
  const b = biasName === null ? null : constantF32(weights, biasName);
  if (biasName !== null && (b === null || b.numel !== n || b.shape[b.rank - 1] !== n)) return null;
  let output = mainOutput(node, uses);
  const nodes = [node];
  let act = UnaryOp.Identity;
  const epilogue = activationAfter(output, uses);
  if (epilogue !== null) {
    act = epilogue.op;
    nodes.push(epilogue.node);
    output = epilogue.output;
  }
  if (output === null) return null;
  const src = f32Operand(w)!;
  const [rsb, csb] = form.transposed ? [w.strides[1]!, w.strides[0]!] : [w.strides[0]!, w.strides[1]!];
  const packed = native.packWeightsF32(src.data, src.offset, rsb, csb, k, n);
  const bias = b === null ? null : f32Values(b);
  const where = `node '${node.name}' (${node.target})`;
  return {
    nodes, input: x, output,
    run: (v: RuntimeValue, threads: number) => {
      if (!(v instanceof Tensor) || v.dtype !== 'float32' || v.rank === 0 || form.rank !== null && v.rank !== form.rank) return null;
      if (v.shape[v.rank - 1] !== k) {
        throw new NativertError(ErrorCode.InvalidArgument, `${where}: input of shape [${v.shape.join(', ')}] cannot be multiplied by a weight with ${k} input features`);
      }
      const m = v.numel / Math.max(k, 1);
      let a = v.rank === 2 && v.strides.every((s) => s >= 0) ? f32Operand(v) : f32Contiguous(v);
      let rsa = v.rank === 2 ? v.strides[0]! : k, csa = v.rank === 2 ? v.strides[1]! : 1;
      if (a === null) {
        a = f32Contiguous(v.contiguous());
        if (a === null) return null;
        rsa = k;
        csa = 1;
      }
      const out = allocF32([...v.shape.slice(0, -1), n]);
      native.sgemmPackedF32(m, n, k, a.data, a.offset, rsa, csa, packed, bias, 0, out.data, 0, n, act, threads);
      return out.tensor;
    },
  };
}
