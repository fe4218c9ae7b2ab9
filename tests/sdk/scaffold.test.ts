import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NativertError } from '@nativert/core';
import type { ConformanceReport } from '@nativert/sdk';
import { resolvePluginUnderTest, runConformance, scaffoldPlugin } from '@nativert/sdk';
import { REPO_ROOT } from './support/native-libs.js';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'models', 'torch-2.13');
/** The shared corpus beside the repository, when checked out: adds core-IR archives and broadcasting adds. */
const CORPUS = join(REPO_ROOT, '..', 'shared', 'corpus', 'torch-2.13');
const SDK_CLI = join(REPO_ROOT, 'sdk', 'dist', 'cli', 'main.js');
const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const SMALL = /^(mlp_kwargs_dict|cnn_small)$/;

/** Nodes of `target` the plugin ran over the report's cases. */
function claimed(report: ConformanceReport, target: string): number {
  return report.ops.find((o) => o.target === target)?.claimed ?? 0;
}

function expectAllPass(report: ConformanceReport): void {
  const failed = report.cases.filter((c) => c.status !== 'pass').map((c) => `${c.name}: ${c.error}`);
  expect(failed).to.deep.equal([]);
  expect(report.cases.length).to.be.greaterThan(0);
}

describe('sdk: nativert-sdk init scaffolds plugins that build and pass the kit', function () {
  this.timeout(90_000);
  let work: string;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'nrt-init-'));
    // What `npm install` gives a vendor's package: @nativert/sdk, core, interpreter and typescript resolvable.
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(work, 'node_modules'), 'dir');
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('C (through the CLI): builds with cc, and relu and add run on it over the fixtures', async () => {
    const dir = join(work, 'acme-npu');
    const out = execFileSync(process.execPath, [SDK_CLI, 'init', 'acme-npu', '--lang', 'c', '--dir', dir], { encoding: 'utf8' });
    expect(out).to.include('native/plugin.c');
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { nativert: { library: string; apiVersion: string } };
    expect(pkg.nativert).to.deep.equal({ library: 'build/libacme_npu.so', apiVersion: '1.0' });
    execFileSync(process.execPath, [join(dir, 'scripts', 'build.mjs')], { stdio: 'pipe' });
    expect(existsSync(join(dir, 'build', 'libacme_npu.so'))).to.equal(true);

    // Through the package (its index.js → nativePlugin) and through the bare library.
    const viaPackage = await runConformance(await resolvePluginUnderTest(dir, {}), { corpus: [FIXTURES], filter: SMALL });
    expectAllPass(viaPackage);
    expect(viaPackage.order).to.deep.equal(['acme-npu', 'interpreter']);
    expect(claimed(viaPackage, 'aten.relu.default')).to.be.greaterThan(0);
    expect(claimed(viaPackage, 'aten.add.Tensor')).to.be.greaterThan(0);
    const viaLibrary = await resolvePluginUnderTest(join(dir, 'build', 'libacme_npu.so'), {});
    expect(viaLibrary.kind).to.equal('native');
    expect(viaLibrary.plugin.name).to.equal('acme-npu');
    expectAllPass(await runConformance(viaLibrary, { corpus: [FIXTURES], filter: /^mlp_kwargs_dict$/ }));
  });

  it('C: broadcasting adds and both IRs from the shared corpus', async function () {
    if (!existsSync(join(CORPUS, 'add_broadcast.pt2')) || !existsSync(join(work, 'acme-npu', 'build'))) this.skip();
    const put = await resolvePluginUnderTest(join(work, 'acme-npu'), {});
    const report = await runConformance(put, { corpus: [CORPUS], filter: /^(add_broadcast|mlp_kwargs_dict)$/, ir: 'both' });
    expectAllPass(report);
    expect(report.cases.map((c) => c.name)).to.include.members(['add_broadcast[core]', 'mlp_kwargs_dict[core]']);
    for (const c of report.cases) expect(c.placement!.pluginNodes, c.name).to.be.greaterThan(0);
  });

  it('TypeScript: compiles under strict tsc, and relu runs on it over the fixtures', async () => {
    const dir = join(work, 'tiny-ts');
    const files = scaffoldPlugin({ name: 'tiny-ts', lang: 'ts', dir });
    expect(files).to.include.members(['package.json', 'src/index.ts', 'src/delegate.ts', 'tsconfig.json']);
    execFileSync(process.execPath, [TSC, '-p', dir], { stdio: 'pipe' });
    const put = await resolvePluginUnderTest(dir, {});
    expect(put).to.include({ kind: 'module', source: join(dir, 'dist', 'index.js') });
    const report = await runConformance(put, { corpus: [FIXTURES], filter: SMALL });
    expectAllPass(report);
    expect(claimed(report, 'aten.relu.default')).to.be.greaterThan(0);
    expect(report.summary.casesOnPlugin).to.equal(report.cases.length);
  });

  it('refuses an invalid name and a folder that is not empty', () => {
    expect(() => scaffoldPlugin({ name: 'Acme_NPU', lang: 'c', dir: join(work, 'x') })).to.throw(NativertError, /lowercase words/);
    const taken = join(work, 'taken');
    mkdirSync(join(taken, 'src'), { recursive: true });
    expect(() => scaffoldPlugin({ name: 'taken', lang: 'ts', dir: taken })).to.throw(NativertError, /not empty/);
  });
});
