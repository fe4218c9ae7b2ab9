import type { RunnerOptions } from '../../runtime/runner-options.js';
import { parseDelegateList } from '../delegate-names.js';

/** Flags every model-loading command shares. */
export const LOAD_FLAGS = {
  model: { type: 'string' },
  delegates: { type: 'string' },
  threads: { type: 'string' },
  strict: { type: 'boolean' },
  'allow-native': { type: 'boolean' },
} as const;

/** Parsed values of {@link LOAD_FLAGS}. */
export interface LoadFlagValues {
  model?: string;
  delegates?: string;
  threads?: string;
  strict?: boolean;
  'allow-native'?: boolean;
}

/** RunnerOptions from the shared flags. */
export function runnerOptionsFrom(v: LoadFlagValues): RunnerOptions {
  const d = parseDelegateList(v.delegates);
  const threads = v.threads === undefined ? undefined : Number(v.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads > 0)) throw new Error(`--threads must be a positive integer, given '${v.threads}'`);
  return {
    ...(v.model !== undefined ? { modelName: v.model } : {}),
    ...(d ? { delegates: d.packages, order: d.order } : {}),
    ...(threads !== undefined ? { threads } : {}),
    strict: v.strict ?? false,
    allowNativeCode: v['allow-native'] ?? false,
  };
}
