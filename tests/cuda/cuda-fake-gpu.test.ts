import { expect } from 'chai';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DelegatePlugin, Tensor as TensorType } from '@nativert/core';
import { compareOutput, loadModel, loadSafetensors, ModelRunner, PLUGIN_API_VERSION, readManifest, Tensor } from '@nativert/core';
import { cudaDelegateOn, toSize, toU64 } from '@nativert/cuda';
import { FakeGpu } from './fake-cuda.js';
import { tempDir } from '../support/temp-dir.js';

const CORPUS = '/work/shared/corpus/torch-2.11';

/** Output leaves in pytree order (tuples/lists in order, dicts by insertion order). */
function leaves(v: unknown): unknown[] {
  if (Array.isArray(v)) return v.flatMap(leaves);
  if (v !== null && typeof v === 'object' && !('dtype' in v)) return Object.values(v).flatMap(leaves);
  return [v];
}

/** A plugin whose delegate runs on `gpu`. */
function fakePlugin(gpu: FakeGpu): DelegatePlugin {
  return { name: 'cuda', apiVersion: PLUGIN_API_VERSION, create: async () => cudaDelegateOn(0, gpu.libraries()) };
}

describe('cuda: 64-bit values from koffi', () => {
  it('takes numbers and bigints alike and refuses anything else, naming the call', () => {
    expect(toU64(0x7f00_0000_0200, 'cuMemAlloc')).to.equal(0x7f00_0000_0200n);
    expect(toU64(2n ** 63n, 'cuMemAlloc')).to.equal(2n ** 63n);
    expect(toSize(4096n, 'nvrtcGetCUBINSize')).to.equal(4096);
    expect(() => toU64(-1, 'cuStreamCreate')).to.throw(/cuStreamCreate: expected an unsigned 64-bit value/);
    expect(() => toU64(undefined, 'cublasCreate')).to.throw(/cublasCreate/);
    expect(() => toSize(2n ** 60n, 'nvrtcGetCUBINSize')).to.throw(/does not fit/);
  });
});

describe('cuda: on a fake GPU whose driver answers like koffi (addresses as JS numbers)', function () {
  this.timeout(120000);
  const savedCache = process.env.NATIVERT_CUDA_CACHE;
  before(() => {
    process.env.NATIVERT_CUDA_CACHE = tempDir('nrt-fake-cuda-');
  });
  after(() => {
    if (savedCache === undefined) delete process.env.NATIVERT_CUDA_CACHE;
    else process.env.NATIVERT_CUDA_CACHE = savedCache;
  });

  it('moves tensors and strided views to the device and back bit for bit', async () => {
    const gpu = new FakeGpu();
    const d = await cudaDelegateOn(0, gpu.libraries());
    expect(d.availability()).to.deep.equal({ available: true });
    const t = Tensor.fromNumbers('float32', [2, 3], [1, -2, 3.5, 4, 5e-8, -6]);
    const dev = await d.transfer!.toDevice(t, d.device);
    expect(dev.device).to.deep.equal({ type: 'cuda', index: 0 });
    const back = await d.transfer!.toHost(dev);
    expect([...back.toFloat64()]).to.deep.equal([...t.toFloat64()]);
    // A transposed view on the device comes back through a strided copy kernel.
    const viewBack = await d.transfer!.toHost(dev.asStrided([3, 2], [1, 3]));
    expect([...viewBack.toFloat64()]).to.deep.equal([1, 4, -2, 5e-8, 3.5, -6].map(Math.fround));
    expect(gpu.launches).to.deep.equal(['ew']);
    const ints = Tensor.fromNumbers('int64', [3], [7, -1, 2 ** 40]);
    expect([...(await d.transfer!.toHost(await d.transfer!.toDevice(ints, d.device))).toFloat64()]).to.deep.equal([7, -1, 2 ** 40]);
  });

  it('replays a fixed-shape partition as one CUDA graph from its third run, weights used in place', async function () {
    if (!existsSync(`${CORPUS}/cnn_small.pt2`)) this.skip();
    const gpu = new FakeGpu();
    const runner = await ModelRunner.load(await loadModel(`${CORPUS}/cnn_small.pt2`), { delegates: [fakePlugin(gpu), '@nativert/interpreter'] });
    const io = await loadSafetensors(`${CORPUS}/cnn_small.io.safetensors`);
    const manifest = readManifest(`${CORPUS}/cnn_small.json`);
    const want = io.get(manifest.outputs[0]!) as TensorType;
    const args = manifest.args.map((k) => io.get(k)!);
    const outs: unknown[] = [];
    const kernels: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = gpu.hostLaunches;
      const allocs = gpu.allocations;
      outs.push(leaves(await runner.run(args, {}))[0]);
      kernels.push(gpu.hostLaunches - before);
      if (i === 2) expect(gpu.allocations, 'allocations on replay: the input upload at most').to.be.at.most(allocs + 1);
    }
    const held = gpu.liveBlocks;
    expect(gpu.pinnedBlocks, 'pinned staging of the captured graph').to.equal(2);
    await runner.dispose();
    // Disposing frees the graph's staging and gives cached device blocks back to the driver.
    expect(gpu.pinnedBlocks).to.equal(0);
    expect(gpu.liveBlocks).to.be.lessThan(held);
    for (const o of outs) expect(compareOutput(o, want, manifest.rtol, manifest.atol).ok).to.equal(true);
    expect(gpu.graphLaunches).to.equal(2);
    // Replay launches no kernel from the host: the input is staged by a copy, the output copied out inside the graph.
    expect(kernels[0]).to.be.greaterThan(5);
    expect(kernels[2]).to.equal(0);
  });

  const cases = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.io.safetensors')).map((f) => f.replace('.io.safetensors', '')).sort() : [];
  for (const name of cases) {
    const base = join(CORPUS, name);
    if (!existsSync(`${base}.pt2`) || !existsSync(`${base}.json`)) continue;
    it(`runs ${name} with its cuda nodes emulated, matching PyTorch`, async function () {
      const manifest = readManifest(`${base}.json`);
      const gpu = new FakeGpu();
      const runner = await ModelRunner.load(await loadModel(`${base}.pt2`, { modelName: manifest.modelName }), { delegates: [fakePlugin(gpu), '@nativert/interpreter'] });
      try {
        const onCuda = runner.partitionReport.delegates.find((s) => s.delegate === 'cuda')?.nodes ?? 0;
        if (onCuda === 0) this.skip();
        const io = await loadSafetensors(`${base}.io.safetensors`);
        // Three runs of the main inputs: eager, captured into a CUDA graph, replayed; then the alt set.
        for (const prefix of manifest.alt ? ['', '', '', 'alt.'] : ['', '', '']) {
          const args = manifest.args.map((k) => io.get(prefix + k)!);
          const kwargs = Object.fromEntries(manifest.kwargs.map((k) => [k, io.get(`${prefix}kw.${k}`)!]));
          const got = leaves(await runner.run(args, kwargs));
          const problems: string[] = [];
          manifest.outputs.forEach((key, i) => {
            const c = compareOutput(got[i], io.get(prefix + key) as TensorType, manifest.rtol, manifest.atol);
            if (!c.ok) problems.push(`${prefix}${key}: ${c.message}`);
          });
          expect(problems, `${name} (${onCuda} nodes on cuda)`).to.deep.equal([]);
        }
      } finally {
        await runner.dispose();
      }
    });
  }
});
