import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DelegatePlugin, PluginHost } from '@nativert/core';
import { DelegateRegistry, ErrorCode, ModelRunner, NativertError, PLUGIN_API_VERSION, loadPluginPackage } from '@nativert/core';
import { ToyDelegate, recordingLogger } from '../partition/toy-delegate.js';
import { toyModel } from '../partition/toy-program.js';
import { rejection } from '../../support/rejection.js';
import { tempDir } from '../../support/temp-dir.js';

const host: PluginHost = { logger: recordingLogger(), allowNativeCode: false, threads: 1 };


function toyPlugin(name: string, made: ToyDelegate[]): DelegatePlugin {
  return {
    name,
    apiVersion: PLUGIN_API_VERSION,
    create: (options) => {
      const d = new ToyDelegate(name, { ops: (options['ops'] as string[] | undefined) ?? ['add'] });
      made.push(d);
      return d;
    },
  };
}

describe('DelegateRegistry', () => {
  it('lists by priority, resolves by name, and refuses duplicate names', async () => {
    const reg = new DelegateRegistry();
    const low = new ToyDelegate('low', { ops: ['add'] });
    const high = new ToyDelegate('high', { ops: ['add'] });
    reg.register(low, { priority: 1 }).register(high, { priority: 10 });
    expect(reg.list().map((e) => e.name)).to.deep.equal(['high', 'low']);
    expect(await reg.resolve('low', host)).to.equal(low);
    expect(() => reg.register(new ToyDelegate('low', { ops: [] }))).to.throw(NativertError, /'low' is already registered/);
    const missing = await rejection(reg.resolve('gpu', host));
    expect(missing.code).to.equal(ErrorCode.NotFound);
    expect(missing.message).to.contain('registered: low, high');
  });

  it('lets an explicit order override priorities', async () => {
    const reg = new DelegateRegistry();
    reg.register(new ToyDelegate('interpreter', { ops: ['add'] }), { priority: 10 });
    reg.register(new ToyDelegate('mtia-stub', { ops: ['add'] }), { priority: 1 });
    const byPriority = await reg.resolveAll({ host });
    expect(byPriority.delegates.map((d) => d.name)).to.deep.equal(['interpreter', 'mtia-stub']);
    const ordered = await reg.resolveAll({ host, order: ['mtia-stub', 'interpreter'] });
    expect(ordered.delegates.map((d) => d.name)).to.deep.equal(['mtia-stub', 'interpreter']);
    const runner = await ModelRunner.load(toyModel({ inputs: { x: [2] }, nodes: ['a = add(x, x)'], outputs: ['a'] }), { delegates: reg, order: ['mtia-stub', 'interpreter'] });
    expect(runner.partitionReport.nodes[0]!.delegate).to.equal('mtia-stub');
  });

  it('creates plugin delegates per resolution with their options, and the runner disposes them', async () => {
    const made: ToyDelegate[] = [];
    const reg = new DelegateRegistry().register(toyPlugin('plug', made));
    const model = toyModel({ inputs: { x: [2] }, nodes: ['a = relu(x)'], outputs: ['a'] });
    const runner = await ModelRunner.load(model, { delegates: reg, pluginOptions: { plug: { ops: ['relu'] } } });
    expect(made).to.have.length(1);
    expect(runner.partitionReport.nodes[0]!.delegate).to.equal('plug');
    await runner.dispose();
    expect(made[0]!.released).to.equal(1);
    expect(made[0]!.disposed).to.equal(1);
  });

  it('loads plugins by package specifier and checks their API version', async () => {
    const dir = tempDir('nativert-plugin-');
    const old = join(dir, 'old-plugin.mjs');
    writeFileSync(old, `export default { name: 'old', apiVersion: ${PLUGIN_API_VERSION + 1}, create() { throw new Error('unreachable'); } };\n`);
    const bad = await rejection(loadPluginPackage(pathToFileURL(old).href));
    expect(bad.code).to.equal(ErrorCode.UnsupportedVersion);
    expect(bad.message).to.contain('old-plugin.mjs').and.contain(`version ${PLUGIN_API_VERSION + 1}`);
    const notPlugin = join(dir, 'not-plugin.mjs');
    writeFileSync(notPlugin, 'export default 42;\n');
    expect((await rejection(loadPluginPackage(pathToFileURL(notPlugin).href))).code).to.equal(ErrorCode.PluginFailure);
    const missing = await rejection(loadPluginPackage('@nativert/no-such-plugin'));
    expect(missing.code).to.equal(ErrorCode.NotFound);
    expect(missing.message).to.contain("'@nativert/no-such-plugin'");
    const interp = await loadPluginPackage('@nativert/interpreter');
    expect(interp.name).to.equal('interpreter');
  });
});
