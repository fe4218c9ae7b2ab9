// The graph plan caches shape-only values (masks, positions) across runs while input shapes repeat
// and fuses written-out tanh GELUs: outputs must stay equal to PyTorch's when shapes alternate and
// when a caller overwrites an earlier run's outputs.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { ModelRunner, Tensor, compareOutput, loadModel, loadSafetensors, readManifest } from '@nativert/core';
import interpreter from '@nativert/interpreter';

const CORPUS = '/work/shared/corpus/torch-2.13';
const NAME = 'gpt2_tiny_dynamic_seq';

describe('interpreter plan: shape-only caching and GELU fusion', function () {
  this.timeout(120_000);

  it(`${NAME}: main, alt, main, main inputs all match PyTorch, also after outputs are overwritten`, async function () {
    if (!existsSync(`${CORPUS}/${NAME}.pt2`)) {
      console.log(`    skipped: ${CORPUS}/${NAME}.pt2 is absent`);
      this.skip();
    }
    const manifest = readManifest(`${CORPUS}/${NAME}.json`);
    const io = await loadSafetensors(`${CORPUS}/${NAME}.io.safetensors`);
    const runner = await ModelRunner.load(await loadModel(`${CORPUS}/${NAME}.pt2`), { delegates: [interpreter], strict: true });
    try {
      for (const prefix of ['', 'alt.', '', '']) {
        const args = manifest.args.map((k) => io.get(prefix + k)!);
        const got = await runner.run(args, {});
        const out = (Array.isArray(got) ? got[0] : got) as Tensor;
        const r = compareOutput(out, io.get(`${prefix}${manifest.outputs[0]!}`)!, manifest.rtol, manifest.atol);
        expect(r.ok, `${prefix || 'main'} inputs: ${r.message}`).to.equal(true);
        (out.data() as Float32Array).fill(Number.NaN);
      }
    } finally {
      await runner.dispose();
    }
  });
});
