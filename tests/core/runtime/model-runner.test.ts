import { expect } from 'chai';
import type { ExecutorDelegate } from '@nativert/core';
import { ErrorCode, ModelRunner, Tensor } from '@nativert/core';
import { FakeDevice, ToyDelegate, recordingLogger } from '../partition/toy-delegate.js';
import type { ToySpec } from '../partition/toy-program.js';
import { toyModel } from '../partition/toy-program.js';
import { rejection } from '../../support/rejection.js';

const ALL = ['add', 'mul', 'relu', 'neg'];

// out = -(relu(x + y) * x)
const chain: ToySpec = {
  inputs: { x: [4], y: [4] },
  nodes: ['a = add(x, y)', 'b = relu(a)', 'c = mul(b, x)', 'd = neg(c)'],
  outputs: ['d'],
};
const expectedChain = (x: number[], y: number[]) => x.map((v, i) => -(Math.max(v + y[i]!, 0) * v));

const f32 = (v: number[]) => Tensor.fromNumbers('float32', [v.length], v);

function close(t: unknown, want: readonly number[]): void {
  expect(t).to.be.instanceOf(Tensor);
  const got = Array.from((t as Tensor).toFloat64());
  expect(got.length).to.equal(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]!)).to.be.at.most(1e-6 + 1e-5 * Math.abs(want[i]!)));
}


async function load(spec: ToySpec, delegates: ExecutorDelegate[], extra: { strict?: boolean } = {}) {
  const logger = recordingLogger();
  const runner = await ModelRunner.load(toyModel(spec), { delegates, logger, ...extra });
  return { runner, logger };
}

describe('ModelRunner with toy delegates', () => {
  it('runs a whole graph on one delegate', async () => {
    const toy = new ToyDelegate('toy', { ops: ALL });
    const { runner } = await load(chain, [toy]);
    const x = [1, -2, 3, 0.5];
    const y = [-4, 1, 0.25, 2];
    const out = (await runner.run([f32(x), f32(y)])) as unknown[];
    expect(out).to.have.length(1);
    close(out[0], expectedChain(x, y));
    expect(runner.partitionReport.delegates).to.deep.equal([{ delegate: 'toy', nodes: 4, partitions: 1 }]);
    await runner.dispose();
    expect(toy.released).to.equal(1);
    expect(toy.disposed).to.equal(0);
    expect((await rejection(runner.run([f32(x), f32(y)]))).message).to.match(/disposed/);
  });

  it('copies tensors across a fake device boundary and back', async () => {
    const fake = new FakeDevice();
    const acc = new ToyDelegate('acc', { ops: ['add', 'mul'], device: fake });
    const cpu = new ToyDelegate('cpu', { ops: ['relu', 'neg'] });
    const { runner } = await load(chain, [acc, cpu]);
    const x = [1, 2, -3, 4];
    const y = [0.5, -5, 1, 1];
    close(((await runner.run([f32(x), f32(y)])) as unknown[])[0], expectedChain(x, y));
    // x, y, b (to the device) + the cached x is reused for partition 2; a, c back to the host.
    expect(fake.toDeviceCount).to.equal(3);
    expect(fake.toHostCount).to.equal(2);
    expect(runner.partitionReport.copies.length).to.equal(6);
  });

  it('uploads weights to a device once, not per run', async () => {
    const fake = new FakeDevice();
    const spec: ToySpec = { inputs: { x: [3] }, params: { w: [2, 3, 4] }, nodes: ['a = mul(x, w)'], outputs: ['a'] };
    const { runner } = await load(spec, [new ToyDelegate('acc', { ops: ['mul'], device: fake })]);
    for (let i = 0; i < 3; i++) close(((await runner.run([f32([1, i, -1])])) as unknown[])[0], [2, 3 * i, -4]);
    expect(fake.toDeviceCount).to.equal(1 + 3);
    expect(fake.toHostCount).to.equal(3);
  });

  it('falls back when a delegate fails to prepare, with a warning', async () => {
    const broken = new ToyDelegate('broken', { ops: ALL, failPrepare: true });
    const toy = new ToyDelegate('toy', { ops: ALL });
    const { runner, logger } = await load(chain, [broken, toy]);
    const x = [1, 2, 3, 4];
    close(((await runner.run([f32(x), f32(x)])) as unknown[])[0], expectedChain(x, x));
    expect(runner.partitionReport.skipped).to.deep.equal([{ delegate: 'broken', stage: 'prepare', reason: 'prepare threw: out of toy memory' }]);
    expect(logger.warnings.join('\n')).to.match(/'broken' skipped: prepare threw/);
    const strict = await rejection(load(chain, [broken, toy], { strict: true }));
    expect(strict.code).to.equal(ErrorCode.PluginFailure);
  });

  it('falls back when a delegate fails its capability query', async () => {
    const broken = new ToyDelegate('broken', { ops: ALL, failCapability: true });
    const { runner, logger } = await load(chain, [broken, new ToyDelegate('toy', { ops: ALL })]);
    expect(runner.partitionReport.nodes.every((n) => n.delegate === 'toy')).to.equal(true);
    expect(logger.warnings).to.have.length(1);
  });

  it('turns an execute failure into PluginFailure naming delegate and nodes, and stays usable', async () => {
    const acc = new ToyDelegate('acc', { ops: ['add', 'mul'] });
    const cpu = new ToyDelegate('cpu', { ops: ['relu', 'neg'] });
    const { runner } = await load(chain, [acc, cpu]);
    const x = [1, 2, 3, 4];
    cpu.options.failExecute = true;
    const err = await rejection(runner.run([f32(x), f32(x)]));
    expect(err.code).to.equal(ErrorCode.PluginFailure);
    expect(err.message).to.equal("delegate 'cpu' failed running partition 1 (1 node: b): toy kernel crashed");
    cpu.options.failExecute = false;
    close(((await runner.run([f32(x), f32(x)])) as unknown[])[0], expectedChain(x, x));
  });

  it('catches a delegate output of the wrong shape', async () => {
    const { runner } = await load(chain, [new ToyDelegate('bad', { ops: ALL, badShape: true })]);
    const err = await rejection(runner.run([f32([1, 2, 3, 4]), f32([1, 2, 3, 4])]));
    expect(err.code).to.equal(ErrorCode.PluginFailure);
    expect(err.message).to.equal("delegate 'bad' partition 0: value 'd' is float32 [5], expected float32 [4]");
  });

  it('gives correct results to concurrent runs', async () => {
    const fake = new FakeDevice();
    const acc = new ToyDelegate('acc', { ops: ['add', 'mul'], device: fake, delayMs: 5 });
    const cpu = new ToyDelegate('cpu', { ops: ['relu', 'neg'], delayMs: 5 });
    const { runner } = await load(chain, [acc, cpu]);
    const inputs = Array.from({ length: 24 }, (_, k) => [[k, -k, k / 2, 1 - k], [1, k % 3, -2, k]] as const);
    const outs = await Promise.all(inputs.map(([x, y]) => runner.run([f32([...x]), f32([...y])])));
    outs.forEach((o, k) => close((o as unknown[])[0], expectedChain([...inputs[k]![0]], [...inputs[k]![1]])));
  });

  it('keeps buffer mutations for the next run', async () => {
    // running = running + x; returns running * 2 (as mul(new, two)).
    const spec: ToySpec = {
      inputs: { x: [2] },
      params: { two: [2, 2] },
      buffers: { running: [1, 1] },
      nodes: ['nr = add(running, x)', 'y = mul(nr, two)'],
      outputs: ['y'],
      bufferMutations: { nr: 'running' },
    };
    const model = toyModel(spec);
    const runner = await ModelRunner.load(model, { delegates: [new ToyDelegate('toy', { ops: ALL })] });
    close(((await runner.run([f32([1, 2])])) as unknown[])[0], [4, 6]);
    close(((await runner.run([f32([1, 2])])) as unknown[])[0], [6, 10]);
    close(model.state.get('running'), [1, 1]);
  });

  it('writes user input mutations back into the caller tensor', async () => {
    const spec: ToySpec = { inputs: { x: [3] }, nodes: ['x2 = relu(x)', 'y = neg(x2)'], outputs: ['y'], inputMutations: { x2: 'x' } };
    const { runner } = await load(spec, [new ToyDelegate('toy', { ops: ALL })]);
    const x = f32([-1, 2, -3]);
    close(((await runner.run([x])) as unknown[])[0], [-0, -2, -0]);
    close(x, [0, 2, 0]);
  });

  it('takes keyword inputs and returns dict outputs', async () => {
    const spec: ToySpec = { inputs: { x: [2], scale: [2] }, kwargs: ['scale'], nodes: ['s = mul(x, scale)', 'r = relu(s)'], outputs: { scaled: 's', relu: 'r' } };
    const { runner } = await load(spec, [new ToyDelegate('toy', { ops: ALL })]);
    const out = (await runner.run([f32([1, -2])], { scale: f32([3, 3]) })) as Record<string, unknown>;
    expect(Object.keys(out)).to.deep.equal(['scaled', 'relu']);
    close(out['scaled'], [3, -6]);
    close(out['relu'], [3, 0]);
    expect((await rejection(runner.run([f32([1, -2])]))).message).to.match(/scale/);
  });

  it('skips unavailable delegates and reports why', async () => {
    const gone = new ToyDelegate('gpu', { ops: ALL, unavailable: 'no GPU on this host' });
    const { runner, logger } = await load(chain, [gone, new ToyDelegate('toy', { ops: ALL })]);
    expect(runner.partitionReport.skipped).to.deep.equal([{ delegate: 'gpu', stage: 'availability', reason: 'no GPU on this host' }]);
    expect(logger.infos.join('\n')).to.match(/no GPU/);
    const none = await rejection(ModelRunner.load(toyModel(chain), { delegates: [gone], logger }));
    expect(none.code).to.equal(ErrorCode.NotFound);
    expect(none.message).to.contain('gpu: no GPU on this host');
  });
});

describe('ModelRunner edge cases', () => {
  it('returns an input unchanged when the graph has no nodes', async () => {
    const { runner } = await load({ inputs: { x: [2] }, nodes: [], outputs: ['x'] }, [new ToyDelegate('toy', { ops: [] })]);
    const x = f32([1, 2]);
    expect(((await runner.run([x])) as unknown[])[0]).to.equal(x);
  });

  it('fails with every reason when no delegate can prepare', async () => {
    const err = await rejection(load(chain, [new ToyDelegate('broken', { ops: ALL, failPrepare: true })]));
    expect(err.code).to.equal(ErrorCode.PluginFailure);
    expect(err.message).to.equal('no delegate could prepare the model: broken (prepare): prepare threw: out of toy memory');
  });
});
