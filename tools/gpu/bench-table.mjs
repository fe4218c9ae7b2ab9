// Merges bench_torch.py and bench-cuda.mjs results into a markdown table (ratio = nativert / eager).
// usage: node tools/gpu/bench-table.mjs TORCH.json NATIVERT.json OUT.md
// Batch 32 runs each model's `<name>_b32` export where the corpus has none with a dynamic batch.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const [torchFile, ourFile, outFile] = process.argv.slice(2);
const torch = existsSync(torchFile) ? JSON.parse(readFileSync(torchFile, 'utf8')) : { results: [] };
const ours = existsSync(ourFile) ? JSON.parse(readFileSync(ourFile, 'utf8')) : [];
const fmt = (x) => (typeof x === 'number' ? x.toFixed(3) : 'n/a');
const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' && b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');
const lines = [
  `Device: ${torch.device ?? 'unknown'}; PyTorch ${torch.torch ?? '?'} eager CUDA (CUDA events, incl. H2D/D2H) vs nativert --delegates cuda,interpreter (wall, host in/out). Medians of 50 runs after 10 warm-up.`,
  '',
  'nativert ms = with CUDA-graph replay (default); "no graphs" = NATIVERT_CUDA_GRAPHS=0. Ratio = nativert (graphs) / PyTorch eager, both including H2D/D2H.',
  '',
  '| model | batch | eager ms | eager fwd ms | nativert ms | nativert ms, no graphs | ratio | eager b32 ms | nativert b32 ms | nativert b32, no graphs | ratio b32 | nodes by delegate / notes |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
];
for (const o of ours) {
  const t = torch.results.find((r) => r.model === o.model) ?? {};
  const parts = o.partitions_b32 && o.partitions_b32 !== o.partitions ? `${o.partitions}; b32 ${o.partitions_b32}` : o.partitions;
  const notes = [parts, o.error, t.error, o.b32_error && `b32: ${o.b32_error}`, t.error_b32 && `eager b32: ${t.error_b32}`].filter(Boolean).join('; ');
  lines.push(`| ${o.model} | ${o.batch ?? t.batch ?? ''} | ${fmt(t.ms)} | ${fmt(t.ms_fwd)} | ${fmt(o.ms)} | ${fmt(o.ms_eager)} | ${ratio(o.ms, t.ms)} | ${fmt(t.ms_b32)} | ${fmt(o.ms_b32)} | ${fmt(o.ms_b32_eager)} | ${ratio(o.ms_b32, t.ms_b32)} | ${notes} |`);
}
writeFileSync(outFile, `${lines.join('\n')}\n`);
