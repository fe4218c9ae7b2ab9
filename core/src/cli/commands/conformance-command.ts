import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadModel } from '../../archive/load-model.js';
import type { IrChoice } from '../../conformance/discover.js';
import { discoverCases } from '../../conformance/discover.js';
import { readManifest } from '../../conformance/manifest.js';
import type { CaseResult } from '../../conformance/run-case.js';
import { runCase } from '../../conformance/run-case.js';
import { loadSafetensors } from '../../safetensors/read-safetensors.js';
import type { LoadedModel } from '../../model/loaded-model.js';
import { DEFAULT_PLUGIN_PACKAGES } from '../../runtime/delegate-setup.js';
import { ModelRunner } from '../../runtime/model-runner.js';
import { outputLeaves } from '../format-value.js';
import type { LoadFlagValues } from './common-options.js';
import { LOAD_FLAGS, runnerOptionsFrom } from './common-options.js';

const USAGE = 'usage: nativert conformance <dir>... [--filter REGEX] [--ir export|core|both] [--aoti] [--delegates a,b] [--json F] [--known-failures F]';

/**
 * `nativert conformance <dir>...`: runs every archive with an io file and manifest beside it,
 * compares with the manifest tolerances, prints a line per case and a summary; exit code 1 when
 * any case failed that the known-failures file does not list.
 */
export async function conformanceCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      ...LOAD_FLAGS, filter: { type: 'string' }, ir: { type: 'string', default: 'export' }, json: { type: 'string' },
      aoti: { type: 'boolean' }, 'known-failures': { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new Error(USAGE);
  const ir = values.ir as IrChoice;
  if (!['export', 'core', 'both'].includes(ir)) throw new Error(`--ir must be export, core or both, given '${values.ir}'`);
  const filter = values.filter ? new RegExp(values.filter) : undefined;
  const known = readKnownFailures(values['known-failures']);
  const opts = runnerOptionsFrom(values as LoadFlagValues);
  const results: CaseResult[] = [];
  for (const dir of positionals) {
    for (const c of discoverCases(dir, ir, values.aoti ?? false)) {
      if (filter && !filter.test(c.name)) continue;
      const manifest = readManifest(c.manifest);
      let caseResults: CaseResult[];
      try {
        const model = c.ir === 'aoti' ? await loadAotiCase(c.archive, opts.allowNativeCode ?? false) : await loadModel(c.archive, { modelName: manifest.modelName });
        const runner = await ModelRunner.load(model, c.ir === 'aoti' && !opts.delegates ? { ...opts, delegates: [AOTI_PACKAGE, ...DEFAULT_PLUGIN_PACKAGES] } : opts);
        const delegates = Object.fromEntries(runner.partitionReport.delegates.map((d) => [d.delegate, d.nodes]));
        try {
          const io = await loadSafetensors(c.io);
          caseResults = (await runCase(c, manifest, io, runner, (v) => outputLeaves(v).map(([, x]) => x))).map((r) => ({ ...r, delegates }));
        } finally {
          await runner.dispose();
        }
      } catch (e) {
        caseResults = [{ name: c.name + (c.ir === 'export' ? '' : `[${c.ir}]`), archive: c.archive, status: 'error', maxAbsErr: null, ms: 0, error: (e as Error).message }];
      }
      for (const r of caseResults) {
        const reason = known.get(r.name);
        const marked: CaseResult = reason !== undefined && r.status !== 'pass' ? { ...r, knownFailure: true } : r;
        results.push(marked);
        console.log(formatLine(marked, reason));
      }
    }
  }
  const count = (s: CaseResult['status']) => results.filter((r) => r.status === s).length;
  const failed = results.filter((r) => (r.status === 'fail' || r.status === 'error') && !r.knownFailure).length;
  const knownFailed = results.filter((r) => r.knownFailure).length;
  if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 1));
  console.log(`${count('pass')} passed, ${count('fail') + count('error')} failed${knownFailed ? ` (${knownFailed} known)` : ''}, ${count('skip')} skipped`);
  return failed > 0 ? 1 : 0;
}

function formatLine(r: CaseResult, knownReason: string | undefined): string {
  const status = r.knownFailure ? 'KNOWN' : r.status.toUpperCase();
  const err = r.maxAbsErr === null ? '' : ` maxAbsErr=${r.maxAbsErr.toExponential(2)}`;
  const where = r.delegates ? ` [${Object.entries(r.delegates).map(([d, n]) => `${d}:${n}`).join(' ')}]` : '';
  const tail = r.error ? `: ${r.error.split('\n')[0]}` : '';
  const stale = knownReason !== undefined && r.status === 'pass' ? ' (listed as a known failure: remove it)' : '';
  return `${status.padEnd(5)} ${r.name.padEnd(34)} ${r.ms.toFixed(1).padStart(8)} ms${err}${where}${tail}${stale}`;
}

/** Case name → reason, from a JSON object file; empty when no file is given. */
function readKnownFailures(path: string | undefined): Map<string, string> {
  if (path === undefined) return new Map();
  if (!existsSync(path)) throw new Error(`--known-failures: no file ${path}`);
  return new Map(Object.entries(JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>));
}

/** The plugin package that loads and runs AOTI-only packages (imported by name: no static plugin import in core). */
const AOTI_PACKAGE = '@nativert/aoti';

/** Loads `<name>.aoti_cpu.pt2` through the aoti plugin's `loadAotiPackage`. */
async function loadAotiCase(archive: string, allowNativeCode: boolean): Promise<LoadedModel> {
  const specifier: string = AOTI_PACKAGE;
  const mod = (await import(specifier)) as { loadAotiPackage?: (path: string, options: { allowNativeCode: boolean }) => Promise<LoadedModel> };
  if (!mod.loadAotiPackage) throw new Error(`${AOTI_PACKAGE} does not export loadAotiPackage`);
  return mod.loadAotiPackage(archive, { allowNativeCode });
}
