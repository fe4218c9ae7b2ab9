import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { loadModel, ModelRunner } from '@nativert/core';
import cudaPlugin, { opTable, refusalReason } from '@nativert/cuda';

const host = { logger: { warn: () => {}, info: () => {}, debug: () => {} }, allowNativeCode: false, threads: 1 };
const CORPUS = '/work/shared/corpus/torch-2.11';

describe('cuda: availability and claims (no GPU needed)', () => {
  it('reports unavailable with the reason when the driver library is missing, and the runtime carries on', async function () {
    const d = await cudaPlugin.create({}, host);
    const a = d.availability();
    if (a.available) this.skip();
    expect(a.reason).to.match(/cuda library not found/);
    if (!existsSync(`${CORPUS}/cnn_small.pt2`)) return;
    const runner = await ModelRunner.load(await loadModel(`${CORPUS}/cnn_small.pt2`), { delegates: [cudaPlugin, '@nativert/interpreter'] });
    expect(runner.partitionReport.delegates.map((s) => s.delegate)).to.deep.equal(['interpreter']);
    await runner.dispose();
  });

  it('claims every node of the float32 CNN', async () => {
    if (!existsSync(`${CORPUS}/cnn_small.pt2`)) return;
    const graph = (await loadModel(`${CORPUS}/cnn_small.pt2`)).program.graph;
    const table = opTable();
    expect(graph.nodes.map((n) => refusalReason(n, graph, table)).filter((r) => r !== undefined)).to.deep.equal([]);
  });

  it('refuses non-float32 nodes, naming the value and its dtype', async () => {
    if (!existsSync(`${CORPUS}/bfloat16_math.pt2`)) return;
    const graph = (await loadModel(`${CORPUS}/bfloat16_math.pt2`)).program.graph;
    const table = opTable();
    const reasons = graph.nodes.map((n) => refusalReason(n, graph, table) ?? '');
    expect(reasons.some((r) => /float32 only; .* is bfloat16/.test(r))).to.equal(true);
  });
});
