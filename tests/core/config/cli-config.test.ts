import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PartitionReport } from '@nativert/core';
import { CLI, MODEL_FIXTURES } from '../../e2e/paths.js';
import { tempDir } from '../../support/temp-dir.js';

const CNN = join(MODEL_FIXTURES, 'torch-2.13', 'cnn_small.pt2');

/** Runs `nativert inspect CNN --partition --format json` in `cwd` with `flags`. */
function inspect(cwd: string, ...flags: string[]): { code: number | null; report?: PartitionReport; err: string } {
  const r = spawnSync(process.execPath, [CLI, 'inspect', CNN, '--partition', '--format', 'json', ...flags], { cwd, encoding: 'utf8' });
  return { code: r.status, err: r.stderr, ...(r.status === 0 ? { report: (JSON.parse(r.stdout) as { partition: PartitionReport }).partition } : {}) };
}

function dirWithConfig(config: unknown): string {
  const dir = tempDir('nrt-cli-config-');
  writeFileSync(join(dir, 'nativert.config.json'), JSON.stringify(config));
  return dir;
}

const where = (r: PartitionReport) => Object.fromEntries(r.nodes.map((n) => [n.node, n.delegate]));

describe('nativert CLI with nativert.config.json', () => {
  // Two copies of the interpreter under different names would need a registry; the file's
  // placement and op filters act on the interpreter alone, which is enough to see precedence.
  it('reads the file from the current directory and lets flags override it', () => {
    const dir = dirWithConfig({ delegates: ['interpreter'], opFilters: { interpreter: { deny: ['aten.relu.default'] } }, threads: 1 });
    const fromFile = inspect(dir);
    // The interpreter is the only delegate, so the denied relus have no one to run them.
    expect(fromFile.code).to.equal(1);
    expect(fromFile.err).to.match(/node 'relu' \(aten\.relu\.default\): interpreter: denied by integrator op filter \(deny 'aten\.relu\.default'\)/);
    const overridden = inspect(dir, '--op-deny', 'interpreter=aten.flatten*', '--config', join(dirWithConfig({ threads: 1 }), 'nativert.config.json'));
    expect(overridden.code, overridden.err).to.equal(1);
    expect(overridden.err).to.match(/node 'flatten'/);
    expect(overridden.err).to.not.match(/node 'relu'/);
  });

  it('--op-allow and --op-deny change the partition report', () => {
    const dir = tempDir('nrt-cli-noconfig-');
    const plain = inspect(dir, '--delegates', 'mtia-stub,interpreter');
    expect(plain.code, plain.err).to.equal(0);
    expect(where(plain.report!)['conv2d']).to.equal('mtia-stub');
    const denied = inspect(dir, '--delegates', 'mtia-stub,interpreter', '--op-deny', 'mtia-stub=aten.conv*');
    expect(denied.code, denied.err).to.equal(0);
    expect(where(denied.report!)['conv2d']).to.equal('interpreter');
    expect(where(denied.report!)['conv2d_1']).to.equal('interpreter');
    expect(where(denied.report!)['linear']).to.equal('mtia-stub');
    expect(denied.report!.refusals).to.deep.include({ node: 'conv2d', delegate: 'mtia-stub', reason: "denied by integrator op filter (deny 'aten.conv*')" });
    const allowed = inspect(dir, '--delegates', 'mtia-stub,interpreter', '--op-allow', 'mtia-stub=aten.linear');
    expect(Object.entries(where(allowed.report!)).filter(([, d]) => d === 'mtia-stub').map(([n]) => n)).to.deep.equal(['linear']);
  });

  it('file delegates, strict and placement apply; --no-strict and --place override them', () => {
    const dir = dirWithConfig({ delegates: ['mtia-stub', 'interpreter'], strict: true });
    const strict = inspect(dir);
    expect(strict.code).to.equal(1);
    expect(strict.err).to.match(/strict mode: delegate 'mtia-stub' must run every node/);
    const relaxed = inspect(dir, '--no-strict', '--place', 'relu=interpreter');
    expect(relaxed.code, relaxed.err).to.equal(0);
    expect(where(relaxed.report!)['relu']).to.equal('interpreter');
    expect(where(relaxed.report!)['relu_1']).to.equal('mtia-stub');
  });

  it('names the file and field of an invalid config', () => {
    const dir = dirWithConfig({ delegates: ['interpreter'], opFilters: { interpreter: { deny: 'aten.relu*' } } });
    const r = inspect(dir);
    expect(r.code).to.equal(1);
    expect(r.err).to.contain(join(dir, 'nativert.config.json'));
    expect(r.err).to.match(/field 'opFilters\.interpreter\.deny' must be an array of non-empty strings, given string "aten\.relu\*"/);
  });

  it('--plugin-option reaches the plugin and overrides the file', () => {
    const dir = dirWithConfig({ delegates: ['mtia-stub', 'interpreter'], pluginOptions: { 'mtia-stub': { fault: 'load' } } });
    const faulty = inspect(dir);
    expect(faulty.code, faulty.err).to.equal(0);
    expect(faulty.report!.skipped.map((s) => [s.delegate, s.stage])).to.deep.equal([['mtia-stub', 'load']]);
    expect(new Set(Object.values(where(faulty.report!)))).to.deep.equal(new Set(['interpreter']));
    const healthy = inspect(dir, '--plugin-option', 'mtia-stub.fault="none"');
    expect(healthy.code, healthy.err).to.equal(0);
    expect(healthy.report!.skipped).to.deep.equal([]);
    expect(where(healthy.report!)['conv2d']).to.equal('mtia-stub');
    const bad = inspect(dir, '--plugin-option', 'mtia-stub');
    expect(bad.code).to.equal(1);
    expect(bad.err).to.match(/--plugin-option must be delegate\.key=value, given 'mtia-stub'/);
  });
});
