// nativert with --delegates cuda,interpreter on the benchmark models: median wall ms per run
// (host inputs in, host outputs out, so uploads, kernels and the final download are all counted),
// at the io file's batch and at batch 32 (the io inputs repeated along dim 0), with CUDA-graph
// replay (ms, ms_b32) and without (ms_eager, ms_b32_eager). Batch 32 runs `<name>_b32.pt2` (a
// static batch-32 export, see b32_cases.py) where one exists, else the model's own archive.
// usage: node tools/gpu/bench-cuda.mjs CORPUS_DIR OUT.json [MORE_DIRS...]
//   MORE_DIRS: folders holding archives directly (batch-32 exports, models too big for the corpus)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, loadSafetensors, ModelRunner, readManifest, Tensor } from '@nativert/core';

const [corpus, outFile, ...more] = process.argv.slice(2);
const { models } = JSON.parse(readFileSync(new URL('./bench-models.json', import.meta.url), 'utf8'));
const WARMUP = 10;
const RUNS = 50;
const dirs = [join(corpus, 'torch-2.11'), join(corpus, 'torch-2.13'), ...more];

/** The first folder's archive and manifest of `name` (and its io file when `withIo`). */
function find(name, withIo) {
  for (const d of dirs) {
    const f = { pt2: join(d, `${name}.pt2`), io: join(d, `${name}.io.safetensors`), manifest: join(d, `${name}.json`) };
    if (existsSync(f.pt2) && existsSync(f.manifest) && (!withIo || existsSync(f.io))) return f;
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

async function load(f) {
  const manifest = readManifest(f.manifest);
  return ModelRunner.load(await loadModel(f.pt2, { modelName: manifest.modelName }), { delegates: ['@nativert/cuda', '@nativert/interpreter'] });
}

const parts = (runner) => runner.partitionReport.delegates.map((p) => `${p.delegate}:${p.nodes}`).join(' ');

const results = [];
for (const name of models) {
  const f = find(name, true);
  if (!f) { results.push({ model: name, error: 'archive not found' }); continue; }
  const b32 = find(`${name}_b32`, false);
  const r = { model: name, archive: f.pt2, archive_b32: b32?.pt2 ?? f.pt2 };
  try {
    const manifest = readManifest(f.manifest);
    const io = await loadSafetensors(f.io);
    const args = manifest.args.map((k) => io.get(k));
    const kwargs = Object.fromEntries((manifest.kwargs ?? []).map((k) => [k, io.get(`kw.${k}`)]));
    const args32 = args.map((a) => repeatBatch(a, 32));
    const kwargs32 = Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [k, repeatBatch(v, 32)]));
    r.batch = args[0] instanceof Tensor ? args[0].shape[0] : null;
    // With CUDA-graph replay (the default), then without (suffix _eager).
    for (const [tag, graphs] of [['', '1'], ['_eager', '0']]) {
      process.env.NATIVERT_CUDA_GRAPHS = graphs;
      const runner = await load(f);
      r.partitions = parts(runner);
      r[`ms${tag}`] = await time(runner, args, kwargs);
      const runner32 = b32 ? await load(b32) : runner;
      try {
        r.partitions_b32 = parts(runner32);
        r[`ms_b32${tag}`] = await time(runner32, args32, kwargs32);
      } catch (e) {
        r.b32_error = e.message.split('\n')[0].slice(0, 200);
      }
      if (runner32 !== runner) await runner32.dispose();
      await runner.dispose();
    }
  } catch (e) {
    r.error = e.message.split('\n')[0].slice(0, 300);
  }
  console.log(JSON.stringify(r));
  results.push(r);
}
writeFileSync(outFile, JSON.stringify(results, null, 1));
