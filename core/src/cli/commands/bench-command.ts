import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { OnnxBaseline } from '../../bench/onnx-session.js';
import type { TimingStats } from '../../bench/timing.js';
import { peakRssMB, timeInterleaved, timeRuns } from '../../bench/timing.js';
import { flattenInputs } from '../../pytree/flatten.js';
import { loadSafetensors } from '../../safetensors/read-safetensors.js';
import { ModelRunner } from '../../runtime/model-runner.js';
import { Tensor } from '../../tensor/tensor.js';
import type { LoadFlagValues } from './common-options.js';
import { LOAD_FLAGS, WORKER_FLAGS, runnerOptionsFrom, workerOptionFrom } from './common-options.js';
import { inputsFromFile, syntheticInputs } from './run-command.js';

/** What `--json` writes. `ratio` is ours.median / onnx.median. */
export interface BenchReport {
  archive: string;
  threads: number;
  loadMs: number;
  ours: TimingStats & { peakRssMB: number };
  onnx?: TimingStats;
  ratio?: number;
  /** With `--worker`: the same runs in worker threads, timed alternately with ours; `overheadMs` is the difference of medians. */
  worker?: TimingStats & { workers: number; overheadMs: number };
}

/**
 * `nativert bench <archive> [--inputs F] [--onnx F.onnx] [--threads N] [--runs N] [--json F]`:
 * times our runner and, given `--onnx`, onnxruntime-node on identical inputs in the same process.
 * With `--worker [--workers N]`, also times the runner in worker threads, run for run alternately
 * with the in-thread one, and reports the worker hop's overhead.
 */
export async function benchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      ...LOAD_FLAGS, ...WORKER_FLAGS, inputs: { type: 'string' }, onnx: { type: 'string' }, runs: { type: 'string', default: '30' },
      warmup: { type: 'string', default: '5' }, json: { type: 'string' },
    },
  });
  const archive = positionals[0];
  if (!archive) throw new Error('usage: nativert bench <archive> [--inputs F] [--onnx F.onnx] [--threads N] [--runs N] [--warmup N] [--worker] [--workers N] [--json F]');
  const runs = positiveInt(values.runs!, '--runs');
  const warmup = positiveInt(values.warmup!, '--warmup', true);
  const opts = runnerOptionsFrom(values as LoadFlagValues);
  const threads = opts.threads ?? 1;
  const t0 = performance.now();
  const runner = await ModelRunner.load(archive, { ...opts, threads });
  const loadMs = performance.now() - t0;
  const { model } = runner;
  const { args, kwargs } = values.inputs ? inputsFromFile(await loadSafetensors(values.inputs)) : syntheticInputs(model.program);
  const worker = workerOptionFrom(values);
  const inWorker = worker && await ModelRunner.load(archive, { ...opts, threads, worker });
  const [ours, off] = inWorker
    ? await timeInterleaved([() => runner.run(args, kwargs), () => inWorker.run(args, kwargs)], warmup, runs)
    : [await timeRuns(() => runner.run(args, kwargs), warmup, runs)];
  const report: BenchReport = { archive, threads, loadMs, ours: { ...ours, peakRssMB: peakRssMB() } };
  console.log(`ours:  median ${ours.median.toFixed(3)} ms  (min ${ours.min.toFixed(3)}, max ${ours.max.toFixed(3)}, ${runs} runs, ${threads} thread(s)); load+plan ${loadMs.toFixed(1)} ms; peak RSS ${report.ours.peakRssMB.toFixed(0)} MB`);
  if (inWorker && off) {
    report.worker = { ...off, workers: worker.workers ?? 1, overheadMs: off.median - ours.median };
    console.log(`worker: median ${off.median.toFixed(3)} ms  (min ${off.min.toFixed(3)}, max ${off.max.toFixed(3)}; alternated with in-thread runs); overhead ${report.worker.overheadMs.toFixed(3)} ms per run`);
    await inWorker.dispose();
  }
  if (values.onnx) {
    const flat = flattenInputs(model.program.inSpec, args, kwargs).filter((v): v is Tensor => v instanceof Tensor);
    const onnx = await OnnxBaseline.create(values.onnx, flat, threads);
    report.onnx = await timeRuns(() => onnx.run(), warmup, runs);
    report.ratio = ours.median / report.onnx.median;
    await onnx.release();
    console.log(`onnx:  median ${report.onnx.median.toFixed(3)} ms  (min ${report.onnx.min.toFixed(3)}, max ${report.onnx.max.toFixed(3)})`);
    console.log(`ratio: ${report.ratio.toFixed(2)} (ours / onnxruntime-node)`);
  }
  await runner.dispose();
  if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 1));
  return 0;
}

function positiveInt(text: string, flag: string, allowZero = false): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) throw new Error(`${flag} must be a ${allowZero ? 'non-negative' : 'positive'} integer, given '${text}'`);
  return n;
}
