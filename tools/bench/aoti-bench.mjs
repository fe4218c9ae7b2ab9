// AOTI benchmark row: for each corpus `<name>.aoti_cpu.pt2`, at 1 and 2 threads, times
//  - our aoti plugin (this script re-run as `--child`: load, prepare, first run, then the median of N),
//  - our interpreter on the plain `<name>.pt2` (`node core/dist/cli/main.js bench ... --json`),
//  - PyTorch's own aoti_load_package (tools/bench/torch_timing.py --load aoti through /work/main/.venv),
// all on the same `<name>.io.safetensors` inputs, each in its own process, and prints a markdown table.
// Usage: node tools/bench/aoti-bench.mjs [--runs N] [--models a,b] [--json F]
//        node tools/bench/aoti-bench.mjs --child <archive> <io> <threads> <runs> <warmup>
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = process.env.NATIVERT_BENCH_CORPUS ?? '/work/shared/corpus/torch-2.13';
const python = process.env.NATIVERT_BENCH_PYTHON ?? join(root, '.venv/bin/python');
const THREADS = [1, 2];
const WARMUP = 5;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Child mode: times the aoti plugin on one archive and prints one JSON line. */
async function child([archive, io, threads, runs, warmup]) {
  const { ModelRunner, loadSafetensors } = await import('@nativert/core');
  const { default: aoti, loadAotiPackage } = await import('@nativert/aoti');
  const t0 = performance.now();
  const model = await loadAotiPackage(archive, { allowNativeCode: true });
  const runner = await ModelRunner.load(model, { delegates: [aoti], allowNativeCode: true, strict: true, threads: Number(threads) });
  const prepareMs = performance.now() - t0;
  const args = [], kwargs = {};
  for (const [k, t] of await loadSafetensors(io)) {
    if (/^in\.\d+$/.test(k)) args[Number(k.slice(3))] = t;
    else if (k.startsWith('kw.')) kwargs[k.slice(3)] = t;
  }
  const t1 = performance.now();
  await runner.run(args, kwargs);
  const firstMs = performance.now() - t1;
  for (let i = 1; i < Number(warmup); i++) await runner.run(args, kwargs);
  const times = [];
  for (let i = 0; i < Number(runs); i++) {
    const t = performance.now();
    await runner.run(args, kwargs);
    times.push(performance.now() - t);
  }
  await runner.dispose();
  console.log(JSON.stringify({ prepareMs, firstMs, median: median(times), min: Math.min(...times), runs: Number(runs) }));
}

function lastJsonLine(text) {
  return JSON.parse(text.trim().split('\n').pop());
}

function ours(archive, io, threads, runs) {
  return lastJsonLine(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', archive, io, String(threads), String(runs), String(WARMUP)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
}

function interpreter(name, threads, runs, tmp) {
  const plain = join(corpus, `${name}.pt2`), json = join(tmp, `${name}-${threads}.json`);
  if (!existsSync(plain)) return null;
  execFileSync(process.execPath, [join(root, 'core/dist/cli/main.js'), 'bench', plain, '--inputs', join(corpus, `${name}.io.safetensors`),
    '--threads', String(threads), '--runs', String(runs), '--warmup', String(WARMUP), '--json', json], { stdio: ['ignore', 'ignore', 'inherit'] });
  return JSON.parse(readFileSync(json, 'utf8')).ours;
}

function torchAoti(archive, io, threads, runs) {
  if (!existsSync(python)) return null;
  return lastJsonLine(execFileSync(python, [join(root, 'tools/bench/torch_timing.py'), archive, '--inputs', io, '--load', 'aoti', '--threads', String(threads),
    '--runs', String(runs), '--warmup', String(WARMUP)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
}

async function main() {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' }, models: { type: 'string' }, json: { type: 'string' } } });
  const runs = Number(values.runs);
  const names = values.models?.split(',') ?? ['mlp_kwargs_dict', 'cnn_small', 'bert_tiny', 'gpt2_tiny_dynamic_seq', 'whisper_encoder_tiny'];
  const tmp = mkdtempSync(join(tmpdir(), 'aoti-bench-'));
  // Leave nothing behind in /tmp, whichever way the run ends.
  process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
  const rows = [];
  for (const name of names) {
    const archive = join(corpus, `${name}.aoti_cpu.pt2`), io = join(corpus, `${name}.io.safetensors`);
    for (const threads of THREADS) {
      const row = { model: name, threads, aoti: ours(archive, io, threads, runs), interpreter: interpreter(name, threads, runs, tmp), torchAoti: torchAoti(archive, io, threads, runs) };
      rows.push(row);
      console.error(`${name} ${threads}t: aoti ${row.aoti.median.toFixed(2)} ms, interpreter ${row.interpreter?.median.toFixed(2) ?? '—'} ms, torch aoti ${row.torchAoti?.median.toFixed(2) ?? '—'} ms`);
    }
  }
  const f = (v) => (v === undefined || v === null ? '—' : v.toFixed(2));
  console.log('| model | threads | aoti plugin (ms) | aoti first run (ms) | aoti load+prepare (ms) | interpreter (ms) | PyTorch aoti_load_package (ms) | aoti / PyTorch |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.model} | ${r.threads} | ${f(r.aoti.median)} | ${f(r.aoti.firstMs)} | ${f(r.aoti.prepareMs)} | ${f(r.interpreter?.median)} | ${f(r.torchAoti?.median)} | ${r.torchAoti ? f(r.aoti.median / r.torchAoti.median) : '—'} |`);
  }
  if (values.json) writeFileSync(values.json, JSON.stringify(rows, null, 1));
}

if (process.argv[2] === '--child') await child(process.argv.slice(3));
else await main();
