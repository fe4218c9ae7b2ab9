// The aoti delegate on nativert-lowered archives (model `model-aoti`, an executorch_call_delegate
// node) and on an AOTI package built locally from a model outside the corpus.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { ModelRunner, compareOutput, flattenTree, loadSafetensors, readManifest } from '@nativert/core';
import aoti, { loadAotiModel, loadAotiPackage } from '@nativert/aoti';
import { CORPUS_213, corpusPresent } from './corpus-paths.js';

describe('aoti plugin: lowered archives and a locally built package', function () {
  this.timeout(60_000);

  for (const name of ['cnn_small', 'bert_tiny']) {
    it(`${name}.nativert_aoti.pt2 model-aoti: the delegate-call node matches PyTorch`, async function () {
      if (!corpusPresent(`${name} lowered`)) this.skip();
      const manifest = readManifest(`${CORPUS_213}/${name}.json`);
      const model = await loadAotiModel(`${CORPUS_213}/${name}.nativert_aoti.pt2`, 'model-aoti', { allowNativeCode: true });
      const runner = await ModelRunner.load(model, { delegates: [aoti], allowNativeCode: true, strict: true });
      try {
        expect(runner.partitionReport.delegates).to.deep.equal([{ delegate: 'aoti', nodes: 1, partitions: 1 }]);
        const io = await loadSafetensors(`${CORPUS_213}/${name}.io.safetensors`);
        const out = flattenTree(model.program.outSpec, await runner.run(manifest.args.map((k) => io.get(k)!)));
        manifest.outputs.forEach((k, i) => {
          const r = compareOutput(out[i], io.get(k)!, manifest.rtol, manifest.atol);
          expect(r.ok, r.message).to.equal(true);
        });
      } finally {
        await runner.dispose();
      }
    });
  }

  // Made by tests/aoti/fixtures/make-extra-aoti.py: conv1d_silu_extra (conv1d, silu, erf, cumsum),
  // conv_attn_extra (depthwise, dilated, 1x1 and channels-last convolutions; attention with a float
  // mask, a bool mask and is_causal).
  const extras = [
    { name: 'conv1d_silu_extra', inputs: ['in.0'] },
    { name: 'conv_attn_extra', inputs: ['in.0', 'in.1'] },
  ];
  for (const extra of extras) {
    it(`${extra.name}: an AOTI package built with the local PyTorch matches it`, async function () {
      const dir = process.env['NATIVERT_AOTI_EXTRA'] ?? '/tmp/nativert-aoti-extra';
      if (!existsSync(`${dir}/${extra.name}.aoti_cpu.pt2`)) {
        console.log(`    skipped: no ${dir}/${extra.name}.aoti_cpu.pt2 (make it with tests/aoti/fixtures/make-extra-aoti.py)`);
        this.skip();
      }
      const model = await loadAotiPackage(`${dir}/${extra.name}.aoti_cpu.pt2`, { allowNativeCode: true });
      const runner = await ModelRunner.load(model, { delegates: [aoti], allowNativeCode: true });
      try {
        const io = await loadSafetensors(`${dir}/${extra.name}.io.safetensors`);
        const out = flattenTree(model.program.outSpec, await runner.run(extra.inputs.map((k) => io.get(k)!)));
        for (const i of [0, 1]) {
          const r = compareOutput(out[i], io.get(`out.${i}`)!, 1e-5, 1e-5);
          expect(r.ok, `out.${i}: ${r.message}`).to.equal(true);
        }
      } finally {
        await runner.dispose();
      }
    });
  }
});
