import { expect } from 'chai';
import type { PartitionPlan } from '@nativert/core';
import { nodeInputNames, partitionProgram } from '@nativert/core';
import { ToyDelegate, recordingLogger } from './toy-delegate.js';
import type { ToySpec } from './toy-program.js';
import { toyProgram } from './toy-program.js';

/**
 * `steps` blocks alternating between delegates: p = relu(h), q = neg(p) on the other delegate,
 * r = mul(p, x), h = add(q, r). p and r join the previous h; r cannot join the next h (the path
 * through q would make a cycle), so the partitions alternate.
 */
function alternating(steps: number): ToySpec {
  const nodes: string[] = [];
  let h = 'x';
  for (let i = 0; i < steps; i++) {
    nodes.push(`p${i} = relu(${h})`, `q${i} = neg(p${i})`, `r${i} = mul(p${i}, x)`, `h${i} = add(q${i}, r${i})`);
    h = `h${i}`;
  }
  return { inputs: { x: [2] }, nodes, outputs: [h] };
}

/** Partition id of every node, and the partition-level edges (producer id → consumer id). */
function partitionEdges(p: PartitionPlan, spec: ToySpec): { partOf: Map<string, number>; edges: [number, number][] } {
  const partOf = new Map(p.report.nodes.map((a) => [a.node, a.partition]));
  const edges: [number, number][] = [];
  for (const q of p.partitions) {
    for (const n of q.graph.nodes) {
      for (const v of nodeInputNames(n)) {
        const from = partOf.get(v);
        if (from !== undefined && from !== q.id) edges.push([from, q.id]);
      }
    }
  }
  expect(partOf.size).to.equal(spec.nodes.length);
  return { partOf, edges };
}

/** True when partition `to` is reachable from `from` through at least one other partition. */
function reachableIndirectly(succ: readonly Set<number>[], from: number, to: number): boolean {
  const stack = [...succ[from]!].filter((s) => s !== to && s < to);
  const seen = new Set(stack);
  while (stack.length > 0) {
    for (const s of succ[stack.pop()!]!) {
      if (s === to) return true;
      if (s < to && !seen.has(s)) {
        seen.add(s);
        stack.push(s);
      }
    }
  }
  return false;
}

describe('partitionProgram at scale', () => {
  it('partitions a 6000-node graph alternating between delegates quickly, acyclic and maximal', () => {
    const steps = 1500;
    const spec = alternating(steps);
    const program = toyProgram(spec);
    const acc = new ToyDelegate('acc', { ops: ['relu', 'mul', 'add'] });
    const cpu = new ToyDelegate('cpu', { ops: ['neg'] });
    const start = performance.now();
    const p = partitionProgram({ program, delegates: [acc, cpu], logger: recordingLogger() });
    const elapsed = performance.now() - start;
    // The quadratic version took ~8 s here; near-linear takes well under a second.
    expect(elapsed).to.be.below(3000);

    const { partOf, edges } = partitionEdges(p, spec);
    // Partition ids are the execution order, so every edge going forward proves the partition graph acyclic.
    for (const [a, b] of edges) expect(a).to.be.below(b);
    for (const q of p.partitions) {
      for (const n of q.graph.nodes) expect(n.target === 'aten.neg.default' ? 'cpu' : 'acc').to.equal(q.delegate.name);
    }

    // Maximal: two partitions of one delegate sharing an edge or an input cannot merge without a cycle.
    const succ = p.partitions.map(() => new Set<number>());
    for (const [a, b] of edges) succ[a]!.add(b);
    const linked: [number, number][] = [...edges];
    const readersOfX = program.graph.consumersOf('x').map((n) => partOf.get(n.name)!);
    for (let k = 1; k < readersOfX.length; k++) linked.push([readersOfX[k - 1]!, readersOfX[k]!]);
    let checked = 0;
    for (const [a, b] of linked) {
      if (a === b || p.partitions[a]!.delegate !== p.partitions[b]!.delegate) continue;
      const [lo, hi] = a < b ? [a, b] : [b, a];
      expect(reachableIndirectly(succ, lo, hi), `partitions ${lo} and ${hi} could merge`).to.equal(true);
      checked++;
    }
    expect(checked).to.be.above(steps);

    // The expected shape: p0+r0, then h(i)+p(i+1)+r(i+1) per step, the last h alone, each q alone.
    expect(p.report.delegates).to.deep.equal([{ delegate: 'acc', nodes: 3 * steps, partitions: steps + 1 }, { delegate: 'cpu', nodes: steps, partitions: steps }]);
    expect(partOf.get('h0')).to.equal(partOf.get('p1')).and.to.equal(partOf.get('r1'));
    expect(partOf.get('r0')).to.not.equal(partOf.get('h0'));
  });
});
