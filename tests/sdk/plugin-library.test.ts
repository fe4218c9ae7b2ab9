import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, NativertError } from '@nativert/core';
import { HOST_API_MAJOR, NativePlugin, NativePluginLibrary, loadNativePluginLibrary, resolvePluginLibrary } from '@nativert/sdk';
import { MTIA_STUB_LIB, NEWER_MAJOR_LIB, NO_ENTRY_LIB, REPO_ROOT, ensureNativeBuilt } from './support/native-libs.js';
import { tempDir } from '../support/temp-dir.js';

/** The error `fn` throws (fails the test when it throws none). */
function thrown(fn: () => unknown): NativertError {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(NativertError);
    return e as NativertError;
  }
  expect.fail('expected an error');
}

describe('sdk: native plugin library loading', () => {
  before(() => ensureNativeBuilt());

  it('loads mtia-stub, negotiates ABI 1.0 and reports info and devices', () => {
    const lib = NativePluginLibrary.load(MTIA_STUB_LIB, 'mtia-stub');
    expect([lib.apiMajor, lib.apiMinor]).to.deep.equal([HOST_API_MAJOR, 0]);
    const plugin = NativePlugin.create(lib, {});
    try {
      expect(plugin.info()).to.deep.equal({ name: 'mtia-stub', vendor: 'nativert-ts reference', version: '0.1.0' });
      const devices = plugin.devices();
      expect(devices.map((d) => [d.type, d.index])).to.deep.equal([['mtia', 0]]);
      expect(devices[0]!.memoryBytes).to.equal(256 * 1024 * 1024);
    } finally {
      plugin.destroy();
    }
    expect(plugin.alive).to.equal(false);
    expect(thrown(() => plugin.info()).message).to.match(/after the plugin was destroyed/);
  });

  it('refuses a plugin built for a newer ABI major, naming plugin, path and versions', () => {
    const err = thrown(() => NativePluginLibrary.load(NEWER_MAJOR_LIB, 'newer-major'));
    expect(err.code).to.equal(ErrorCode.PluginFailure);
    expect(err.message).to.contain("'newer-major'").and.contain(NEWER_MAJOR_LIB);
    expect(err.message).to.contain(`ABI ${HOST_API_MAJOR + 1}.0`).and.contain(`supports ${HOST_API_MAJOR}.x`).and.contain('upgrade nativert-ts');
  });

  it('refuses a missing library file with a typed error naming the path', () => {
    const missing = join(tmpdir(), 'no-such-dir', 'libnothing.so');
    const err = thrown(() => NativePluginLibrary.load(missing, 'ghost'));
    expect(err.code).to.equal(ErrorCode.PluginFailure);
    expect(err.message).to.contain("'ghost'").and.contain(missing).and.contain('not found');
  });

  it('refuses a library without NrtGetPluginApi', () => {
    const err = thrown(() => NativePluginLibrary.load(NO_ENTRY_LIB, 'no-entry'));
    expect(err.code).to.equal(ErrorCode.PluginFailure);
    expect(err.message).to.contain(NO_ENTRY_LIB).and.contain('missing exported symbol NrtGetPluginApi');
  });

  it('refuses a file that is not a shared library', () => {
    const dir = tempDir('nrt-sdk-');
    const bogus = join(dir, 'libbogus.so');
    writeFileSync(bogus, 'not an ELF file');
    const err = thrown(() => NativePluginLibrary.load(bogus, 'bogus'));
    expect(err.code).to.equal(ErrorCode.PluginFailure);
    expect(err.message).to.contain(bogus).and.contain('cannot load the shared library');
  });

  it('resolves a plugin by npm package name through its package.json "nativert" field', () => {
    const resolved = resolvePluginLibrary('@nativert/mtia-stub', REPO_ROOT);
    expect(resolved.label).to.equal('@nativert/mtia-stub');
    expect(resolved.path).to.equal(MTIA_STUB_LIB);
    expect(loadNativePluginLibrary('@nativert/mtia-stub', REPO_ROOT).apiMajor).to.equal(HOST_API_MAJOR);
  });

  it('refuses a package declaring another ABI major before loading it, and an unknown package', () => {
    const root = tempDir('nrt-sdk-');
    const pkg = join(root, 'node_modules', 'vendor-plugin');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'vendor-plugin', nativert: { library: 'libv.so', apiVersion: '2.1' } }));
    const err = thrown(() => resolvePluginLibrary('vendor-plugin', root));
    expect(err.code).to.equal(ErrorCode.PluginFailure);
    expect(err.message).to.contain("'vendor-plugin'").and.contain('ABI 2.1').and.contain(join(pkg, 'package.json'));
    const unknown = thrown(() => resolvePluginLibrary('no-such-plugin-package', root));
    expect(unknown.message).to.contain("'no-such-plugin-package'").and.contain('no package of that name');
  });
});
