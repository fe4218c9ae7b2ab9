// Plan fast paths agree with the registered kernels: bool and/or with broadcasting and strided
// operands, float32 reshapes of layouts that need a copy, and global average pooling.
import type { Argument, Node } from '@nativert/core';
import { Graph, Tensor } from '@nativert/core';
import { ALL_KERNELS, GraphPlan, KernelArgs, KernelRegistry } from '@nativert/interpreter';
import { expect } from 'chai';

const registry = new KernelRegistry(ALL_KERNELS);
const t = (name: string): Argument => ({ kind: 'tensor', name });

function node(target: string, inputs: Record<string, Argument>): Node {
  return { name: 'out', target, inputs: Object.entries(inputs).map(([n, arg]) => ({ name: n, arg, kwOnly: false })), outputs: [t('out')], metadata: {} };
}

/** The node run through a plan (fast path first) and through its registered kernel alone. */
function both(n: Node, inputs: Tensor[]): [Tensor, Tensor] {
  const names = inputs.map((_, i) => `in${i}`);
  const plan = new GraphPlan(new Graph(names.map(t), [t('out')], [n], new Map()), registry, () => { throw new Error('no subgraphs'); });
  const viaPlan = plan.run(inputs, 1)[0] as Tensor;
  const env = new Map(names.map((k, i) => [k, inputs[i]!]));
  const viaKernel = registry.tryGet(n.target)!.run(new KernelArgs(n, (k) => env.get(k)!), { node: n, threads: 1, runSubgraph: () => [] }) as Tensor;
  return [viaPlan, viaKernel];
}

const bools = (shape: number[], seed: number) => {
  const n = shape.reduce((a, b) => a * b, 1);
  return Tensor.fromTyped('bool', shape, Uint8Array.from({ length: n }, (_, i) => ((i * 7 + seed) % 3 === 0 ? 1 : 0)));
};

describe('interpreter runtime: fast paths match the kernels', () => {
  for (const target of ['aten.__and__.Tensor', 'aten.__or__.Tensor', 'aten.logical_and.default', 'aten.logical_or.default']) {
    it(`${target}: broadcast [1,1,5,1] with [2,1,1,5], a transposed operand, and a 0-d operand`, () => {
      const cases: [Tensor, Tensor][] = [
        [bools([1, 1, 5, 1], 1), bools([2, 1, 1, 5], 2)],
        [bools([4, 3], 0).asStrided([3, 4], [1, 3]), bools([3, 4], 1)],
        [bools([], 0), bools([2, 3], 2)],
        [Tensor.fromTyped('bool', [], Uint8Array.of(1)), bools([2, 3], 2)],
      ];
      for (const [a, b] of cases) {
        const [p, k] = both(node(target, { self: t('in0'), other: t('in1') }), [a, b]);
        expect(p.dtype).to.equal('bool');
        expect(p.shape).to.deep.equal(k.shape);
        expect([...p.toFloat64()]).to.deep.equal([...k.toFloat64()]);
      }
    });
  }

  it('aten.reshape.default / view.default of a transposed float32 tensor copies in order', () => {
    const x = Tensor.fromTyped('float32', [2, 3, 4], Float32Array.from({ length: 24 }, (_, i) => i * 0.5 - 3));
    const xt = x.asStrided([3, 2, 4], [4, 12, 1]);
    for (const target of ['aten.reshape.default', 'aten.view.default']) {
      const [p, k] = both(node(target, { self: t('in0'), [target.includes('view') ? 'size' : 'shape']: { kind: 'ints', values: [6, -1] } }), [xt]);
      expect(p.shape).to.deep.equal([6, 4]);
      expect([...p.toFloat64()]).to.deep.equal([...k.toFloat64()]);
    }
  });

  it('aten.adaptive_avg_pool2d.default to [1, 1] equals the kernel within float32 rounding', () => {
    const x = Tensor.fromTyped('float32', [2, 3, 5, 4], Float32Array.from({ length: 120 }, (_, i) => Math.sin(i) * 3));
    const [p, k] = both(node('aten.adaptive_avg_pool2d.default', { self: t('in0'), output_size: { kind: 'ints', values: [1, 1] } }), [x]);
    expect(p.shape).to.deep.equal([2, 3, 1, 1]);
    const want = [...k.toFloat64()];
    [...p.toFloat64()].forEach((v, i) => expect(v).to.be.closeTo(want[i]!, 1e-6));
  });
});
