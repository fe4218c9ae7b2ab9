import type { PluginOptions } from '../registry/delegate-registry.js';
import type { OpFilters } from './op-filter.js';

/**
 * The integrator's settings, as written in `nativert.config.json` and built from CLI flags: the
 * same fields as {@link RunnerOptions}, in JSON-friendly form. Every field is optional.
 */
export interface NativertConfig {
  /** Delegate names (`mtia-stub`) or plugin package names, first asked first. */
  readonly delegates?: readonly string[];
  /** Delegate names in the order to ask them (default: `delegates`). */
  readonly order?: readonly string[];
  /** Forbid fallback: the first delegate must run every node. */
  readonly strict?: boolean;
  /** Intra-op threads delegates may use. */
  readonly threads?: number;
  /** Node name → the delegate that must run it. */
  readonly placement?: Readonly<Record<string, string>>;
  /** Options per delegate name, given to its plugin. */
  readonly pluginOptions?: PluginOptions;
  /** Per-delegate op allow/deny lists. */
  readonly opFilters?: OpFilters;
  /** Allow plugins to load native code shipped inside archives. */
  readonly allowNativeCode?: boolean;
}

/** Field names of {@link NativertConfig}, in documentation order. */
export const CONFIG_FIELDS: readonly (keyof NativertConfig)[] = ['delegates', 'order', 'strict', 'threads', 'placement', 'pluginOptions', 'opFilters', 'allowNativeCode'];
