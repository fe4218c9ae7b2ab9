import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { IrChoice } from '@nativert/core';
import { UsageError } from '@nativert/core';
import { formatCaseLine, formatOpTable, formatSummary } from '../conformance/format-report.js';
import { resolvePluginUnderTest } from '../conformance/plugin-under-test.js';
import { runConformance } from '../conformance/run-conformance.js';

/** Usage line of the `conformance` command. */
export const CONFORMANCE_USAGE = 'nativert-sdk conformance --plugin <lib.so | package | plugin.js | package dir> [--corpus DIR]... '
  + '[--filter REGEX] [--ir export|core|both] [--option key=value]... [--no-isolate] [--json F]';

/**
 * The corpus used when none is given: `../shared/corpus/torch-2.13` from cwd when present, else the
 * small models the package carries (`kit-corpus/`, copied in at pack time), else the same models in a
 * repository checkout.
 */
export function defaultCorpus(cwd: string = process.cwd()): string | undefined {
  const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const candidates = [resolve(cwd, '../shared/corpus/torch-2.13'), join(pkg, 'kit-corpus'), join(pkg, '..', 'tests', 'fixtures', 'models', 'torch-2.13')];
  return candidates.find((dir) => existsSync(dir));
}

/**
 * `nativert-sdk conformance`: runs the corpus with the plugin first and the interpreter behind
 * it, prints a line per case, a per-op table and a summary; exit code 1 when any case fails.
 */
export async function conformanceCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      plugin: { type: 'string' }, corpus: { type: 'string', multiple: true }, filter: { type: 'string' }, json: { type: 'string' },
      ir: { type: 'string', default: 'both' }, option: { type: 'string', multiple: true }, 'no-isolate': { type: 'boolean' },
    },
  });
  if (values.plugin === undefined) throw new UsageError(`--plugin is required\nusage: ${CONFORMANCE_USAGE}`);
  const ir = values.ir as IrChoice;
  if (!['export', 'core', 'both'].includes(ir)) throw new UsageError(`--ir must be export, core or both, given '${values.ir}'`);
  const corpus = values.corpus ?? [defaultCorpus()].filter((d): d is string => d !== undefined);
  if (corpus.length === 0) throw new UsageError('no corpus: ../shared/corpus/torch-2.13 does not exist here; pass --corpus DIR');
  for (const dir of corpus) if (!existsSync(dir)) throw new UsageError(`--corpus ${dir} does not exist`);
  const pluginOptions = parseOptions(values.option ?? []);

  const put = await resolvePluginUnderTest(values.plugin, pluginOptions);
  const name = put.plugin.name;
  console.log(`plugin '${name}' (${put.kind}: ${put.source}); delegate order [${name}, interpreter]; corpus ${corpus.join(', ')}`);
  const report = await runConformance(put, {
    corpus, ir, pluginOptions, isolate: !values['no-isolate'],
    ...(values.filter === undefined ? {} : { filter: new RegExp(values.filter) }),
    onCase: (r) => console.log(formatCaseLine(r, name)),
  });
  if (report.cases.length === 0) throw new UsageError(`no cases in ${corpus.join(', ')}${values.filter ? ` matching /${values.filter}/` : ''}`);
  console.log('');
  for (const line of formatOpTable(report.ops, name)) console.log(line);
  console.log('');
  console.log(formatSummary(report));
  if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 1));
  return report.summary.failed > 0 ? 1 : 0;
}

/** `key=value` pairs; a value is JSON when it parses (`3`, `true`), else the text itself. */
function parseOptions(pairs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError(`--option must be key=value, given '${p}'`);
    const text = p.slice(eq + 1);
    let value: unknown = text;
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      // Not JSON: the plain string.
    }
    out[p.slice(0, eq)] = value;
  }
  return out;
}
