import { expect } from 'chai';
import type { ExecutorDelegate, PartitionPlan } from '@nativert/core';
import { ErrorCode, NativertError, argumentValueNames, partitionProgram } from '@nativert/core';
import { FakeDevice, ToyDelegate, recordingLogger } from './toy-delegate.js';
import type { ToySpec } from './toy-program.js';
import { toyProgram } from './toy-program.js';

function plan(spec: ToySpec, delegates: ExecutorDelegate[], extra: { strict?: boolean; placement?: Record<string, string> } = {}) {
  const logger = recordingLogger();
  return { plan: partitionProgram({ program: toyProgram(spec), delegates, logger, ...extra }), logger };
}

function nodesOf(p: PartitionPlan): string[][] {
  return p.partitions.map((q) => q.graph.nodes.map((n) => n.name));
}

function catchError(fn: () => unknown): NativertError {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(NativertError);
    return e as NativertError;
  }
  throw new Error('expected an error');
}

const chain: ToySpec = {
  inputs: { x: [4], y: [4] },
  nodes: ['a = add(x, y)', 'b = relu(a)', 'c = mul(b, x)', 'd = neg(c)'],
  outputs: ['d'],
};

// x -> a -> b -> c with a -> c too: a and c on one delegate, b on another.
const diamond: ToySpec = {
  inputs: { x: [4] },
  nodes: ['a = relu(x)', 'b = neg(a)', 'c = mul(a, b)'],
  outputs: ['c'],
};

describe('partitionProgram', () => {
  it('gives each node to the first delegate in priority order that claims it', () => {
    const fast = new ToyDelegate('fast', { ops: ['add', 'mul'] });
    const all = new ToyDelegate('all', { ops: ['add', 'mul', 'relu', 'neg'] });
    const { plan: p } = plan(chain, [fast, all]);
    expect(p.report.nodes.map((a) => [a.node, a.delegate])).to.deep.equal([['a', 'fast'], ['b', 'all'], ['c', 'fast'], ['d', 'all']]);
    expect(nodesOf(p)).to.deep.equal([['a'], ['b'], ['c'], ['d']]);
    expect(p.report.refusals).to.deep.include({ node: 'b', delegate: 'fast', reason: 'no toy kernel for aten.relu.default' });
    expect(p.report.delegates).to.deep.equal([{ delegate: 'fast', nodes: 2, partitions: 2 }, { delegate: 'all', nodes: 2, partitions: 2 }]);
  });

  it('puts a whole graph on one delegate in one partition, reversing priority when the order says so', () => {
    const fast = new ToyDelegate('fast', { ops: ['add', 'mul'] });
    const all = new ToyDelegate('all', { ops: ['add', 'mul', 'relu', 'neg'] });
    const { plan: p } = plan(chain, [all, fast]);
    expect(nodesOf(p)).to.deep.equal([['a', 'b', 'c', 'd']]);
    expect(p.report.delegates).to.deep.equal([{ delegate: 'all', nodes: 4, partitions: 1 }]);
  });

  it('joins independent readers of one input into one partition', () => {
    const spec: ToySpec = { inputs: { x: [3] }, nodes: ['a = relu(x)', 'b = neg(x)'], outputs: ['a', 'b'] };
    const { plan: p } = plan(spec, [new ToyDelegate('all', { ops: ['relu', 'neg'] })]);
    expect(nodesOf(p)).to.deep.equal([['a', 'b']]);
    expect(p.partitions[0]!.graph.outputs.flatMap(argumentValueNames)).to.deep.equal(['a', 'b']);
  });

  it('does not merge the two ends of a diamond when the middle runs elsewhere (no cycle)', () => {
    const acc = new ToyDelegate('acc', { ops: ['relu', 'mul'] });
    const cpu = new ToyDelegate('cpu', { ops: ['neg'] });
    const { plan: p } = plan(diamond, [acc, cpu]);
    expect(nodesOf(p)).to.deep.equal([['a'], ['b'], ['c']]);
    expect(p.partitions.map((q) => q.delegate.name)).to.deep.equal(['acc', 'cpu', 'acc']);
  });

  it('keeps a fused group whole and refuses a group a path leaves and re-enters', () => {
    const fused = new ToyDelegate('fused', { ops: [], groups: [['b', 'c']] });
    const all = new ToyDelegate('all', { ops: ['add', 'mul', 'relu', 'neg'] });
    const { plan: p } = plan(chain, [fused, all]);
    expect(nodesOf(p)).to.deep.equal([['a'], ['b', 'c'], ['d']]);
    expect(p.partitions[1]!.delegate.name).to.equal('fused');

    const nonConvex = new ToyDelegate('fused', { ops: [], groups: [['a', 'c']] });
    const { plan: q } = plan(diamond, [nonConvex, all]);
    expect(q.report.nodes.every((a) => a.delegate === 'all')).to.equal(true);
    const r = q.report.refusals.find((x) => x.node === 'a' && x.delegate === 'fused');
    expect(r?.reason).to.match(/not convex/);
  });

  it('refuses a fused group overlapping nodes an earlier delegate took', () => {
    const first = new ToyDelegate('first', { ops: ['relu'] });
    const fused = new ToyDelegate('fused', { ops: [], groups: [['a', 'b']] });
    const all = new ToyDelegate('all', { ops: ['add', 'mul', 'relu', 'neg'] });
    const { plan: p } = plan(diamond, [first, fused, all]);
    expect(p.report.nodes.map((a) => a.delegate)).to.deep.equal(['first', 'all', 'all']);
    expect(p.report.refusals.find((x) => x.delegate === 'fused' && x.node === 'b')?.reason).to.match(/overlaps nodes taken/);
  });

  it('lists every node no delegate claims, with its op and the refusals', () => {
    const err = catchError(() => plan(chain, [new ToyDelegate('few', { ops: ['add'] })]));
    expect(err.code).to.equal(ErrorCode.UnsupportedOperator);
    expect(err.message).to.match(/3 node\(s\)/);
    expect(err.message).to.contain("node 'b' (aten.relu.default): few: no toy kernel for aten.relu.default");
    expect(err.message).to.contain("node 'c' (aten.mul.Tensor)");
    expect(err.message).to.contain("node 'd' (aten.neg.default)");
  });

  it('in strict mode requires the first delegate to take every node', () => {
    const fast = new ToyDelegate('fast', { ops: ['add', 'mul'] });
    const all = new ToyDelegate('all', { ops: ['add', 'mul', 'relu', 'neg'] });
    const err = catchError(() => plan(chain, [fast, all], { strict: true }));
    expect(err.code).to.equal(ErrorCode.UnsupportedOperator);
    expect(err.message).to.match(/strict mode: delegate 'fast'/);
    expect(err.message).to.contain("node 'b' (aten.relu.default): fast: no toy kernel");
    expect(err.message).to.not.contain("node 'a'");
    expect(nodesOf(plan(chain, [all, fast], { strict: true }).plan)).to.deep.equal([['a', 'b', 'c', 'd']]);
  });

  it('skips a delegate whose capability query throws, with a warning', () => {
    const broken = new ToyDelegate('broken', { ops: ['add'], failCapability: true });
    const all = new ToyDelegate('all', { ops: ['add', 'mul', 'relu', 'neg'] });
    const { plan: p, logger } = plan(chain, [broken, all]);
    expect(p.report.delegates.map((d) => d.delegate)).to.deep.equal(['all']);
    expect(p.report.skipped).to.deep.equal([{ delegate: 'broken', stage: 'capability', reason: 'getCapability threw: capability query exploded' }]);
    expect(logger.warnings.join('\n')).to.match(/'broken' skipped.*exploded/);
  });

  it('gives partitions closed inputs (graph inputs and weights) and the outputs read later', () => {
    const spec: ToySpec = {
      inputs: { x: [2] },
      params: { w: [1, 2] },
      nodes: ['a = mul(x, w)', 'b = relu(a)', 'c = add(b, a)'],
      outputs: ['c', 'a'],
    };
    const acc = new ToyDelegate('acc', { ops: ['mul', 'add'] });
    const cpu = new ToyDelegate('cpu', { ops: ['relu'] });
    const { plan: p } = plan(spec, [acc, cpu]);
    const io = p.partitions.map((q) => [q.graph.inputs.flatMap(argumentValueNames), q.graph.outputs.flatMap(argumentValueNames)]);
    expect(io).to.deep.equal([
      [['x', 'p_w'], ['a']],
      [['a'], ['b']],
      [['b', 'a'], ['c']],
    ]);
    expect([...p.partitions[2]!.graph.values.keys()].sort()).to.deep.equal(['a', 'b', 'c']);
  });

  it('reports the copies device boundaries need', () => {
    const fake = new FakeDevice();
    const acc = new ToyDelegate('acc', { ops: ['add', 'mul'], device: fake });
    const cpu = new ToyDelegate('cpu', { ops: ['relu', 'neg'] });
    const { plan: p } = plan(chain, [acc, cpu]);
    expect(p.report.copies).to.deep.equal([
      { value: 'x', from: 'cpu:0', to: 'fake:0', consumer: 0 },
      { value: 'y', from: 'cpu:0', to: 'fake:0', consumer: 0 },
      { value: 'a', from: 'fake:0', to: 'cpu:0', consumer: 1 },
      { value: 'b', from: 'cpu:0', to: 'fake:0', consumer: 2 },
      { value: 'x', from: 'cpu:0', to: 'fake:0', consumer: 2 },
      { value: 'c', from: 'fake:0', to: 'cpu:0', consumer: 3 },
    ]);
  });

  it('honours placement, and rejects placement on unknown nodes or delegates', () => {
    const a = new ToyDelegate('a', { ops: ['add', 'mul', 'relu', 'neg'] });
    const b = new ToyDelegate('b', { ops: ['add', 'mul', 'relu', 'neg'] });
    const { plan: p } = plan(chain, [a, b], { placement: { c: 'b' } });
    expect(p.report.nodes.map((x) => x.delegate)).to.deep.equal(['a', 'a', 'b', 'a']);
    expect(catchError(() => plan(chain, [a, b], { placement: { zz: 'b' } })).message).to.match(/node 'zz'/);
    expect(catchError(() => plan(chain, [a, b], { placement: { c: 'gpu' } })).message).to.match(/delegate 'gpu'/);
  });
});

describe('partitionProgram edge cases', () => {
  it('returns no partitions for a graph without nodes (outputs are inputs)', () => {
    const { plan: p } = plan({ inputs: { x: [2] }, nodes: [], outputs: ['x'] }, [new ToyDelegate('toy', { ops: [] })]);
    expect(p.partitions).to.deep.equal([]);
    expect(p.report.nodes).to.deep.equal([]);
  });
});
