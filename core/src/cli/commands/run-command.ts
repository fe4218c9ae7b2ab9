import { parseArgs } from 'node:util';
import type { ExportedProgram } from '../../ir/program.js';
import { unflattenOutputs } from '../../pytree/unflatten.js';
import { loadSafetensors } from '../../safetensors/read-safetensors.js';
import { saveSafetensors } from '../../safetensors/write-safetensors.js';
import { ModelRunner } from '../../runtime/model-runner.js';
import { isFloating } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/tensor.js';
import { describeValue, outputLeaves } from '../format-value.js';
import { partitionSummary } from '../report-text.js';
import type { LoadFlagValues } from './common-options.js';
import { LOAD_FLAGS, WORKER_FLAGS, runnerOptionsFrom, workerOptionFrom } from './common-options.js';

/** `nativert run <archive> [--inputs F] [--output F] ...`: runs a model once and prints its outputs. */
export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { ...LOAD_FLAGS, ...WORKER_FLAGS, inputs: { type: 'string' }, output: { type: 'string' } },
  });
  const archive = positionals[0];
  if (!archive) throw new Error('usage: nativert run <archive> [--model NAME] [--inputs F.safetensors] [--output F.safetensors] [--delegates a,b] [--threads N] [--worker] [--workers N]');
  const opts = runnerOptionsFrom(values as LoadFlagValues);
  const runner = await ModelRunner.load(archive, { ...opts, worker: workerOptionFrom(values) });
  try {
    let args: unknown[];
    let kwargs: Record<string, unknown>;
    if (values.inputs) {
      ({ args, kwargs } = inputsFromFile(await loadSafetensors(values.inputs)));
    } else {
      console.log('no --inputs: using inputs made from the graph\'s tensor metadata (floats in [-1, 1), ints and bools 0)');
      ({ args, kwargs } = syntheticInputs(runner.program));
    }
    const t0 = performance.now();
    const out = await runner.run(args, kwargs);
    const ms = performance.now() - t0;
    const leaves = outputLeaves(out);
    for (const [label, v] of leaves) console.log(describeValue(label, v));
    for (const line of partitionSummary(runner.partitionReport)) console.log(line);
    console.log(`run: ${ms.toFixed(2)} ms`);
    if (values.output) {
      const tensors = new Map<string, Tensor>();
      leaves.forEach(([, v], i) => { if (v instanceof Tensor) tensors.set(`out.${i}`, v); });
      await saveSafetensors(values.output, tensors);
      console.log(`wrote ${tensors.size} outputs to ${values.output}`);
    }
  } finally {
    await runner.dispose();
  }
  return 0;
}

/** Positional `in.<i>` and keyword `kw.<name>` tensors of a corpus-style io file. */
export function inputsFromFile(io: ReadonlyMap<string, Tensor>): { args: Tensor[]; kwargs: Record<string, Tensor> } {
  const args: Tensor[] = [];
  const kwargs: Record<string, Tensor> = {};
  for (const [key, t] of io) {
    const pos = /^in\.(\d+)$/.exec(key);
    if (pos) args[Number(pos[1])] = t;
    else if (key.startsWith('kw.')) kwargs[key.slice(3)] = t;
  }
  if (args.some((a) => a === undefined)) throw new Error(`inputs file has gaps in its in.<i> keys: ${[...io.keys()].join(', ')}`);
  return { args, kwargs };
}

/** Inputs shaped by the graph's metadata (symbolic dims at their export hint), arranged by in_spec. */
export function syntheticInputs(program: ExportedProgram): { args: unknown[]; kwargs: Record<string, unknown> } {
  let seed = 1;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const leaves = program.inputSpecs.flatMap((s): unknown[] => {
    if (s.kind !== 'user_input') return [];
    if (s.arg.kind !== 'tensor') return [s.arg.kind === 'int' || s.arg.kind === 'float' ? s.arg.value : null];
    const meta = program.graph.tensorMeta(s.arg.name);
    if (!meta) throw new Error(`input '${s.arg.name}' has no tensor metadata; pass --inputs`);
    const shape = meta.sizes.map((d) => (typeof d === 'number' ? d : d.hint ?? 2));
    const n = shape.reduce((a, b) => a * b, 1);
    const vals = Array.from({ length: n }, () => (isFloating(meta.dtype) ? rand() : 0));
    return [Tensor.fromNumbers(meta.dtype, shape, vals)];
  });
  const tree = unflattenOutputs(program.inSpec, leaves) as [unknown[], Record<string, unknown>];
  return { args: tree[0], kwargs: tree[1] ?? {} };
}
