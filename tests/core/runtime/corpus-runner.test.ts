import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import type { Tensor } from '@nativert/core';
import { ModelRunner, flattenTree, readSafetensors, treeSpecLeafCount } from '@nativert/core';

const CORPUS = '/work/shared/corpus/torch-2.13';

interface Manifest {
  readonly args: string[];
  readonly kwargs: string[];
  readonly outputs: string[];
  readonly rtol: number;
  readonly atol: number;
}

/** Cases whose ops the interpreter covers: one node, several independent outputs, weights. */
const CASES = ['layer_norm', 'reductions', 'linear_nobias'];

describe('ModelRunner on corpus archives (interpreter plugin by package name)', () => {
  before(function () {
    if (!existsSync(CORPUS)) this.skip();
  });

  for (const name of CASES) {
    it(`${name}: matches PyTorch eager within the manifest tolerance`, async () => {
      const manifest = JSON.parse(readFileSync(`${CORPUS}/${name}.json`, 'utf8')) as Manifest;
      const io = readSafetensors(readFileSync(`${CORPUS}/${name}.io.safetensors`));
      const runner = await ModelRunner.load(`${CORPUS}/${name}.pt2`, { threads: 1 });
      const args = manifest.args.map((k) => io.get(k)!);
      const kwargs = Object.fromEntries(manifest.kwargs.map((k) => [k, io.get(`kw.${k}`)!]));
      const out = await runner.run(args, kwargs);
      const leaves = flattenTree(runner.program.outSpec, out) as Tensor[];
      expect(leaves.length).to.equal(treeSpecLeafCount(runner.program.outSpec));
      expect(leaves.length).to.equal(manifest.outputs.length);
      manifest.outputs.forEach((key, i) => {
        const want = io.get(key)!;
        const got = leaves[i]!;
        expect(got.dtype, key).to.equal(want.dtype);
        expect(got.shape, key).to.deep.equal(want.shape);
        const g = got.toFloat64();
        want.toFloat64().forEach((w, j) => {
          expect(Math.abs(g[j]! - w), `${key}[${j}]`).to.be.at.most(manifest.atol + manifest.rtol * Math.abs(w));
        });
      });
      expect(runner.partitionReport.delegates.map((d) => d.delegate)).to.deep.equal(['interpreter']);
      await runner.dispose();
    });
  }
});
