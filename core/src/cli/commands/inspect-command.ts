import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { loadModel } from '../../archive/load-model.js';
import type { Argument } from '../../ir/argument.js';
import type { Graph } from '../../ir/graph.js';
import type { LoadedModel } from '../../model/loaded-model.js';
import type { PartitionReport } from '../../partition/partition-report.js';
import { ModelRunner } from '../../runtime/model-runner.js';
import { buildPartitionView } from '../../views/partition-view.js';
import { renderPartitionDot } from '../../views/render-dot.js';
import { renderPartitionHtml } from '../../views/render-html.js';
import { valueTypeText } from '../../views/value-type.js';
import { partitionDetail, partitionSummary } from '../report-text.js';
import type { LoadFlagValues } from './common-options.js';
import { LOAD_FLAGS, LOAD_FLAGS_USAGE, runnerOptionsFrom } from './common-options.js';

const FORMATS = ['text', 'json', 'dot', 'html'];

/**
 * `nativert inspect <archive> [--partition] [--format text|json|dot|html]`: signature, op counts,
 * partition. `dot` and `html` draw the partition (they imply `--partition`) to stdout.
 */
export async function inspectCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { ...LOAD_FLAGS, partition: { type: 'boolean' }, format: { type: 'string', default: 'text' } },
  });
  const archive = positionals[0];
  if (!archive) throw new Error(`usage: nativert inspect <archive> [--model NAME] [--partition] [--format ${FORMATS.join('|')}] ${LOAD_FLAGS_USAGE}`);
  const format = values.format!;
  if (!FORMATS.includes(format)) throw new Error(`--format must be one of ${FORMATS.join(', ')}, given '${format}'`);
  const opts = runnerOptionsFrom(values as LoadFlagValues);
  const model = await loadModel(archive, { modelName: opts.modelName });
  let report: PartitionReport | undefined;
  if (values.partition || format === 'dot' || format === 'html') {
    const runner = await ModelRunner.load(model, opts);
    report = runner.partitionReport;
    await runner.dispose();
  }
  if (report && (format === 'dot' || format === 'html')) {
    const view = buildPartitionView(model.program, report, `Partition of model '${model.name}' of ${basename(archive)}`);
    process.stdout.write(format === 'dot' ? renderPartitionDot(view) : renderPartitionHtml(view));
    return 0;
  }
  const info = describeModel(model);
  if (format === 'json') {
    console.log(JSON.stringify({ ...info, ...(report ? { partition: report } : {}) }, null, 2));
    return 0;
  }
  console.log(`model '${info.model}' of ${archive} (models: ${info.models.join(', ')}; schema ${info.schemaVersion})`);
  console.log('inputs:');
  for (const i of info.inputs) console.log(`  ${i.kind.padEnd(15)} ${i.name.padEnd(24)} ${i.type}`);
  console.log('outputs:');
  for (const o of info.outputs) console.log(`  ${o.kind.padEnd(15)} ${o.name.padEnd(24)} ${o.type}`);
  if (Object.keys(info.rangeConstraints).length > 0) console.log(`range constraints: ${Object.entries(info.rangeConstraints).map(([k, r]) => `${k} in [${r.min}, ${r.max}]`).join(', ')}`);
  console.log(`ops (${info.nodeCount} nodes):`);
  for (const [op, n] of Object.entries(info.ops)) console.log(`  ${String(n).padStart(5)}  ${op}`);
  if (report) {
    for (const line of partitionSummary(report)) console.log(line);
    for (const line of partitionDetail(report)) console.log(line);
  }
  return 0;
}

interface SignatureEntry { kind: string; name: string; type: string }

/** Signature, op counts (subgraphs included) and range constraints of a loaded model. */
function describeModel(model: LoadedModel) {
  const p = model.program;
  const g = p.graph;
  const ops: Record<string, number> = {};
  let nodeCount = 0;
  const count = (graph: Graph) => {
    for (const n of graph.nodes) {
      ops[n.target] = (ops[n.target] ?? 0) + 1;
      nodeCount++;
      for (const i of n.inputs) if (i.arg.kind === 'graph') count(i.arg.graph);
    }
  };
  count(g);
  const typeOf = (arg: Argument | string): string => {
    const name = typeof arg === 'string' ? arg : arg.kind === 'tensor' ? arg.name : undefined;
    if (name === undefined) return typeof arg === 'string' ? '' : arg.kind;
    return g.tensorMeta(name) ? valueTypeText(g, name) : '';
  };
  const inputs: SignatureEntry[] = p.inputSpecs.map((s) => {
    if (s.kind === 'user_input') return { kind: s.kind, name: s.arg.kind === 'tensor' ? s.arg.name : s.arg.kind, type: typeOf(s.arg) };
    if ('target' in s) return { kind: s.kind, name: s.target, type: typeOf(s.name) };
    return { kind: s.kind, name: s.name, type: '' };
  });
  const outputs: SignatureEntry[] = p.outputSpecs.map((s) => {
    if (s.kind === 'user_output') return { kind: s.kind, name: s.arg.kind === 'tensor' ? s.arg.name : s.arg.kind, type: typeOf(s.arg) };
    return { kind: s.kind, name: 'target' in s ? `${s.name} -> ${s.target}` : s.name, type: typeOf(s.name) };
  });
  const sortedOps = Object.fromEntries(Object.entries(ops).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
  return {
    model: model.name, models: [...model.modelNames], schemaVersion: `${p.schemaVersion.major}.${p.schemaVersion.minor}`,
    inputs, outputs, ops: sortedOps, nodeCount,
    rangeConstraints: Object.fromEntries([...p.rangeConstraints].map(([k, r]) => [k, { min: r.min, max: r.max === Infinity ? 'inf' : r.max }])),
  };
}
