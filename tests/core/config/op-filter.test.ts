import { expect } from 'chai';
import { ErrorCode, ModelRunner, NativertError, OP_FILTER_REFUSAL, Tensor, matchesOpPattern, opFilterRefusal } from '@nativert/core';
import type { ExecutorDelegate, OpFilters, PartitionReport } from '@nativert/core';
import { ToyDelegate, recordingLogger } from '../partition/toy-delegate.js';
import type { ToySpec } from '../partition/toy-program.js';
import { toyModel } from '../partition/toy-program.js';

const ALL = ['add', 'mul', 'relu', 'neg'];

// d = -(relu(x + y) * x)
const chain: ToySpec = {
  inputs: { x: [4], y: [4] },
  nodes: ['a = add(x, y)', 'b = relu(a)', 'c = mul(b, x)', 'd = neg(c)'],
  outputs: ['d'],
};

async function report(delegates: ExecutorDelegate[], opFilters?: OpFilters, extra: { strict?: boolean; placement?: Record<string, string> } = {}): Promise<PartitionReport> {
  const runner = await ModelRunner.load(toyModel(chain), { delegates, logger: recordingLogger(), ...(opFilters ? { opFilters } : {}), ...extra });
  const r = runner.partitionReport;
  await runner.dispose();
  return r;
}

const where = (r: PartitionReport) => Object.fromEntries(r.nodes.map((n) => [n.node, n.delegate]));

describe('integrator op filters', () => {
  it('match exact targets, overload-less names and * globs', () => {
    expect(matchesOpPattern('aten.relu.default', 'aten.relu.default')).to.equal(true);
    expect(matchesOpPattern('aten.add', 'aten.add.Tensor')).to.equal(true);
    expect(matchesOpPattern('aten.add', 'aten.add_.Tensor')).to.equal(false);
    expect(matchesOpPattern('aten.add', 'aten.addmm.default')).to.equal(false);
    expect(matchesOpPattern('aten.conv*', 'aten.conv2d.default')).to.equal(true);
    expect(matchesOpPattern('aten.conv*', 'aten.convolution.default')).to.equal(true);
    expect(matchesOpPattern('aten.conv*', 'aten.relu.default')).to.equal(false);
    expect(matchesOpPattern('*.default', 'aten.relu.default')).to.equal(true);
    expect(matchesOpPattern('aten.relu.default', 'aten_relu_default')).to.equal(false);
  });

  it('deny wins over allow; allow alone refuses everything else', () => {
    expect(opFilterRefusal({ allow: ['aten.*'], deny: ['aten.relu*'] }, 'aten.relu.default')).to.equal(`${OP_FILTER_REFUSAL} (deny 'aten.relu*')`);
    expect(opFilterRefusal({ allow: ['aten.add'] }, 'aten.mul.Tensor')).to.equal(`${OP_FILTER_REFUSAL} (not in allow list)`);
    expect(opFilterRefusal({ allow: ['aten.add'] }, 'aten.add.Tensor')).to.equal(undefined);
  });

  it('deny moves denied nodes to the next delegate and reports the refusal', async () => {
    const base = await report([new ToyDelegate('fast', { ops: ALL }), new ToyDelegate('cpu', { ops: ALL })]);
    expect(Object.values(where(base))).to.deep.equal(['fast', 'fast', 'fast', 'fast']);
    const r = await report([new ToyDelegate('fast', { ops: ALL }), new ToyDelegate('cpu', { ops: ALL })], { fast: { deny: ['aten.relu.default', 'aten.neg*'] } });
    expect(where(r)).to.deep.equal({ a: 'fast', b: 'cpu', c: 'fast', d: 'cpu' });
    expect(r.refusals.filter((x) => x.delegate === 'fast').map((x) => [x.node, x.reason])).to.deep.equal([
      ['b', `${OP_FILTER_REFUSAL} (deny 'aten.relu.default')`],
      ['d', `${OP_FILTER_REFUSAL} (deny 'aten.neg*')`],
    ]);
  });

  it('allow keeps only listed ops on the delegate', async () => {
    const r = await report([new ToyDelegate('fast', { ops: ALL }), new ToyDelegate('cpu', { ops: ALL })], { fast: { allow: ['aten.mul'] } });
    expect(where(r)).to.deep.equal({ a: 'cpu', b: 'cpu', c: 'fast', d: 'cpu' });
    expect(r.refusals.filter((x) => x.reason.startsWith(OP_FILTER_REFUSAL)).map((x) => x.node)).to.deep.equal(['a', 'b', 'd']);
  });

  it('drops a fused group whole when one member is denied', async () => {
    const fused = new ToyDelegate('fast', { ops: [], groups: [['a', 'b']] });
    const r = await report([fused, new ToyDelegate('cpu', { ops: ALL })], { fast: { deny: ['aten.relu*'] } });
    expect(where(r)).to.deep.equal({ a: 'cpu', b: 'cpu', c: 'cpu', d: 'cpu' });
    const reasons = new Map(r.refusals.filter((x) => x.delegate === 'fast').map((x) => [x.node, x.reason]));
    expect(reasons.get('b')).to.equal(`${OP_FILTER_REFUSAL} (deny 'aten.relu*')`);
    expect(reasons.get('a')).to.equal(`${OP_FILTER_REFUSAL} (deny 'aten.relu*') for 'b' in its fused group`);
  });

  it('in strict mode a denied node fails the load naming the node and the filter', async () => {
    try {
      await report([new ToyDelegate('fast', { ops: ALL }), new ToyDelegate('cpu', { ops: ALL })], { fast: { deny: ['aten.neg.default'] } }, { strict: true });
      expect.fail('expected strict mode to fail');
    } catch (e) {
      expect(e).to.be.instanceOf(NativertError);
      expect((e as NativertError).code).to.equal(ErrorCode.UnsupportedOperator);
      expect((e as Error).message).to.match(/node 'd' \(aten\.neg\.default\): fast: denied by integrator op filter/);
    }
  });

  it('runs the filtered partition with the same results', async () => {
    const fast = new ToyDelegate('fast', { ops: ALL });
    const runner = await ModelRunner.load(toyModel(chain), { delegates: [fast, new ToyDelegate('cpu', { ops: ALL })], opFilters: { fast: { deny: ['aten.relu.default'] } }, logger: recordingLogger() });
    const x = [1, -2, 3, 0.5];
    const y = [-4, 1, 0.25, 2];
    const out = (await runner.run([Tensor.fromNumbers('float32', [4], x), Tensor.fromNumbers('float32', [4], y)])) as Tensor[];
    const want = x.map((v, i) => -(Math.max(v + y[i]!, 0) * v));
    Array.from(out[0]!.toFloat64()).forEach((g, i) => expect(Math.abs(g - want[i]!)).to.be.at.most(1e-6));
    expect(fast.prepared.length).to.equal(2);
    await runner.dispose();
    expect(fast.disposed).to.equal(0);
  });

  it('ignores a filter naming a delegate not in use, with a warning', async () => {
    const logger = recordingLogger();
    const runner = await ModelRunner.load(toyModel(chain), { delegates: [new ToyDelegate('cpu', { ops: ALL })], opFilters: { gpu: { deny: ['aten.add'] } }, logger });
    expect(Object.values(where(runner.partitionReport))).to.deep.equal(['cpu', 'cpu', 'cpu', 'cpu']);
    await runner.dispose();
    expect(logger.warnings.join('\n')).to.match(/opFilters names delegate 'gpu', which is not among the delegates \(cpu\); ignored/);
  });
});
