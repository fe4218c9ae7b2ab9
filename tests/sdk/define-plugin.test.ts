import 'reflect-metadata';
import { expect } from 'chai';
import { container } from 'tsyringe';
import type { ExecutorDelegate } from '@nativert/core';
import { CPU, ErrorCode, NativertError, PLUGIN_API_VERSION, defaultLogger } from '@nativert/core';
import { DELEGATE_PLUGIN_TOKEN, definePlugin, registerWithTsyringe, resolvePlugins } from '@nativert/sdk';

const host = { logger: defaultLogger, allowNativeCode: false, threads: 1 };

/** A do-nothing delegate named `name`. */
function toyDelegate(name: string): ExecutorDelegate {
  return {
    name, device: CPU,
    availability: () => ({ available: true }),
    getCapability: () => ({ groups: [] }),
    prepare: () => Promise.reject(new Error('not used')),
  };
}

describe('sdk: definePlugin', () => {
  it('stamps the plugin API version and passes options through', async () => {
    let seen: unknown;
    const plugin = definePlugin({ name: 'toy-plugin', create: (options) => ((seen = options), toyDelegate('toy-plugin')) });
    expect(plugin.apiVersion).to.equal(PLUGIN_API_VERSION);
    expect(Object.isFrozen(plugin)).to.equal(true);
    const d = await plugin.create({ level: 3 }, host);
    expect(d.name).to.equal('toy-plugin');
    expect(seen).to.deep.equal({ level: 3 });
  });

  it('refuses a badly formed name and a delegate of another name', async () => {
    expect(() => definePlugin({ name: 'Toy Plugin', create: () => toyDelegate('x') })).to.throw(NativertError, /lowercase words/);
    const plugin = definePlugin({ name: 'toy-plugin', create: () => toyDelegate('other') });
    const err = await Promise.resolve(plugin.create({}, host)).then(() => undefined, (e: unknown) => e as NativertError);
    expect(err?.code).to.equal(ErrorCode.PluginFailure);
    expect(err?.message).to.contain("named 'other'").and.contain("expected 'toy-plugin'");
  });
});

describe('sdk: tsyringe adapter', () => {
  it('registers plugins in an app container and resolves them in order', () => {
    const child = container.createChildContainer();
    const a = definePlugin({ name: 'plugin-a', create: () => toyDelegate('plugin-a') });
    const b = definePlugin({ name: 'plugin-b', create: () => toyDelegate('plugin-b') });
    expect(resolvePlugins(child)).to.deep.equal([]);
    registerWithTsyringe(child, a);
    registerWithTsyringe(child, b);
    expect(resolvePlugins(child).map((p) => p.name)).to.deep.equal(['plugin-a', 'plugin-b']);
    expect(child.resolveAll(DELEGATE_PLUGIN_TOKEN)).to.have.length(2);
    // The root container is untouched.
    expect(resolvePlugins(container.createChildContainer())).to.deep.equal([]);
  });

  it('refuses a second plugin of the same name', () => {
    const child = container.createChildContainer();
    registerWithTsyringe(child, definePlugin({ name: 'plugin-a', create: () => toyDelegate('plugin-a') }));
    expect(() => registerWithTsyringe(child, definePlugin({ name: 'plugin-a', create: () => toyDelegate('plugin-a') })))
      .to.throw(NativertError, /'plugin-a' is already registered/);
  });
});
