// Every corpus AOTI-only package through the aoti plugin, against PyTorch's eager outputs.
import { expect } from 'chai';
import { ModelRunner, discoverCases, flattenTree, loadSafetensors, readManifest, runCase } from '@nativert/core';
import aoti, { loadAotiPackage } from '@nativert/aoti';
import { CORPUS_213, corpusPresent } from './corpus-paths.js';

describe('aoti plugin: corpus *.aoti_cpu.pt2', function () {
  this.timeout(120_000);
  const cases = corpusPresent('the AOTI corpus cases') ? discoverCases(CORPUS_213, 'export', true).filter((c) => c.ir === 'aoti') : [];

  it('finds the corpus AOTI packages', function () {
    if (cases.length === 0) this.skip();
    expect(cases.map((c) => c.name)).to.include.members(['mlp_kwargs_dict', 'cnn_small', 'bert_tiny']);
  });

  for (const c of cases) {
    it(`${c.name} matches PyTorch within the manifest tolerances`, async () => {
      const manifest = readManifest(c.manifest);
      const model = await loadAotiPackage(c.archive, { allowNativeCode: true });
      const runner = await ModelRunner.load(model, { delegates: [aoti], allowNativeCode: true, strict: true });
      try {
        expect(runner.partitionReport.delegates.map((d) => d.delegate)).to.deep.equal(['aoti']);
        const io = await loadSafetensors(c.io);
        const results = await runCase(c, manifest, io, runner, (v) => flattenTree(model.program.outSpec, v));
        for (const r of results) expect(r.status, `${r.name}: ${r.error ?? ''}`).to.equal('pass');
      } finally {
        await runner.dispose();
      }
    });
  }
});
