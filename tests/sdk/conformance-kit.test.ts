import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutorDelegate, PartitionReport, RuntimeValue } from '@nativert/core';
import { Tensor } from '@nativert/core';
import interpreter from '@nativert/interpreter';
import type { ConformanceReport } from '@nativert/sdk';
import { definePlugin, opReports, placementOf, resolvePluginUnderTest, runConformance } from '@nativert/sdk';
import { MTIA_STUB_LIB, REPO_ROOT, ensureNativeBuilt } from './support/native-libs.js';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'models', 'torch-2.13');
const SDK_CLI = join(REPO_ROOT, 'sdk', 'dist', 'cli', 'main.js');
const SMALL = /^(mlp_kwargs_dict|cnn_small)$/;

/**
 * A plugin over the interpreter that claims only relu and add, and adds 0.5 to every output of a
 * partition holding an add: add is wrong, relu is right.
 */
const faultyAdd = definePlugin({
  name: 'faulty-add',
  async create(options, host): Promise<ExecutorDelegate> {
    const inner = await interpreter.create(options, host);
    const ops = new Set(['aten.relu.default', 'aten.add.Tensor']);
    return {
      name: 'faulty-add', device: inner.device,
      availability: () => inner.availability(),
      getCapability(graph, context) {
        const cap = inner.getCapability(graph, context);
        const claimed = cap.groups.flat().filter((n) => ops.has(graph.getNode(n).target));
        return { groups: claimed.map((n) => [n]) };
      },
      async prepare(partition, context) {
        const prepared = await inner.prepare({ ...partition, delegate: inner.name }, context);
        const wrong = partition.graph.nodes.some((n) => n.target === 'aten.add.Tensor');
        return {
          async execute(inputs, ctx): Promise<RuntimeValue[]> {
            const out = await prepared.execute(inputs, ctx);
            if (!wrong) return out;
            return out.map((v) => (v instanceof Tensor ? Tensor.fromNumbers(v.dtype, v.shape, Array.from(v.toFloat64(), (x) => x + 0.5)) : v));
          },
          release: () => prepared.release(),
        };
      },
    };
  },
});

describe('sdk: conformance kit', () => {
  before(() => ensureNativeBuilt());

  it('mtia-stub by package name: every small fixture passes and nodes run on the plugin', async () => {
    const put = await resolvePluginUnderTest('@nativert/mtia-stub', {}, REPO_ROOT);
    expect(put.kind).to.equal('module');
    const report = await runConformance(put, { corpus: [FIXTURES], filter: SMALL });
    expect(report.order).to.deep.equal(['mtia-stub', 'interpreter']);
    expect(report.cases.map((c) => [c.name, c.status])).to.deep.equal([['cnn_small', 'pass'], ['mlp_kwargs_dict', 'pass']]);
    for (const c of report.cases) expect(c.placement!.pluginNodes, c.name).to.be.greaterThan(0);
    const relu = report.ops.find((o) => o.target === 'aten.relu.default')!;
    expect(relu.claimed).to.be.greaterThan(0);
    expect(relu.failingCases).to.deep.equal([]);
    // mtia-stub explains what it refuses; the kit groups the notes by op.
    const pool = report.ops.find((o) => o.target === 'aten.max_pool2d.default')!;
    expect(pool.claimed).to.equal(0);
    expect(pool.refused).to.equal(pool.nodes);
    expect(Object.keys(pool.reasons)).to.have.length(1);
  });

  it('a wrong kernel: the case fails, both ops that ran are listed, only add is the suspect', async () => {
    const report = await runConformance({ plugin: faultyAdd, kind: 'module', source: 'test' }, { corpus: [FIXTURES], filter: /^mlp_kwargs_dict$/ });
    const [c] = report.cases;
    expect(c!.status).to.equal('fail');
    expect(c!.error).to.match(/output \d+: element/);
    expect(c!.suspects).to.deep.equal(['aten.add.Tensor']);
    const byOp = new Map(report.ops.map((o) => [o.target, o]));
    expect(byOp.get('aten.relu.default')!.failingCases).to.deep.equal(['mlp_kwargs_dict']);
    expect(byOp.get('aten.relu.default')!.suspectIn).to.deep.equal([]);
    expect(byOp.get('aten.add.Tensor')!.suspectIn).to.deep.equal(['mlp_kwargs_dict']);
    expect(report.summary).to.include({ passed: 0, failed: 1 });
  });

  it('a plugin left out at prepare fails the case, naming the stage and the plugin message', async () => {
    const put = await resolvePluginUnderTest(MTIA_STUB_LIB, { fault: 'prepare' });
    expect(put.kind).to.equal('native');
    const report = await runConformance(put, { corpus: [FIXTURES], filter: /^mlp_kwargs_dict$/, pluginOptions: { fault: 'prepare' } });
    expect(report.cases[0]!.status).to.equal('fail');
    expect(report.cases[0]!.error).to.match(/mtia-stub was left out at prepare: .*injected fault at prepare/);
  });

  it('a plugin that cannot be created is refused before any case runs', async () => {
    let error: unknown;
    await resolvePluginUnderTest(MTIA_STUB_LIB, { fault: 'load' }).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.match(/Plugin_Create failed: .*injected fault at load/);
  });

  it('CLI: exit 0 and a JSON report when every case passes; exit 1 with wrong output shapes', function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), 'nrt-kit-'));
    try {
      const json = join(dir, 'report.json');
      const out = execFileSync(process.execPath, [SDK_CLI, 'conformance', '--plugin', MTIA_STUB_LIB, '--corpus', FIXTURES, '--filter', 'mlp', '--json', json], { encoding: 'utf8' });
      expect(out).to.match(/PASS mlp_kwargs_dict +mtia-stub 5\/5 nodes/);
      const report = JSON.parse(readFileSync(json, 'utf8')) as ConformanceReport;
      expect(report.plugin).to.include({ name: 'mtia-stub', kind: 'native' });
      expect(report.summary).to.include({ cases: 1, passed: 1, failed: 0 });

      const bad = spawnSync(process.execPath, [SDK_CLI, 'conformance', '--plugin', MTIA_STUB_LIB, '--corpus', FIXTURES, '--filter', 'mlp',
        '--option', 'fault=wrong_shape', '--no-isolate'], { encoding: 'utf8' });
      expect(bad.status).to.equal(1);
      expect(bad.stdout).to.match(/FAIL mlp_kwargs_dict .*shape \[4, 16\], expected \[3, 16\]/);
      expect(bad.stdout).to.match(/aten\.linear\.default +2 +0 +2 +FAILING in 1: mlp_kwargs_dict/);

      const usage = spawnSync(process.execPath, [SDK_CLI, 'conformance', '--corpus', FIXTURES], { encoding: 'utf8' });
      expect(usage.status).to.equal(2);
      expect(usage.stderr).to.match(/--plugin is required/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sdk: conformance report aggregation', () => {
  const report: PartitionReport = {
    nodes: [
      { node: 'a', target: 'aten.add.Tensor', delegate: 'npu', partition: 0 },
      { node: 'b', target: 'aten.add.Tensor', delegate: 'interpreter', partition: 1 },
      { node: 'c', target: 'aten.relu.default', delegate: 'npu', partition: 0 },
    ],
    delegates: [], copies: [], skipped: [],
    refusals: [{ node: 'b', delegate: 'npu', reason: 'int64' }, { node: 'b', delegate: 'other', reason: 'ignored' }],
  };

  it('counts claimed, refused and present nodes per op for the named plugin only', () => {
    const p = placementOf(report, 'npu');
    expect(p).to.deep.include({ totalNodes: 3, pluginNodes: 2 });
    expect(p.claimed).to.deep.equal({ 'aten.add.Tensor': 1, 'aten.relu.default': 1 });
    expect(p.refused).to.deep.equal({ 'aten.add.Tensor': { int64: 1 } });
  });

  it('counts an archive once over its input sets and lists failing cases per op', () => {
    const placement = placementOf(report, 'npu');
    const cases = [
      { name: 'm', archive: 'm.pt2', status: 'fail' as const, maxAbsErr: 1, ms: 0, placement, warnings: [], suspects: ['aten.add.Tensor'] },
      { name: 'm[alt]', archive: 'm.pt2', status: 'pass' as const, maxAbsErr: 0, ms: 0, placement, warnings: [] },
    ];
    const ops = opReports(cases);
    expect(ops.map((o) => [o.target, o.nodes, o.claimed, o.refused])).to.deep.equal([['aten.add.Tensor', 2, 1, 1], ['aten.relu.default', 1, 1, 0]]);
    expect(ops[0]!.failingCases).to.deep.equal(['m']);
    expect(ops[0]!.suspectIn).to.deep.equal(['m']);
    expect(ops[1]!.suspectIn).to.deep.equal([]);
  });
});
