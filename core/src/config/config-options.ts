import { delegatePackages } from '../cli/delegate-names.js';
import type { RunnerOptions } from '../runtime/runner-options.js';
import type { NativertConfig } from './nativert-config.js';

/**
 * The {@link RunnerOptions} a config describes. Delegate names of the project's own plugins
 * (`mtia-stub`) become their packages; `order` defaults to `delegates` and `delegates` to `order`,
 * so either one alone is enough.
 */
export function runnerOptionsFromConfig(config: NativertConfig): RunnerOptions {
  const names = config.delegates ?? config.order;
  return {
    ...(names ? { delegates: delegatePackages(names), order: config.order ?? names } : {}),
    ...(config.threads !== undefined ? { threads: config.threads } : {}),
    ...(config.placement ? { placement: config.placement } : {}),
    ...(config.pluginOptions ? { pluginOptions: config.pluginOptions } : {}),
    ...(config.opFilters ? { opFilters: config.opFilters } : {}),
    strict: config.strict ?? false,
    allowNativeCode: config.allowNativeCode ?? false,
  };
}
