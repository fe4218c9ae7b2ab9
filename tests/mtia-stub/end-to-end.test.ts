import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ModelRunner, Tensor, loadSafetensors } from '@nativert/core';
import interpreter from '@nativert/interpreter';
import mtiaStub from '@nativert/mtia-stub';
import { REPO_ROOT, ensureNativeBuilt } from '../sdk/support/native-libs.js';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'models', 'torch-2.13');
/** The shared corpus beside the repository (has the core-IR twins the fixtures leave out). */
const CORPUS = join(REPO_ROOT, '..', 'shared', 'corpus', 'torch-2.13');

interface Case {
  readonly archive: string;
  readonly io: string;
  readonly kwargs: readonly string[];
  /** Op targets that must have run on mtia-stub. */
  readonly onStub: readonly string[];
}

const CASES: readonly Case[] = [
  { archive: join(FIXTURES, 'mlp_kwargs_dict.pt2'), io: join(FIXTURES, 'mlp_kwargs_dict.io.safetensors'), kwargs: ['y'],
    onStub: ['aten.linear.default', 'aten.relu.default', 'aten.mul.Tensor', 'aten.add.Tensor'] },
  { archive: join(CORPUS, 'mlp_kwargs_dict.core.pt2'), io: join(FIXTURES, 'mlp_kwargs_dict.io.safetensors'), kwargs: ['y'],
    onStub: ['aten.permute.default', 'aten.addmm.default', 'aten.relu.default', 'aten.mul.Tensor', 'aten.add.Tensor'] },
  { archive: join(FIXTURES, 'cnn_small.pt2'), io: join(FIXTURES, 'cnn_small.io.safetensors'), kwargs: [],
    onStub: ['aten.conv2d.default', 'aten.relu.default', 'aten.linear.default'] },
];

describe('mtia-stub end to end with delegates [mtia-stub, interpreter]', () => {
  before(() => ensureNativeBuilt());

  for (const c of CASES) {
    const name = c.archive.split('/').pop()!;
    it(`${name}: runs ${c.onStub.length} op kinds on mtia-stub and matches PyTorch (rtol=atol=1e-4)`, async function () {
      if (!existsSync(c.archive)) this.skip();
      const runner = await ModelRunner.load(c.archive, { delegates: [mtiaStub, interpreter] });
      try {
        const placed = new Set(runner.partitionReport.nodes.filter((n) => n.delegate === 'mtia-stub').map((n) => n.target));
        expect([...placed]).to.include.members([...c.onStub]);
        const io = await loadSafetensors(c.io);
        const kwargs = Object.fromEntries(c.kwargs.map((k) => [k, io.get(`kw.${k}`)!]));
        const result = await runner.run([io.get('in.0')!], kwargs);
        const leaves = result instanceof Tensor ? [result] : Object.values(result as Record<string, Tensor>);
        leaves.forEach((got, i) => {
          const want = io.get(`out.${i}`)!;
          expect(got.device.type).to.equal('cpu');
          expect(got.shape).to.deep.equal(want.shape);
          const g = got.toFloat64();
          want.toFloat64().forEach((v, j) => {
            if (Math.abs(g[j]! - v) > 1e-4 + 1e-4 * Math.abs(v)) expect.fail(`output ${i}[${j}]: got ${g[j]}, want ${v}`);
          });
        });
      } finally {
        await runner.dispose();
      }
    });
  }
});
