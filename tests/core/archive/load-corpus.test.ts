import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listModels, loadModel, Tensor } from '@nativert/core';
import type { LoadedModel } from '@nativert/core';
import { CORPUS_DIRS, corpusFile, pt2Files } from './corpus.js';

/** Every state tensor has the dtype and sizes its graph placeholder records. */
function checkStateAgainstGraph(m: LoadedModel): void {
  for (const spec of m.program.inputSpecs) {
    if (spec.kind !== 'parameter' && spec.kind !== 'buffer' && spec.kind !== 'tensor_constant') continue;
    const t = m.state.get(spec.target);
    expect(t, `${m.source}: state '${spec.target}'`).to.be.instanceOf(Tensor);
    const meta = m.program.graph.tensorMeta(spec.name);
    expect(meta, `${m.source}: meta of '${spec.name}'`).to.not.equal(undefined);
    expect(t!.dtype, spec.target).to.equal(meta!.dtype);
    expect(t!.shape, spec.target).to.deep.equal(meta!.sizes);
    // Reading every element proves the bytes cover the view.
    expect(t!.toFloat64().length).to.equal(t!.numel);
  }
}

describe('loadModel over the corpus', () => {
  for (const dir of CORPUS_DIRS) {
    const files = pt2Files(dir);
    if (files.length === 0) {
      it(`decodes every archive in ${dir}`, function () {
        console.log(`    skipping: no corpus archives at ${dir}`);
        this.skip();
      });
      continue;
    }
    it(`decodes every model of every archive in ${dir} (${files.length} files)`, async () => {
      let models = 0;
      for (const f of files) {
        const path = join(dir, f);
        const names = await listModels(path);
        // AOTInductor packages hold only data/aotinductor/, no model JSON.
        if (f.includes('.aoti_')) {
          expect(names, f).to.deep.equal([]);
          continue;
        }
        expect(names, f).to.include('model');
        for (const name of names) {
          const m = await loadModel(path, { modelName: name });
          expect(m.name).to.equal(name);
          expect(m.program.schemaVersion.major).to.equal(8);
          expect(m.program.graph.nodes.length, f).to.be.greaterThan(0);
          checkStateAgainstGraph(m);
          models++;
        }
      }
      expect(models).to.be.at.least(files.filter((f) => !f.includes('.aoti_')).length);
    });
  }

  it('uses stored weights in place and matches the manifest op list', async () => {
    const path = corpusFile('mlp_kwargs_dict.pt2');
    if (!path) return;
    const bytes = new Uint8Array(readFileSync(path));
    const m = await loadModel(bytes);
    expect(m.source).to.equal('<buffer>');
    const w = m.state.get('l1.weight')!;
    expect(w.hostStorage().bytes.buffer).to.equal(bytes.buffer);
    const manifest = JSON.parse(readFileSync(path.replace(/\.pt2$/, '.json'), 'utf8')) as { ops: string[] };
    expect([...new Set(m.program.graph.nodes.map((n) => n.target))].sort()).to.deep.equal([...manifest.ops].sort());
  });

  it('lists both models of a nativert_aoti archive and exposes AOTInductor entries', async () => {
    const path = corpusFile('mlp_kwargs_dict.nativert_aoti.pt2');
    if (!path) return;
    expect(await listModels(path)).to.deep.equal(['model', 'model-aoti']);
    const m = await loadModel(path, { modelName: 'model-aoti' });
    const delegate = m.program.graph.nodes.find((n) => n.target === 'higher_order.executorch_call_delegate');
    expect(delegate, 'executorch_call_delegate node').to.not.equal(undefined);
    expect(delegate!.inputs[0]!.arg).to.deep.equal({ kind: 'string', value: 'model-aoti' });
    const aoti = [...m.entries.keys()].filter((p) => p.startsWith('data/aotinductor/model-aoti/'));
    expect(aoti.some((p) => p.endsWith('.so'))).to.equal(true);
  });
});
