// nativert with --delegates cuda,interpreter on the benchmark models: median wall ms per run
// (host inputs in, host outputs out, so uploads, kernels and the final download are all counted),
// at the io file's batch and at batch 32 (inputs repeated along dim 0) where the program accepts it,
// with CUDA-graph replay (ms, ms_b32) and without (ms_eager, ms_b32_eager).
// usage: node tools/gpu/bench-cuda.mjs CORPUS_DIR OUT.json
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, loadSafetensors, ModelRunner, readManifest, Tensor } from '@nativert/core';

const [corpus, outFile] = process.argv.slice(2);
const { models } = JSON.parse(readFileSync(new URL('./bench-models.json', import.meta.url), 'utf8'));
const WARMUP = 10;
const RUNS = 50;

function find(name) {
  for (const v of ['torch-2.11', 'torch-2.13']) {
    const pt2 = join(corpus, v, `${name}.pt2`);
    if (existsSync(pt2) && existsSync(join(corpus, v, `${name}.io.safetensors`))) return { pt2, io: join(corpus, v, `${name}.io.safetensors`), manifest: join(corpus, v, `${name}.json`) };
  }
  return null;
}

/** `t` repeated along dim 0 to `batch` rows (host tensors only). */
function repeatBatch(t, batch) {
  if (!(t instanceof Tensor) || t.rank === 0) return t;
  const c = t.contiguous();
  const rows = t.shape[0];
  const out = Tensor.zeros(t.dtype, [batch, ...t.shape.slice(1)]);
  const src = c.hostStorage().bytes;
  const row = src.byteLength / Math.max(rows, 1);
  const dst = out.hostStorage().bytes;
  for (let b = 0; b < batch; b++) dst.set(src.subarray((b % rows) * row, (b % rows + 1) * row), b * row);
  return out;
}

async function time(runner, args, kwargs) {
  for (let i = 0; i < WARMUP; i++) await runner.run(args, kwargs);
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await runner.run(args, kwargs);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return +ms[Math.floor(ms.length / 2)].toFixed(3);
}

const results = [];
for (const name of models) {
  const f = find(name);
  if (!f) { results.push({ model: name, error: 'archive not in corpus' }); continue; }
  const r = { model: name, archive: f.pt2 };
  try {
    const manifest = readManifest(f.manifest);
    const model = await loadModel(f.pt2, { modelName: manifest.modelName });
    const io = await loadSafetensors(f.io);
    const args = manifest.args.map((k) => io.get(k));
    const kwargs = Object.fromEntries((manifest.kwargs ?? []).map((k) => [k, io.get(`kw.${k}`)]));
    r.batch = args[0] instanceof Tensor ? args[0].shape[0] : null;
    // With CUDA-graph replay (the default), then without (suffix _eager).
    for (const [tag, graphs] of [['', '1'], ['_eager', '0']]) {
      process.env.NATIVERT_CUDA_GRAPHS = graphs;
      const runner = await ModelRunner.load(model, { delegates: ['@nativert/cuda', '@nativert/interpreter'] });
      r.partitions = runner.partitionReport.delegates;
      r[`ms${tag}`] = await time(runner, args, kwargs);
      try {
        r[`ms_b32${tag}`] = await time(runner, args.map((a) => repeatBatch(a, 32)), Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [k, repeatBatch(v, 32)])));
      } catch (e) {
        r.b32_error = e.message.split('\n')[0].slice(0, 200);
      }
      await runner.dispose();
    }
  } catch (e) {
    r.error = e.message.split('\n')[0].slice(0, 300);
  }
  console.log(JSON.stringify(r));
  results.push(r);
}
writeFileSync(outFile, JSON.stringify(results, null, 1));
