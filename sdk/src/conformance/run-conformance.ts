import type { CaseManifest, CaseResult, ConformanceCase, DelegatePlugin, IrChoice, Logger, Tensor } from '@nativert/core';
import { ModelRunner, discoverCases, flattenTree, loadModel, loadPluginPackage, loadSafetensors, readManifest, runCase } from '@nativert/core';
import type { ConformanceReport, PluginCaseResult, PluginPlacement } from './conformance-report.js';
import { opReports, placementOf, summarize } from './conformance-report.js';
import type { PluginUnderTest } from './plugin-under-test.js';

/** The fallback delegate's package: it runs every node the plugin does not claim. */
export const FALLBACK_PACKAGE = '@nativert/interpreter';

/** Options of {@link runConformance}. */
export interface ConformanceOptions {
  /** Corpus folders (`<name>.pt2` with `<name>.io.safetensors` and `<name>.json` beside it). */
  readonly corpus: readonly string[];
  /** Runs only cases whose name matches. */
  readonly filter?: RegExp;
  /** Export IR, core ATen IR archives, or both (default). */
  readonly ir?: IrChoice;
  /** Options given to the plugin's `create`, `getCapability` and `prepare`. */
  readonly pluginOptions?: Readonly<Record<string, unknown>>;
  /** Re-run each failing case once per op the plugin ran, with that op alone on the plugin (default true). */
  readonly isolate?: boolean;
  /** Isolation is skipped for a failing case with more distinct ops on the plugin than this (default 24). */
  readonly maxIsolatedOps?: number;
  /** The fallback delegate (default: the {@link FALLBACK_PACKAGE} plugin). */
  readonly fallback?: DelegatePlugin;
  /** Called after each case, for progress output. */
  readonly onCase?: (result: PluginCaseResult) => void;
}

/** Results of one archive run once: one per input set, and where the plugin ran. */
interface Attempt {
  readonly results: readonly CaseResult[];
  readonly placement: PluginPlacement | null;
  readonly warnings: readonly string[];
  /** Set when loading or preparing the model failed as a whole. */
  readonly loadError?: string;
}

/**
 * Runs every corpus case with the delegate order [plugin, fallback] and reports per case whether
 * it matched PyTorch and how many nodes the plugin ran, and per op target how many nodes the
 * plugin claimed and refused (with reasons) and which failing cases it ran in. A case fails when
 * an output is off, the run throws, or the runtime had to leave the plugin out (it failed to
 * create, capability or prepare). Each plugin instance lives for one case.
 */
export async function runConformance(put: PluginUnderTest, options: ConformanceOptions): Promise<ConformanceReport> {
  const fallback = options.fallback ?? (await loadPluginPackage(FALLBACK_PACKAGE));
  const name = put.plugin.name;
  const cases: PluginCaseResult[] = [];
  for (const dir of options.corpus) {
    for (const c of discoverCases(dir, options.ir ?? 'both')) {
      if (options.filter && !options.filter.test(c.name)) continue;
      for (const r of await conformCase(c, put.plugin, fallback, options)) {
        cases.push(r);
        options.onCase?.(r);
      }
    }
  }
  return {
    plugin: { name, kind: put.kind, source: put.source },
    corpus: options.corpus,
    order: [name, fallback.name],
    cases,
    ops: opReports(cases),
    summary: summarize(cases),
  };
}

/** One archive: its input sets' results, with suspects isolated when a set fails. */
async function conformCase(c: ConformanceCase, plugin: DelegatePlugin, fallback: DelegatePlugin, options: ConformanceOptions): Promise<PluginCaseResult[]> {
  const label = c.name + (c.ir === 'export' ? '' : `[${c.ir}]`);
  let manifest: CaseManifest;
  let io: ReadonlyMap<string, Tensor>;
  try {
    manifest = readManifest(c.manifest);
    io = await loadSafetensors(c.io);
  } catch (e) {
    return [{ name: label, archive: c.archive, status: 'fail', error: `corpus case unreadable: ${(e as Error).message}`, maxAbsErr: null, ms: 0, placement: null, warnings: [] }];
  }
  const first = await attempt(c, manifest, io, plugin, fallback, options);
  const skipped = first.placement?.skipped;
  const base = first.results.length > 0
    ? first.results
    : [{ name: label, archive: c.archive, status: 'error' as const, maxAbsErr: null, ms: 0, error: first.loadError ?? 'no result' }];
  const failed = base.some((r) => r.status !== 'pass') || skipped !== undefined;
  const suspects = failed && skipped === undefined && first.placement && (options.isolate ?? true)
    ? await isolate(c, manifest, io, plugin, fallback, options, Object.keys(first.placement.claimed))
    : undefined;
  return base.map((r) => {
    const pass = r.status === 'pass' && skipped === undefined;
    const error = skipped ? `${plugin.name} was left out at ${skipped.stage}: ${skipped.reason}` : r.error;
    return {
      name: r.name, archive: c.archive, status: pass ? 'pass' : 'fail', maxAbsErr: r.maxAbsErr, ms: r.ms,
      ...(pass || error === undefined ? {} : { error }),
      placement: first.placement,
      ...(suspects ? { suspects } : {}),
      warnings: first.warnings,
    };
  });
}

/**
 * Ops that fail the case when each runs alone on the plugin (an allow list of that one op): the
 * likely wrong kernels. Empty when every op passes alone (the failure needs several together).
 */
async function isolate(
  c: ConformanceCase, manifest: CaseManifest, io: ReadonlyMap<string, Tensor>, plugin: DelegatePlugin, fallback: DelegatePlugin,
  options: ConformanceOptions, targets: readonly string[],
): Promise<string[] | undefined> {
  if (targets.length === 0 || targets.length > (options.maxIsolatedOps ?? 24)) return undefined;
  const suspects: string[] = [];
  for (const target of targets) {
    const alone = await attempt(c, manifest, io, plugin, fallback, options, target);
    if (alone.results.length === 0 || alone.results.some((r) => r.status !== 'pass') || alone.placement?.skipped !== undefined) suspects.push(target);
  }
  return suspects;
}

/** Loads the case with [plugin, fallback] (optionally letting the plugin claim op `only` alone) and runs it. */
async function attempt(
  c: ConformanceCase, manifest: CaseManifest, io: ReadonlyMap<string, Tensor>, plugin: DelegatePlugin, fallback: DelegatePlugin,
  options: ConformanceOptions, only?: string,
): Promise<Attempt> {
  const warnings: string[] = [];
  const logger: Logger = { warn: (m) => warnings.push(m), info: () => {}, debug: () => {} };
  let runner: ModelRunner;
  try {
    const model = await loadModel(c.archive, { modelName: manifest.modelName });
    runner = await ModelRunner.load(model, {
      delegates: [plugin, fallback],
      order: [plugin.name, fallback.name],
      pluginOptions: { [plugin.name]: options.pluginOptions ?? {} },
      ...(only === undefined ? {} : { opFilters: { [plugin.name]: { allow: [only] } } }),
      logger,
    });
  } catch (e) {
    return { results: [], placement: null, warnings, loadError: (e as Error).message };
  }
  try {
    const placement = placementOf(runner.partitionReport, plugin.name);
    const results = await runCase(c, manifest, io, runner, (v) => flattenTree(runner.program.outSpec, v, 'output'));
    return { results, placement, warnings };
  } finally {
    await runner.dispose();
  }
}
