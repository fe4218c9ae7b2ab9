import type { Argument, Graph, Node, RuntimeValue } from '@nativert/core';
import { argumentValueNames, Tensor } from '@nativert/core';
import { allocF32, f32Contiguous } from '../native/f32-tensor.js';
import { nativeAddon, UnaryOp } from '../native/native-addon.js';
import type { FusedChain, ValueUses } from './fused-chain.js';
import { mainOutput, soleConsumer, valueUses } from './fused-chain.js';

const SQRT_2_OVER_PI = 0.7978845608028654;

/** The node's argument `name`, or undefined. */
function arg(node: Node, name: string): Argument | undefined {
  return node.inputs.find((i) => i.name === name)?.arg;
}

/** True when `a` is a literal number within float32 rounding of `c`. */
function isLiteral(a: Argument | undefined, c: number): boolean {
  return (a?.kind === 'float' || a?.kind === 'int') && Math.abs(a.value - c) <= 1e-6 * Math.abs(c);
}

/** True when `node` is add/mul (no alpha) of tensor `value` and the literal `c`, in either order. */
function scalarOp(node: Node | null | undefined, target: string, value: string, c: number): node is Node {
  if (!node || node.target !== target) return false;
  const self = arg(node, 'self'), other = arg(node, 'other'), alpha = arg(node, 'alpha');
  if (alpha !== undefined && alpha.kind !== 'none' && !isLiteral(alpha, 1)) return false;
  return self?.kind === 'tensor' && self.name === value && isLiteral(other, c)
    || other?.kind === 'tensor' && other.name === value && isLiteral(self, c);
}

/** The tensor names `node` reads as self and other. */
function tensorPair(node: Node): [string | null, string | null] {
  const self = arg(node, 'self'), other = arg(node, 'other');
  return [self?.kind === 'tensor' ? self.name : null, other?.kind === 'tensor' ? other.name : null];
}

/** The value `node` alone defines and something reads only once, by the next chain node. */
function next(node: Node, uses: ValueUses): Node | null {
  return soleConsumer(mainOutput(node, uses), uses);
}

/**
 * The eight nodes of the tanh GELU written out (GPT-2's NewGELU: `0.5 * x * (1 + tanh(sqrt(2/pi)
 * * (x + 0.044715 * x^3)))`) from its `pow(x, 3)` node, or null when `pow` starts no such chain.
 */
function matchFrom(pow: Node, uses: ValueUses, definer: ReadonlyMap<string, Node>): { x: string; nodes: Node[]; output: string } | null {
  const self = arg(pow, 'self');
  if (self?.kind !== 'tensor' || !isLiteral(arg(pow, 'exponent'), 3)) return null;
  const x = self.name;
  const cube = mainOutput(pow, uses);
  const scaled = soleConsumer(cube, uses);
  if (cube === null || !scaled || !scalarOp(scaled, 'aten.mul.Tensor', cube, 0.044715)) return null;
  const inner = next(scaled, uses);
  if (inner?.target !== 'aten.add.Tensor' || arg(inner, 'alpha') !== undefined && arg(inner, 'alpha')!.kind !== 'none') return null;
  const pair = tensorPair(inner), scaledOut = mainOutput(scaled, uses);
  if (!(pair[0] === x && pair[1] === scaledOut || pair[1] === x && pair[0] === scaledOut)) return null;
  const innerOut = mainOutput(inner, uses);
  const arg2 = soleConsumer(innerOut, uses);
  if (innerOut === null || !scalarOp(arg2, 'aten.mul.Tensor', innerOut, SQRT_2_OVER_PI)) return null;
  const tanh = next(arg2, uses);
  if (tanh?.target !== 'aten.tanh.default') return null;
  const tanhOut = mainOutput(tanh, uses);
  const plusOne = soleConsumer(tanhOut, uses);
  if (tanhOut === null || !scalarOp(plusOne, 'aten.add.Tensor', tanhOut, 1)) return null;
  const product = next(plusOne, uses);
  if (product?.target !== 'aten.mul.Tensor') return null;
  const [a, b] = tensorPair(product), onePlus = mainOutput(plusOne, uses);
  const halfName = a === onePlus ? b : b === onePlus ? a : null;
  if (halfName === null || soleConsumer(halfName, uses) !== product) return null;
  const halfNode = definer.get(halfName) ?? null;
  if (!scalarOp(halfNode, 'aten.mul.Tensor', x, 0.5) || mainOutput(halfNode, uses) !== halfName) return null;
  const output = mainOutput(product, uses);
  if (output === null) return null;
  return { x, nodes: [halfNode, pow, scaled, inner, arg2, tanh, plusOne, product], output };
}

/**
 * Finds written-out tanh GELUs (eight float elementwise nodes) and replaces each with one native
 * GELU pass over a contiguous float32 input; other inputs fall back to the original nodes.
 */
export function findGeluTanhChains(graph: Graph): FusedChain[] {
  const native = nativeAddon();
  if (native === null) return [];
  const uses = valueUses(graph.nodes, graph.outputs.flatMap(argumentValueNames));
  const order = new Map<Node, number>(graph.nodes.map((n, i) => [n, i]));
  const definer = new Map<string, Node>();
  for (const n of graph.nodes) for (const o of n.outputs.flatMap(argumentValueNames)) definer.set(o, n);
  const chains: FusedChain[] = [];
  for (const node of graph.nodes) {
    if (node.target !== 'aten.pow.Tensor_Scalar') continue;
    const m = matchFrom(node, uses, definer);
    if (m === null) continue;
    chains.push({
      nodes: m.nodes.sort((p, q) => order.get(p)! - order.get(q)!), input: m.x, output: m.output,
      run: (v: RuntimeValue, threads: number) => {
        const x = f32Contiguous(v);
        if (x === null || !(v instanceof Tensor)) return null;
        const out = allocF32(v.shape);
        native.unaryF32(UnaryOp.GeluTanh, x.data, x.offset, out.data, 0, v.numel, threads);
        return out.tensor;
      },
    });
  }
  return chains;
}
