import type { OpFilters } from '../config/op-filter.js';
import type { DelegatePlugin } from '../delegate/delegate-plugin.js';
import type { ExecutorDelegate } from '../delegate/executor-delegate.js';
import type { Logger } from '../delegate/logger.js';
import type { DelegateRegistry, PluginOptions } from '../registry/delegate-registry.js';

/**
 * What to run with: a delegate instance, a plugin that creates one, or the npm package name of a
 * plugin (imported with `import()`; its default export must be a DelegatePlugin).
 */
export type DelegateSpec = ExecutorDelegate | DelegatePlugin | string;

/** Options of {@link ModelRunner.load}. Every field is optional. */
export interface RunnerOptions {
  /** Model inside the archive (default `model`). Ignored when given a LoadedModel. */
  readonly modelName?: string;
  /**
   * Delegates, first asked first, or a registry holding them with priorities. Default: the
   * `@nativert/interpreter` package. Instances stay the caller's; delegates the runner creates
   * from plugins are disposed with the runner.
   */
  readonly delegates?: readonly DelegateSpec[] | DelegateRegistry;
  /** Delegate names in the order to ask them; overrides priorities and leaves out others. */
  readonly order?: readonly string[];
  /** Forbid fallback: the first delegate must run every node. */
  readonly strict?: boolean;
  /** Intra-op threads delegates may use (default: the host's available parallelism). */
  readonly threads?: number;
  /** Node name → the delegate that must run it. */
  readonly placement?: Readonly<Record<string, string>>;
  /** Options per delegate name, given to plugins' `create`, `getCapability` and `prepare`. */
  readonly pluginOptions?: PluginOptions;
  /**
   * Per-delegate op allow/deny lists (`{ 'mtia-stub': { deny: ['aten.conv*'] } }`): a delegate's
   * claims on forbidden ops are dropped and reported as `denied by integrator op filter`.
   */
  readonly opFilters?: OpFilters;
  /** Where warnings go (default: stderr). */
  readonly logger?: Logger;
  /** Allow plugins to load native code shipped inside archives (AOTInductor `.so`). Default false. */
  readonly allowNativeCode?: boolean;
}
