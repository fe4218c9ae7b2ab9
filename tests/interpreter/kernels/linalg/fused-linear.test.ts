import type { Argument, Node, RuntimeValue } from '@nativert/core';
import { Graph, Tensor } from '@nativert/core';
import { ALL_KERNELS, GraphPlan, KernelRegistry, nativeAddon } from '@nativert/interpreter';
import { expect } from 'chai';
import { expectClose } from './run-op.js';

const registry = new KernelRegistry(ALL_KERNELS);
const t = (name: string): Argument => ({ kind: 'tensor', name });

function random(shape: number[], seed: number): Tensor {
  let x = seed;
  const n = shape.reduce((a, b) => a * b, 1);
  return Tensor.fromTyped('float32', shape, Float32Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648 - 0.5;
  }));
}

function node(name: string, target: string, inputs: Record<string, Argument>): Node {
  return { name, target, inputs: Object.entries(inputs).map(([n, arg]) => ({ name: n, arg, kwOnly: false })), outputs: [t(name)], metadata: {} };
}

/** Runs `nodes` (output: the last node) with `weights` as plan constants (fused) and as plain inputs (the TypeScript kernels). */
function bothWays(nodes: Node[], x: Tensor, weights: Record<string, Tensor>, threads: number): [RuntimeValue, RuntimeValue] {
  const names = Object.keys(weights);
  const graph = new Graph([t('x'), ...names.map(t)], [t(nodes[nodes.length - 1]!.name)], nodes, new Map());
  const inputs = [x, ...names.map((n) => weights[n]!)];
  const plain = new GraphPlan(graph, registry, () => { throw new Error('no subgraphs'); });
  const fused = new GraphPlan(graph, registry, () => { throw new Error('no subgraphs'); }, new Map(Object.entries(weights)));
  return [fused.run(inputs, threads)[0]!, plain.run(inputs, threads)[0]!];
}

describe('interpreter runtime: linear chains over packed weights', () => {
  before(function () {
    if (nativeAddon() === null) this.skip();
  });

  for (const [m, k, n, threads] of [[1, 1, 1, 1], [5, 7, 3, 1], [24, 128, 384, 2], [33, 300, 70, 2], [150, 20, 17, 1]] as const) {
    it(`linear + gelu equals the unfused kernels: [${m}, ${k}] x [${n}, ${k}]ᵀ, ${threads} thread(s)`, () => {
      const nodes = [
        node('lin', 'aten.linear.default', { input: t('x'), weight: t('w'), bias: t('b') }),
        node('act', 'aten.gelu.default', { self: t('lin') }),
      ];
      const x = random([2, m, k], m + k), w = random([n, k], n), b = random([n], 3 * n);
      const [got, want] = bothWays(nodes, x, { w, b }, threads);
      expectClose(got, [2, m, n], (want as Tensor).toFloat64(), 1e-5, 1e-5 * Math.sqrt(k));
    });
  }

  it('addmm (+ relu) with a [k, n] weight and a transposed (strided) input', () => {
    const nodes = [
      node('xt', 'aten.t.default', { self: t('x') }),
      node('mm', 'aten.addmm.default', { self: t('b'), mat1: t('xt'), mat2: t('w') }),
      node('act', 'aten.relu.default', { self: t('mm') }),
    ];
    const x = random([40, 9], 1), w = random([40, 50], 2), b = random([50], 3);
    const [got, want] = bothWays(nodes, x, { w, b }, 1);
    expectClose(got, [9, 50], (want as Tensor).toFloat64());
  });

  it('mm and linear without a bias, a 1-d input, and a weight read through strides', () => {
    const wide = random([12, 16], 4);
    const w = wide.asStrided([12, 8], [16, 2], 1);
    const mm = [node('mm', 'aten.mm.default', { self: t('x'), mat2: t('w') })];
    const [g1, w1] = bothWays(mm, random([3, 12], 5), { w }, 1);
    expectClose(g1, [3, 8], (w1 as Tensor).toFloat64());
    const lin = [node('lin', 'aten.linear.default', { input: t('x'), weight: t('w') })];
    const [g2, w2] = bothWays(lin, random([8], 6), { w }, 1);
    expectClose(g2, [12], (w2 as Tensor).toFloat64());
  });

  it('leaves addmm with beta != 1 to its kernel', () => {
    const nodes = [node('mm', 'aten.addmm.default', { self: t('b'), mat1: t('x'), mat2: t('w'), beta: { kind: 'float', value: 0.5 } })];
    const x = random([4, 6], 7), w = random([6, 5], 8), b = random([5], 9);
    const [got, want] = bothWays(nodes, x, { w, b }, 1);
    expectClose(got, [4, 5], (want as Tensor).toFloat64());
  });

  it('names the node when the input has the wrong number of features', () => {
    const nodes = [node('lin', 'aten.linear.default', { input: t('x'), weight: t('w') })];
    expect(() => bothWays(nodes, random([2, 5], 1), { w: random([3, 4], 2) }, 1)).to.throw(/node 'lin'/);
  });
});

describe('interpreter native: packed GEMM', () => {
  it('refuses packed weights made for other sizes', () => {
    const native = nativeAddon();
    if (native === null) return;
    const packed = native.packWeightsF32(new Float32Array(4), 0, 2, 1, 2, 2);
    expect(() => native.sgemmPackedF32(1, 2, 300, new Float32Array(300), 0, 300, 1, packed, null, 0, new Float32Array(2), 0, 2, 0, 1)).to.throw(RangeError);
  });
});
