import { expect } from 'chai';
import type { ExecutorDelegate, Graph, PreparedPartition, Tensor } from '@nativert/core';
import { ErrorCode, NO_ARCHIVE, defaultLogger } from '@nativert/core';
import mtiaStub from '@nativert/mtia-stub';
import type { NativePluginDelegate } from '@nativert/sdk';
import { ensureNativeBuilt } from '../sdk/support/native-libs.js';
import { graph, node, partition, prepareContext, program, randomTensor, t, tensorValue } from '../sdk/support/graph-builder.js';
import { rejection } from '../support/rejection.js';

const host = { logger: defaultLogger, allowNativeCode: false, threads: 1 };

/** linear(x[2,3], w[4,3], b[4]) -> relu: the partition every execute test runs. */
function linearRelu(): Graph {
  return graph(
    [tensorValue('x', 'float32', [2, 3]), tensorValue('w', 'float32', [4, 3]), tensorValue('b', 'float32', [4]),
      tensorValue('lin', 'float32', [2, 4]), tensorValue('out', 'float32', [2, 4])],
    ['w', 'b', 'x'],
    [node('linear', 'aten.linear.default', { input: t('x'), weight: t('w'), bias: t('b') }, 'lin'),
      node('relu', 'aten.relu.default', { self: t('lin') }, 'out')],
    ['out'],
  );
}

/** relu(x @ w^T + b), computed on the host in float64. */
function linearReluReference(x: Tensor, w: Tensor, b: Tensor): number[] {
  const [m, k] = x.shape as [number, number];
  const n = w.shape[0]!;
  const xs = x.toFloat64(), ws = w.toFloat64(), bs = b.toFloat64();
  const out: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = bs[j]!;
      for (let p = 0; p < k; p++) acc += xs[i * k + p]! * ws[j * k + p]!;
      out.push(Math.max(acc, 0));
    }
  }
  return out;
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, rtol = 1e-5, atol = 1e-6): void {
  expect(got.length).to.equal(want.length);
  for (let i = 0; i < want.length; i++) {
    const diff = Math.abs(got[i]! - want[i]!);
    if (diff > atol + rtol * Math.abs(want[i]!)) expect.fail(`element ${i}: got ${got[i]}, want ${want[i]}`);
  }
}

async function create(options: Record<string, unknown> = {}): Promise<NativePluginDelegate> {
  return (await mtiaStub.create(options, host)) as NativePluginDelegate;
}


describe('mtia-stub through the SDK loader', () => {
  const delegates: ExecutorDelegate[] = [];
  before(() => ensureNativeBuilt());
  afterEach(async () => {
    for (const d of delegates.splice(0)) await d.dispose?.();
  });
  const make = async (options: Record<string, unknown> = {}) => {
    const d = await create(options);
    delegates.push(d);
    return d;
  };

  it('is a DelegatePlugin named mtia-stub on device mtia:0', async () => {
    expect(mtiaStub.name).to.equal('mtia-stub');
    const d = await make();
    expect(d.name).to.equal('mtia-stub');
    expect(d.device).to.deep.equal({ type: 'mtia', index: 0 });
    expect(d.availability()).to.deep.equal({ available: true });
    expect(d.transfer).to.not.equal(undefined);
  });

  it('claims supported float32 nodes and explains refusals on a hand-built graph', async () => {
    const g = graph(
      [tensorValue('x', 'float32', [{ expr: 's0' }, 3]), tensorValue('w', 'float32', [4, 3]), tensorValue('lin', 'float32', [{ expr: 's0' }, 4]),
        tensorValue('act', 'float32', [{ expr: 's0' }, 4]), tensorValue('sm', 'float32', [{ expr: 's0' }, 4]),
        tensorValue('d', 'float64', [4]), tensorValue('d2', 'float64', [4]), tensorValue('sn', 'float32', [{ expr: 's0' }, 4]),
        tensorValue('sum', 'float32', [{ expr: 's0' }, 4]), tensorValue('g', 'float32', [{ expr: 's0' }, 4])],
      ['w', 'x', 'd'],
      [node('linear', 'aten.linear.default', { input: t('x'), weight: t('w') }, 'lin'),
        node('relu', 'aten.relu.default', { self: t('lin') }, 'act'),
        node('softmax', 'aten.softmax.int', { self: t('act'), dim: { kind: 'int', value: -1 } }, 'sm'),
        node('add64', 'aten.add.Tensor', { self: t('d'), other: t('d') }, 'd2'),
        node('sin', 'aten.sin.default', { self: t('sm') }, 'sn'),
        node('add', 'aten.add.Tensor', { self: t('sm'), other: t('act'), alpha: { kind: 'float', value: 0.5 } }, 'sum'),
        node('gelu', 'aten.gelu.default', { self: t('sum'), approximate: { kind: 'string', value: 'tanh' } }, 'g')],
      ['g', 'sn', 'd2'],
    );
    const d = await make();
    const cap = d.getCapability(g, { program: program(g), archive: NO_ARCHIVE, taken: new Set(['add']), options: {} });
    expect(cap.groups).to.deep.equal([['linear'], ['relu'], ['softmax'], ['gelu']]);
    expect(cap.refused?.get('add64')).to.match(/^only float32 (tensors|outputs) are supported$/);
    expect(cap.refused?.get('sin')).to.equal('operator not supported by mtia-stub');
    // Taken nodes are neither claimed nor refused.
    expect(cap.refused?.has('add')).to.equal(false);
  });

  it('prepares and executes linear+relu on the device, matching a host computation', async () => {
    const d = await make();
    const g = linearRelu();
    const x = randomTensor([2, 3], 1), w = randomTensor([4, 3], 2), b = randomTensor([4], 3);
    const prepared = await d.prepare(partition(g, 'mtia-stub', new Map([['w', w], ['b', b]])), prepareContext(g));
    try {
      const xDev = await d.transfer!.toDevice(x, d.device);
      expect(xDev.storage.kind).to.equal('device');
      for (const input of [xDev, x]) {
        // Device inputs pass as they are; host inputs are uploaded for the run.
        const [out] = await prepared.execute([w, b, input], { threads: 1 });
        const result = out as Tensor;
        expect(result.device).to.deep.equal({ type: 'mtia', index: 0 });
        expect(result.shape).to.deep.equal([2, 4]);
        const host = await d.transfer!.toHost(result);
        expectClose(host.toFloat64(), linearReluReference(x, w, b));
      }
    } finally {
      await prepared.release();
    }
    const err = await rejection(prepared.execute([w, b, x], { threads: 1 }));
    expect(err.message).to.contain('after release');
  });

  it('round-trips tensors through device memory, views included', async () => {
    const d = await make();
    const x = randomTensor([3, 5], 7);
    const dev = await d.transfer!.toDevice(x, d.device);
    expect(dev.storage.kind === 'device' && dev.storage.byteLength).to.equal(60);
    expect(Array.from((await d.transfer!.toHost(dev)).toFloat64())).to.deep.equal(Array.from(x.toFloat64()));
    // A transposed view of device memory comes back gathered.
    const view = dev.asStrided([5, 3], [1, 5], 0);
    expect(Array.from((await d.transfer!.toHost(view)).toFloat64())).to.deep.equal(Array.from(x.asStrided([5, 3], [1, 5], 0).toFloat64()));
    // A row window (offset view) reads only its range.
    const row = dev.asStrided([5], [1], 10);
    expect(Array.from((await d.transfer!.toHost(row)).toFloat64())).to.deep.equal(Array.from(x.toFloat64().subarray(10, 15)));
    const wrongDevice = await rejection(d.transfer!.toDevice(x, { type: 'mtia', index: 1 }));
    expect(wrongDevice.code).to.equal(ErrorCode.InvalidArgument);
  });

  it('rejects a freed device tensor with a typed error', async () => {
    const d = await make();
    const dev = await d.transfer!.toDevice(randomTensor([4], 1), d.device);
    if (dev.storage.kind !== 'device') expect.fail('expected device storage');
    d.transfer!.free(dev.storage);
    const err = await rejection(d.transfer!.toHost(dev));
    expect(err.code).to.equal(ErrorCode.InvalidArgument);
    expect(err.message).to.contain('not live memory of this plugin');
  });

  describe('fault injection', () => {
    const g = linearRelu();
    const inputs = () => [randomTensor([4, 3], 2), randomTensor([4], 3), randomTensor([2, 3], 1)];

    it('fault=load: plugin creation fails with PluginFailure', async () => {
      const err = await rejection(create({ fault: 'load' }));
      expect(err.code).to.equal(ErrorCode.PluginFailure);
      expect(err.message).to.contain('Plugin_Create').and.contain('injected fault at load');
    });

    it('fault=prepare: prepare fails with PluginFailure naming the plugin', async () => {
      const d = await make({ fault: 'prepare' });
      const err = await rejection(d.prepare(partition(g, 'mtia-stub'), prepareContext(g)));
      expect(err.code).to.equal(ErrorCode.PluginFailure);
      expect(err.message).to.contain("'mtia-stub'").and.contain('Plugin_Prepare').and.contain('injected fault at prepare');
    });

    it('fault=execute: execute fails with PluginFailure and the partition stays releasable', async () => {
      const d = await make({ fault: 'execute' });
      const prepared: PreparedPartition = await d.prepare(partition(g, 'mtia-stub'), prepareContext(g));
      const err = await rejection(prepared.execute(inputs(), { threads: 1 }));
      expect(err.code).to.equal(ErrorCode.PluginFailure);
      expect(err.message).to.contain('Executable_Execute').and.contain('injected fault at execute');
      await prepared.release();
    });

    it('fault=wrong_shape: the host catches the bad output shape and names expected vs given', async () => {
      const d = await make({ fault: 'wrong_shape' });
      const prepared = await d.prepare(partition(g, 'mtia-stub'), prepareContext(g));
      const err = await rejection(prepared.execute(inputs(), { threads: 1 }));
      expect(err.code).to.equal(ErrorCode.PluginFailure);
      expect(err.message).to.contain("output 0 ('out')").and.contain('shape [3, 4], expected [2, 4]');
      await prepared.release();
    });

    it('MTIA_STUB_FAULT in the environment works like the option, and the option wins', async () => {
      process.env['MTIA_STUB_FAULT'] = 'prepare';
      try {
        const d = await make();
        const err = await rejection(d.prepare(partition(g, 'mtia-stub'), prepareContext(g)));
        expect(err.message).to.contain('injected fault at prepare');
        const ok = await make({ fault: 'none' });
        await (await ok.prepare(partition(g, 'mtia-stub'), prepareContext(g))).release();
      } finally {
        delete process.env['MTIA_STUB_FAULT'];
      }
    });

    it('an unknown fault name is an InvalidArgument naming the value', async () => {
      const err = await rejection(create({ fault: 'explode' }));
      expect(err.code).to.equal(ErrorCode.InvalidArgument);
      expect(err.message).to.contain("fault='explode'");
    });
  });
});
