// The aoti plugin and the interpreter agree: every corpus `<name>.aoti_cpu.pt2` run through the
// aoti delegate gives, leaf by leaf, what the interpreter gives on the plain `<name>.pt2`, on
// the same inputs (each input set of the manifest), within the manifest's tolerances.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { ModelRunner, Tensor, compareOutput, discoverCases, flattenTree, loadModel, loadSafetensors, readManifest } from '@nativert/core';
import interpreter from '@nativert/interpreter';
import aoti, { loadAotiPackage } from '@nativert/aoti';
import { CORPUS_213, corpusPresent } from './corpus-paths.js';

describe('aoti plugin: same outputs as the interpreter', function () {
  this.timeout(120_000);
  const cases = corpusPresent('aoti vs interpreter') ? discoverCases(CORPUS_213, 'export', true).filter((c) => c.ir === 'aoti') : [];

  for (const c of cases) {
    it(`${c.name}: aoti_cpu.pt2 through aoti equals ${c.name}.pt2 through the interpreter`, async function () {
      const plain = `${CORPUS_213}/${c.name}.pt2`;
      if (!existsSync(plain)) {
        console.log(`    skipped: no ${plain}`);
        this.skip();
      }
      const manifest = readManifest(c.manifest);
      const io = await loadSafetensors(c.io);
      const aotiModel = await loadAotiPackage(c.archive, { allowNativeCode: true });
      const plainModel = await loadModel(plain);
      const viaAoti = await ModelRunner.load(aotiModel, { delegates: [aoti], allowNativeCode: true, strict: true });
      const viaInterpreter = await ModelRunner.load(plainModel, { delegates: [interpreter], strict: true });
      try {
        expect(viaInterpreter.partitionReport.delegates.map((d) => d.delegate)).to.deep.equal(['interpreter']);
        for (const prefix of manifest.alt ? ['', 'alt.'] : ['']) {
          const args = manifest.args.map((k) => io.get(prefix + k)!);
          const kwargs = Object.fromEntries(manifest.kwargs.map((k) => [k, io.get(`${prefix}kw.${k}`)!]));
          const got = flattenTree(aotiModel.program.outSpec, await viaAoti.run(args, kwargs));
          const want = flattenTree(plainModel.program.outSpec, await viaInterpreter.run(args, kwargs));
          expect(got.length, `${prefix || 'main'} inputs: output count`).to.equal(want.length);
          want.forEach((w, i) => {
            expect(w, `${prefix || 'main'} inputs: interpreter output ${i}`).to.be.instanceOf(Tensor);
            const r = compareOutput(got[i], w as Tensor, manifest.rtol, manifest.atol);
            expect(r.ok, `${prefix || 'main'} inputs: output ${i}: ${r.message}`).to.equal(true);
          });
        }
      } finally {
        await viaAoti.dispose();
        await viaInterpreter.dispose();
      }
    });
  }
});
