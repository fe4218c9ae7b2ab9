import type { DelegatePlugin, ExecutorDelegate, PluginHost } from '@nativert/core';
import { ErrorCode, NativertError, PLUGIN_API_VERSION } from '@nativert/core';

/** What a plugin author writes; {@link definePlugin} fills in the rest. */
export interface PluginDefinition {
  /** Delegate name used in priority lists and reports: lowercase words joined by `-` (`mtia-stub`). */
  readonly name: string;
  /** Makes a delegate for the integrator's options; its `name` must equal the plugin's. */
  create(options: Readonly<Record<string, unknown>>, host: PluginHost): ExecutorDelegate | Promise<ExecutorDelegate>;
}

const NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** True when `name` is a valid delegate name: lowercase words joined by `-` (`mtia-stub`). */
export function isValidPluginName(name: string): boolean {
  return NAME_PATTERN.test(name);
}

/**
 * A {@link DelegatePlugin} from a definition: checks the name, stamps the current
 * {@link PLUGIN_API_VERSION}, and checks that each created delegate carries the plugin's name
 * (priority lists and reports refer to delegates by it). The result is frozen.
 */
export function definePlugin(def: PluginDefinition): DelegatePlugin {
  if (!isValidPluginName(def.name)) {
    throw new NativertError(ErrorCode.InvalidArgument, `plugin name '${def.name}' must be lowercase words joined by '-' (like 'mtia-stub')`);
  }
  return Object.freeze({
    name: def.name,
    apiVersion: PLUGIN_API_VERSION,
    async create(options: Readonly<Record<string, unknown>>, host: PluginHost): Promise<ExecutorDelegate> {
      const delegate = await def.create(options, host);
      if (delegate.name !== def.name) {
        throw new NativertError(ErrorCode.PluginFailure, `plugin '${def.name}' created a delegate named '${delegate.name}'; expected '${def.name}'`);
      }
      return delegate;
    },
  });
}
