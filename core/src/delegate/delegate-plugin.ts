import type { ExecutorDelegate } from './executor-delegate.js';
import type { Logger } from './logger.js';

/** Major version of the TypeScript plugin contract; a plugin built for another major is refused. */
export const PLUGIN_API_VERSION = 1;

/** What the host gives a plugin when creating its delegate. */
export interface PluginHost {
  readonly logger: Logger;
  /** True only when the integrator opted in to running native code shipped inside archives. */
  readonly allowNativeCode: boolean;
  readonly threads: number;
}

/**
 * What a plugin package exports as its default export: a named factory of delegates.
 * `apiVersion` is {@link PLUGIN_API_VERSION} at the time the plugin was built.
 */
export interface DelegatePlugin {
  readonly name: string;
  readonly apiVersion: number;
  create(options: Readonly<Record<string, unknown>>, host: PluginHost): ExecutorDelegate | Promise<ExecutorDelegate>;
}
