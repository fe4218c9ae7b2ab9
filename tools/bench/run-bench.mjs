// `npm run bench`: times each benchmark model at 1 and 2 threads with our runner and
// onnxruntime-node (same process, same inputs: `nativert bench`) and PyTorch eager
// (tools/bench/torch_timing.py through /work/main/.venv), then writes docs/benchmarks.md and
// docs/benchmarks.svg. Each measurement runs in its own process so peak RSS is per model.
// Environment: NATIVERT_BENCH_RUNS (default 40), NATIVERT_BENCH_RESNET (folder holding resnet18.pt2,
// default /tmp/resnet; made with the corpus generator when missing), NATIVERT_BENCH_PYTHON.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = resolve(root, '../shared/corpus/torch-2.13');
const resnetDir = process.env.NATIVERT_BENCH_RESNET ?? '/tmp/resnet';
const python = process.env.NATIVERT_BENCH_PYTHON ?? join(root, '.venv/bin/python');
const runs = Number(process.env.NATIVERT_BENCH_RUNS ?? 40);
// Enough warm-up for V8 to optimize the graph loop and for the plans' buffer arenas to fill.
const WARMUP = 20;
const THREADS = [1, 2];
// ResNet-18 at 224x224: 1.814 G multiply-adds.
const RESNET_FLOPS = 2 * 1.814e9;

const models = [
  ...['bert_tiny', 'gpt2_tiny_dynamic_seq', 'whisper_encoder_tiny', 'mobilenet_v3_small'].map((name) => ({ name, dir: corpus })),
  { name: 'resnet18', dir: resnetDir },
];

function ensureResnet() {
  if (existsSync(join(resnetDir, 'resnet18.pt2')) || !existsSync(python)) return;
  console.log('making resnet18 with the corpus generator (needs torchvision)...');
  execFileSync(python, [resolve(root, '../shared/corpus/gen/gen_corpus.py'), '--out', resnetDir, '--cases', 'resnet18', '--onnx', '--isolate'], { stdio: 'inherit' });
}

function ours(m, threads, tmp) {
  const json = join(tmp, `${m.name}-${threads}.json`), base = join(m.dir, m.name);
  execFileSync(process.execPath, [join(root, 'core/dist/cli/main.js'), 'bench', `${base}.pt2`, '--inputs', `${base}.io.safetensors`,
    '--onnx', `${base}.onnx`, '--threads', String(threads), '--runs', String(runs), '--warmup', String(WARMUP), '--json', json], { stdio: ['ignore', 'ignore', 'inherit'] });
  return JSON.parse(readFileSync(json, 'utf8'));
}

function torchEager(m, threads) {
  if (!existsSync(python)) return null;
  const base = join(m.dir, m.name);
  try {
    const out = execFileSync(python, [join(root, 'tools/bench/torch_timing.py'), `${base}.pt2`, '--inputs', `${base}.io.safetensors`,
      '--threads', String(threads), '--runs', String(runs), '--warmup', String(WARMUP)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    return JSON.parse(out.trim().split('\n').pop());
  } catch {
    return null;
  }
}

const fmt = (v, d = 2) => (v === undefined || v === null ? '—' : v.toFixed(d));

function svg(rows) {
  const w = 720, barH = 16, gap = 6, left = 230, scale = (w - left - 60) / Math.max(2, ...rows.map((r) => r.ratio ?? 0));
  const h = 50 + rows.length * (barH + gap);
  const bars = rows.map((r, i) => {
    const y = 40 + i * (barH + gap), len = Math.max(1, (r.ratio ?? 0) * scale);
    const color = (r.ratio ?? Infinity) <= 1 ? '#2a9d4b' : '#d1495b';
    return `<text x="${left - 8}" y="${y + 12}" text-anchor="end">${r.model} (${r.threads}t)</text>`
      + `<rect x="${left}" y="${y}" width="${len.toFixed(1)}" height="${barH}" fill="${color}"/>`
      + `<text x="${(left + len + 4).toFixed(1)}" y="${y + 12}">${fmt(r.ratio)}×</text>`;
  }).join('\n  ');
  const one = left + scale;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="12">
  <text x="10" y="20" font-size="14">nativert-ts median latency / onnxruntime-node (lower is better; line = 1.0×)</text>
  ${bars}
  <line x1="${one.toFixed(1)}" y1="32" x2="${one.toFixed(1)}" y2="${h - 6}" stroke="#333" stroke-dasharray="4 3"/>
</svg>
`;
}

function main() {
  ensureResnet();
  const tmp = mkdtempSync(join(tmpdir(), 'nativert-bench-'));
  // Leave nothing behind in /tmp, whichever way the run ends.
  process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
  const rows = [];
  for (const m of models) {
    if (!existsSync(join(m.dir, `${m.name}.pt2`))) {
      console.log(`skip ${m.name}: ${join(m.dir, m.name)}.pt2 not found`);
      continue;
    }
    for (const threads of THREADS) {
      const r = ours(m, threads, tmp), t = torchEager(m, threads);
      const row = {
        model: m.name, threads, ours: r.ours.median, ort: r.onnx?.median, ratio: r.ratio, torch: t?.median,
        torchRatio: t ? r.ours.median / t.median : undefined, rss: r.ours.peakRssMB, loadMs: r.loadMs,
      };
      rows.push(row);
      console.log(`${m.name} ${threads}t: ours ${fmt(row.ours)} ms, ORT ${fmt(row.ort)} ms (${fmt(row.ratio)}×), torch ${fmt(row.torch)} ms (${fmt(row.torchRatio)}×), load+plan ${fmt(row.loadMs, 0)} ms`);
    }
  }
  const mhz = Number(/cpu MHz\s*:\s*([\d.]+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 0);
  const peak = (threads) => threads * mhz * 1e6 * 32;  // 2 FMA units x 8 float32 lanes x 2 flops per cycle
  const resnet = rows.filter((r) => r.model === 'resnet18');
  const lines = [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench\` (tools/bench/run-bench.mjs) on ${new Date().toISOString().slice(0, 10)}: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores,`,
    `Node ${process.version}. Medians of ${runs} runs after ${WARMUP} warm-up runs (ours, ORT and PyTorch); ours and onnxruntime-node (graph optimizations on,`,
    'intra-op threads = threads) run in one process on identical inputs (`nativert bench`); PyTorch eager runs',
    '`torch.export.load(...).module()` under `torch.inference_mode()` with `torch.set_num_threads(threads)`.',
    'Ratios are ours / theirs (lower is better). Peak RSS is our process (which also holds the ORT session).',
    'The host is shared with other builds: compare ratios from one run, not absolute times across runs.',
    '',
    '| model | threads | ours median (ms) | ORT median (ms) | ours/ORT | PyTorch median (ms) | ours/PyTorch | peak RSS (MB) | load+plan (ms) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.model} | ${r.threads} | ${fmt(r.ours)} | ${fmt(r.ort)} | ${fmt(r.ratio)} | ${fmt(r.torch)} | ${fmt(r.torchRatio)} | ${fmt(r.rss, 0)} | ${fmt(r.loadMs, 0)} |`),
    '',
    '## ResNet-18 arithmetic',
    '',
    `${(RESNET_FLOPS / 1e9).toFixed(2)} GFLOP per image (1.814 G multiply-adds). Peak = threads x ${mhz.toFixed(0)} MHz x 32 float32 flops/cycle (AVX2, two FMA ports).`,
    '',
    '| threads | ours GFLOP/s | fraction of peak | ORT GFLOP/s |',
    '|---:|---:|---:|---:|',
    ...resnet.map((r) => `| ${r.threads} | ${fmt(RESNET_FLOPS / r.ours / 1e6, 1)} | ${fmt(RESNET_FLOPS / r.ours / 1e6 / (peak(r.threads) / 1e9), 2)} | ${r.ort ? fmt(RESNET_FLOPS / r.ort / 1e6, 1) : '—'} |`),
    '',
    '![ours / ORT](benchmarks.svg)',
    '',
  ];
  // Sections other engineers append after ours (GPU results) are kept as they are.
  const mdPath = join(root, 'docs/benchmarks.md');
  const previous = existsSync(mdPath) ? readFileSync(mdPath, 'utf8') : '';
  const gpu = previous.indexOf('\n## GPU (CUDA)');
  writeFileSync(mdPath, lines.join('\n') + (gpu >= 0 ? previous.slice(gpu + 1) : ''));
  writeFileSync(join(root, 'docs/benchmarks.svg'), svg(rows));
  console.log('wrote docs/benchmarks.md and docs/benchmarks.svg');
}

main();
