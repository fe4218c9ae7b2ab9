import type { Argument, Node } from '@nativert/core';
import { Graph, Tensor } from '@nativert/core';
import { ALL_KERNELS, F32Arena, GraphPlan, KernelRegistry, nativeAddon } from '@nativert/interpreter';
import { expect } from 'chai';

const registry = new KernelRegistry(ALL_KERNELS);
const t = (name: string): Argument => ({ kind: 'tensor', name });

function node(name: string, target: string, inputs: Record<string, Argument>): Node {
  return { name, target, inputs: Object.entries(inputs).map(([n, arg]) => ({ name: n, arg, kwOnly: false })), outputs: [t(name)], metadata: {} };
}

function plan(nodes: Node[], outputs: string[]): GraphPlan {
  return new GraphPlan(new Graph([t('x')], outputs.map(t), nodes, new Map()), registry, () => { throw new Error('no subgraphs'); });
}

const values = (v: unknown) => [...(v as Tensor).toFloat64()];

describe('interpreter runtime: float32 buffers reused by lifetime', () => {
  before(function () {
    if (nativeAddon() === null) this.skip();
  });

  // a = x*2 dies after b = a+1; c = b*3 and d = c+1 may reuse a's and b's buffers.
  const chain = [
    node('a', 'aten.mul.Tensor', { self: t('x'), other: { kind: 'int', value: 2 } }),
    node('b', 'aten.add.Tensor', { self: t('a'), other: { kind: 'int', value: 1 } }),
    node('c', 'aten.mul.Tensor', { self: t('b'), other: { kind: 'int', value: 3 } }),
    node('d', 'aten.add.Tensor', { self: t('c'), other: { kind: 'int', value: 1 } }),
  ];

  it('computes a chain correctly run after run, and earlier outputs stay intact', () => {
    const p = plan(chain, ['d']);
    const first = p.run([Tensor.fromTyped('float32', [4], Float32Array.of(0, 1, 2, 3))], 1)[0]!;
    const second = p.run([Tensor.fromTyped('float32', [4], Float32Array.of(4, 5, 6, 7))], 1)[0]!;
    const third = p.run([first], 1)[0]!;
    expect(values(first)).to.deep.equal([4, 10, 16, 22]);
    expect(values(second)).to.deep.equal([28, 34, 40, 46]);
    expect(values(third)).to.deep.equal([28, 64, 100, 136]);
    expect((first as Tensor).storage).to.not.equal((second as Tensor).storage);
  });

  it('the arena frees a buffer when its last holder drops it, and forgets held ones at the end of a run', () => {
    const arena = new F32Arena();
    const a = Tensor.fromTyped('float32', [8], arena.take(8)), view = a.asStrided([2, 4], [4, 1]);
    arena.hold(a);
    arena.hold(view);
    arena.drop(a);
    expect(arena.take(8).buffer, 'a view still holds it').to.not.equal(a.storage.kind === 'host' && a.storage.bytes.buffer);
    arena.drop(view);
    const reused = arena.take(8);
    expect(reused.buffer).to.equal(a.storage.kind === 'host' && a.storage.bytes.buffer);
    const out = Tensor.fromTyped('float32', [8], reused);
    arena.hold(out);
    arena.endRun();
    arena.drop(out);
    expect(arena.take(8).buffer, 'an output of an ended run is never reused').to.not.equal(reused.buffer);
    const foreign = Tensor.fromTyped('float32', [8], new Float32Array(8));
    arena.hold(foreign);
    arena.drop(foreign);
    expect(arena.take(8).buffer, 'buffers it did not give out are never taken in').to.not.equal(foreign.storage.kind === 'host' && foreign.storage.bytes.buffer);
  });

  it('keeps a buffer alive while a view of it is live', () => {
    // v views a; a's own name dies at v, but v (an output) still reads a's buffer while b and c are allocated.
    const nodes = [
      node('a', 'aten.mul.Tensor', { self: t('x'), other: { kind: 'int', value: 2 } }),
      node('v', 'aten.view.default', { self: t('a'), size: { kind: 'ints', values: [2, 2] } }),
      node('b', 'aten.add.Tensor', { self: t('x'), other: { kind: 'int', value: 5 } }),
      node('c', 'aten.mul.Tensor', { self: t('b'), other: { kind: 'int', value: 7 } }),
    ];
    const p = plan(nodes, ['v', 'c']);
    for (let i = 0; i < 3; i++) {
      const [v, c] = p.run([Tensor.fromTyped('float32', [4], Float32Array.of(1, 2, 3, 4))], 1);
      expect(values(v)).to.deep.equal([2, 4, 6, 8]);
      expect(values(c)).to.deep.equal([42, 49, 56, 63]);
    }
  });
});
