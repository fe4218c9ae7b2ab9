// View nodes replay the last layout while `self`'s shape and strides (and symbolic sizes) repeat:
// each run's views must still be exact views of that run's input, and a changed layout or size
// must be computed afresh.
import type { Argument, Node, ValueInfo } from '@nativert/core';
import { Graph, Tensor } from '@nativert/core';
import { ALL_KERNELS, GraphPlan, KernelArgs, KernelRegistry } from '@nativert/interpreter';
import { expect } from 'chai';

const registry = new KernelRegistry(ALL_KERNELS);
const t = (name: string): Argument => ({ kind: 'tensor', name });
const noSubgraphs = () => { throw new Error('no subgraphs'); };

function node(target: string, inputs: Record<string, Argument>, outputs: Argument[]): Node {
  return { name: 'n', target, inputs: Object.entries(inputs).map(([n, arg]) => ({ name: n, arg, kwOnly: false })), outputs, metadata: {} };
}

/** What the registered kernel alone gives for `n` on `env`. */
function direct(n: Node, env: Map<string, Tensor | number>): Tensor[] {
  const r = registry.tryGet(n.target)!.run(new KernelArgs(n, (k) => env.get(k)!), { node: n, threads: 1, runSubgraph: () => [] });
  return (Array.isArray(r) ? r : [r]) as Tensor[];
}

function expectSameView(got: Tensor, want: Tensor, base: Tensor): void {
  expect(got.storage, 'a view of this run\'s input').to.equal(base.storage);
  expect(got.shape).to.deep.equal(want.shape);
  expect(got.strides).to.deep.equal(want.strides);
  expect(got.offset).to.equal(want.offset);
  expect([...got.toFloat64()]).to.deep.equal([...want.toFloat64()]);
}

const ramp = (n: number, from: number) => Float32Array.from({ length: n }, (_, i) => from + i);

describe('interpreter runtime: view layouts remembered across runs', () => {
  it('aten.split.Tensor: same layout at another offset and storage, then a transposed input, then a new shape', () => {
    const n = node('aten.split.Tensor', { self: t('x'), split_size: { kind: 'int', value: 2 }, dim: { kind: 'int', value: 0 } }, [{ kind: 'tensors', names: ['a', 'b'] }]);
    const plan = new GraphPlan(new Graph([t('x')], [t('a'), t('b')], [n], new Map()), registry, noSubgraphs);
    const inputs = [
      Tensor.fromTyped('float32', [4, 3], ramp(12, 0)),
      Tensor.fromTyped('float32', [5, 3], ramp(15, 100)).asStrided([4, 3], [3, 1], 3),
      Tensor.fromTyped('float32', [3, 4], ramp(12, 50)).asStrided([4, 3], [1, 4], 0),
      Tensor.fromTyped('float32', [4, 2], ramp(8, 7)),
    ];
    for (const x of inputs) {
      const got = plan.run([x], 1) as Tensor[];
      const want = direct(n, new Map([['x', x]]));
      got.forEach((g, i) => expectSameView(g, want[i]!, x));
    }
  });

  it('aten.view.default with a symbolic size: a changed size is not replayed', () => {
    const values = new Map<string, ValueInfo>([['s', { kind: 'sym_int', name: 's', value: { expr: 's0' } }]]);
    const n = node('aten.view.default', { self: t('x'), size: { kind: 'sym_ints', values: [{ kind: 'name', name: 's' }, { kind: 'literal', value: -1 }] } }, [t('y')]);
    const plan = new GraphPlan(new Graph([t('x'), { kind: 'sym_int', value: { kind: 'name', name: 's' } }], [t('y')], [n], values), registry, noSubgraphs);
    const x = Tensor.fromTyped('float32', [2, 6], ramp(12, 1));
    for (const s of [3, 3, 4, 2]) {
      const y = plan.run([x, s], 1)[0] as Tensor;
      expectSameView(y, direct(n, new Map<string, Tensor | number>([['x', x], ['s', s]]))[0]!, x);
      expect(y.shape).to.deep.equal([s, 12 / s]);
    }
  });
});
