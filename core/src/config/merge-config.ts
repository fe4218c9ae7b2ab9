import type { NativertConfig } from './nativert-config.js';

/** Merges two records of records key by key, `over`'s inner values winning. */
function mergeNested<T extends object>(a: Readonly<Record<string, T>> | undefined, b: Readonly<Record<string, T>> | undefined): Record<string, T> | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  const out: Record<string, T> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = { ...out[k], ...v };
  return out;
}

/**
 * `over` on top of `base` (CLI flags over the config file): scalar and list fields of `over` win
 * where given (undefined ones do not erase `base`); `placement` merges by node, `pluginOptions` by delegate then key, `opFilters` by
 * delegate then `allow`/`deny`.
 */
export function mergeConfig(base: NativertConfig, over: NativertConfig): NativertConfig {
  const placement = base.placement === undefined || over.placement === undefined ? base.placement ?? over.placement : { ...base.placement, ...over.placement };
  const pluginOptions = mergeNested(base.pluginOptions, over.pluginOptions);
  const opFilters = mergeNested(base.opFilters, over.opFilters);
  return {
    ...base,
    ...Object.fromEntries(Object.entries(over).filter(([, v]) => v !== undefined)),
    ...(placement ? { placement } : {}),
    ...(pluginOptions ? { pluginOptions } : {}),
    ...(opFilters ? { opFilters } : {}),
  };
}
