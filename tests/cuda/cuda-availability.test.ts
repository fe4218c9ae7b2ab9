import { expect } from 'chai';
import { loadModel, ModelRunner } from '@nativert/core';
import cudaPlugin, { CudaDelegate, opTable } from '@nativert/cuda';
import { existsSync } from 'node:fs';

const host = { logger: { warn: () => {}, info: () => {}, debug: () => {} }, allowNativeCode: false, threads: 1 };
const CNN = '/work/shared/corpus/torch-2.11/cnn_small.pt2';

describe('cuda: availability', () => {
  it('reports unavailable with the reason when the driver library is missing, and the runtime carries on', async function () {
    const d = await cudaPlugin.create({}, host);
    const a = d.availability();
    if (a.available) this.skip();
    expect(a.reason).to.match(/cuda library not found|cuInit|device/);
    if (!existsSync(CNN)) return;
    const runner = await ModelRunner.load(await loadModel(CNN), { delegates: [cudaPlugin, '@nativert/interpreter'] });
    expect(runner.partitionReport.delegates.map((s) => s.delegate)).to.deep.equal(['interpreter']);
    await runner.dispose();
  });

  it('claims the float32 model ops and refuses other dtypes with a reason', async () => {
    if (!existsSync(CNN)) return;
    const model = await loadModel(CNN);
    const d = new CudaDelegate({ type: 'cuda', index: 0 }, { unavailable: 'test' }, opTable());
    const graph = model.program.graph;
    const cap = d.getCapability(graph, { program: model.program, archive: NO_ARCHIVE, taken: new Set(), options: {} });
    expect(cap.groups.flat().length).to.equal(graph.nodes.length);
  });

  it('refuses non-float32 nodes, naming the value and its dtype', async () => {
    const path = '/work/shared/corpus/torch-2.11/bfloat16_math.pt2';
    if (!existsSync(path)) return;
    const model = await loadModel(path);
    const d = new CudaDelegate({ type: 'cuda', index: 0 }, { unavailable: 'test' }, opTable());
    const cap = d.getCapability(model.program.graph, { program: model.program, archive: NO_ARCHIVE, taken: new Set(), options: {} });
    const reasons = [...(cap.refused ?? new Map<string, string>()).values()];
    expect(reasons.some((r) => /float32 only; .* is bfloat16/.test(r))).to.equal(true);
  });
});
