import { expect } from 'chai';
import { join } from 'node:path';
import type { CaseResult } from '@nativert/core';
import { discoverCases, loadModel, loadSafetensors, ModelRunner, readManifest, runCase, Tensor } from '@nativert/core';
import { MODEL_FIXTURES } from './paths.js';

/** Leaves of a runner's structured output in out_spec order (arrays, then objects in key order). */
function leaves(v: unknown): unknown[] {
  if (Array.isArray(v)) return v.flatMap(leaves);
  if (v !== null && typeof v === 'object' && !(v instanceof Tensor)) return Object.values(v).flatMap(leaves);
  return [v];
}

for (const version of ['torch-2.13', 'torch-2.11']) {
  describe(`models from ${version} through the API`, () => {
    for (const c of discoverCases(join(MODEL_FIXTURES, version), 'export')) {
      it(`${c.name} matches PyTorch on every input set`, async () => {
        const manifest = readManifest(c.manifest);
        const runner = await ModelRunner.load(await loadModel(c.archive), {});
        try {
          const results: CaseResult[] = await runCase(c, manifest, await loadSafetensors(c.io), runner, leaves);
          expect(results.length).to.equal(manifest.alt ? 2 : 1);
          for (const r of results) expect(r.status, `${r.name}: ${r.error ?? ''}`).to.equal('pass');
        } finally {
          await runner.dispose();
        }
      });
    }
  });
}

describe('ModelRunner on mlp_kwargs_dict', () => {
  const archive = join(MODEL_FIXTURES, 'torch-2.13', 'mlp_kwargs_dict.pt2');

  it('returns the dict output with its keys and serves concurrent runs', async () => {
    const runner = await ModelRunner.load(archive);
    const io = await loadSafetensors(join(MODEL_FIXTURES, 'torch-2.13', 'mlp_kwargs_dict.io.safetensors'));
    const x = io.get('in.0')!, y = io.get('kw.y')!;
    const runs = await Promise.all([1, 2, 3, 4].map(() => runner.run([x], { y })));
    for (const out of runs) {
      expect(Object.keys(out as object)).to.deep.equal(['out', 'h']);
      const o = (out as Record<string, Tensor>)['out']!;
      const want = io.get('out.0')!.toFloat64();
      o.toFloat64().forEach((v, i) => expect(Math.abs(v - want[i]!)).to.be.at.most(1e-4 + 1e-4 * Math.abs(want[i]!)));
    }
    await runner.dispose();
  });

  it('names the missing keyword input', async () => {
    const runner = await ModelRunner.load(archive);
    const io = await loadSafetensors(join(MODEL_FIXTURES, 'torch-2.13', 'mlp_kwargs_dict.io.safetensors'));
    let err: Error | undefined;
    try {
      await runner.run([io.get('in.0')!], {});
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).to.match(/y/);
    await runner.dispose();
  });
});
