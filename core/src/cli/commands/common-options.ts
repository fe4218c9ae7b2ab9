import { findConfigFile, readConfigFile } from '../../config/config-file.js';
import { runnerOptionsFromConfig } from '../../config/config-options.js';
import { mergeConfig } from '../../config/merge-config.js';
import type { NativertConfig } from '../../config/nativert-config.js';
import type { OpFilter } from '../../config/op-filter.js';
import type { RunnerOptions } from '../../runtime/runner-options.js';
import type { WorkerOptions } from '../../runtime/worker-options.js';
import { parseDelegateList } from '../delegate-names.js';

/** Flags every model-loading command shares. */
export const LOAD_FLAGS = {
  model: { type: 'string' },
  config: { type: 'string' },
  delegates: { type: 'string' },
  threads: { type: 'string' },
  strict: { type: 'boolean' },
  // A flag of its own rather than parseArgs' allowNegative, so every command gets it unchanged.
  'no-strict': { type: 'boolean' },
  'allow-native': { type: 'boolean' },
  'plugin-option': { type: 'string', multiple: true },
  place: { type: 'string', multiple: true },
  'op-allow': { type: 'string', multiple: true },
  'op-deny': { type: 'string', multiple: true },
} as const;

/** Flags of the commands that can run the model in worker threads (`run`, `bench`). */
export const WORKER_FLAGS = {
  worker: { type: 'boolean' },
  workers: { type: 'string' },
} as const;

/** The `worker` load option `--worker` / `--workers N` ask for; undefined when neither is given. */
export function workerOptionFrom(v: { worker?: boolean; workers?: string }): WorkerOptions | undefined {
  if (v.workers === undefined) return v.worker ? {} : undefined;
  const workers = Number(v.workers);
  if (!(Number.isInteger(workers) && workers > 0)) throw new Error(`--workers must be a positive integer, given '${v.workers}'`);
  return { workers };
}

/** Usage text of {@link LOAD_FLAGS} (less `--model`), for the commands' help lines. */
export const LOAD_FLAGS_USAGE = '[--config F] [--delegates a,b] [--threads N] [--strict|--no-strict] [--allow-native] '
  + '[--plugin-option D.key=value]... [--place node=D]... [--op-allow D=pat,pat]... [--op-deny D=pat,pat]...';

/** Parsed values of {@link LOAD_FLAGS}. */
export interface LoadFlagValues {
  model?: string;
  config?: string;
  delegates?: string;
  threads?: string;
  strict?: boolean;
  'no-strict'?: boolean;
  'allow-native'?: boolean;
  'plugin-option'?: string[];
  place?: string[];
  'op-allow'?: string[];
  'op-deny'?: string[];
}

/**
 * RunnerOptions from the shared flags over the config file (`--config F`, else
 * `nativert.config.json` in `cwd` when present): flags win field by field.
 */
export function runnerOptionsFrom(v: LoadFlagValues, cwd: string = process.cwd()): RunnerOptions {
  const file = v.config ?? findConfigFile(cwd);
  const base = file === undefined ? {} : readConfigFile(file);
  const opts = runnerOptionsFromConfig(mergeConfig(base, configFromFlags(v)));
  return { ...(v.model !== undefined ? { modelName: v.model } : {}), ...opts };
}

/** The config fields the flags set; fields whose flag is absent stay undefined. */
export function configFromFlags(v: LoadFlagValues): NativertConfig {
  const d = parseDelegateList(v.delegates);
  const threads = v.threads === undefined ? undefined : Number(v.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads > 0)) throw new Error(`--threads must be a positive integer, given '${v.threads}'`);
  if (v.strict && v['no-strict']) throw new Error('--strict and --no-strict contradict each other');
  const strict = v.strict ? true : v['no-strict'] ? false : undefined;
  const placement = pairs('--place', 'node=delegate', v.place);
  const pluginOptions: Record<string, Record<string, unknown>> = {};
  for (const [lhs, value] of pairs('--plugin-option', 'delegate.key=value', v['plugin-option']) ?? []) {
    const dot = lhs.indexOf('.');
    if (dot <= 0 || dot === lhs.length - 1) throw new Error(`--plugin-option must be delegate.key=value, given '${lhs}=${value}'`);
    (pluginOptions[lhs.slice(0, dot)] ??= {})[lhs.slice(dot + 1)] = parseOptionValue(value);
  }
  const opFilters: Record<string, OpFilter> = {};
  for (const [flag, field] of [['op-allow', 'allow'], ['op-deny', 'deny']] as const) {
    for (const [delegate, list] of pairs(`--${flag}`, 'delegate=pattern,pattern', v[flag]) ?? []) {
      const patterns = list.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
      opFilters[delegate] = { ...opFilters[delegate], [field]: [...(opFilters[delegate]?.[field] ?? []), ...patterns] };
    }
  }
  return {
    ...(d ? { delegates: d.order } : {}),
    ...(threads !== undefined ? { threads } : {}),
    ...(strict !== undefined ? { strict } : {}),
    ...(v['allow-native'] !== undefined ? { allowNativeCode: v['allow-native'] } : {}),
    ...(placement ? { placement: Object.fromEntries(placement) } : {}),
    ...(Object.keys(pluginOptions).length > 0 ? { pluginOptions } : {}),
    ...(Object.keys(opFilters).length > 0 ? { opFilters } : {}),
  };
}

/** Splits repeated `key=value` flag values at the first `=`; undefined when the flag is absent. */
function pairs(flag: string, form: string, values: readonly string[] | undefined): [string, string][] | undefined {
  return values?.map((s) => {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new Error(`${flag} must be ${form}, given '${s}'`);
    return [s.slice(0, eq), s.slice(eq + 1)];
  });
}

/** A plugin option value: JSON when it parses (`3`, `true`, `"x"`, `[1,2]`), else the string itself. */
function parseOptionValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
