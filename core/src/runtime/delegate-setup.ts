import { withOpFilter } from '../config/filtered-delegate.js';
import type { PluginHost } from '../delegate/delegate-plugin.js';
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { ResolvedDelegates } from '../registry/delegate-registry.js';
import { DelegateRegistry } from '../registry/delegate-registry.js';
import type { RunnerOptions } from './runner-options.js';

/** Plugin packages used when the integrator names no delegates. */
export const DEFAULT_PLUGIN_PACKAGES: readonly string[] = ['@nativert/interpreter'];

/** The registry the options describe: theirs, or a fresh one where list order is priority order. */
export async function registryFromOptions(options: RunnerOptions): Promise<DelegateRegistry> {
  const given = options.delegates ?? DEFAULT_PLUGIN_PACKAGES;
  if (given instanceof DelegateRegistry) return given;
  const registry = new DelegateRegistry();
  for (let i = 0; i < given.length; i++) {
    const spec = given[i]!;
    const priority = given.length - i;
    if (typeof spec === 'string') await registry.registerPackage(spec, { priority });
    else registry.register(spec, { priority });
  }
  return registry;
}

/**
 * Resolves the options' delegates, wrapping those with an op filter; throws `NotFound` when none
 * is available (listing why). Filters naming a delegate not in use are ignored with a warning, so
 * one config file can serve several delegate lists.
 */
export async function resolveDelegates(options: RunnerOptions, host: PluginHost): Promise<ResolvedDelegates> {
  const registry = await registryFromOptions(options);
  const resolved = await registry.resolveAll({ host, order: options.order, pluginOptions: options.pluginOptions });
  if (resolved.delegates.length === 0) {
    const why = resolved.skipped.map((s) => `${s.delegate}: ${s.reason}`).join('; ');
    throw new NativertError(ErrorCode.NotFound, `no delegate is available to run the model${why ? ` (${why})` : ''}`);
  }
  const filters = options.opFilters ?? {};
  const known = [...resolved.delegates.map((d) => d.name), ...resolved.skipped.map((s) => s.delegate)];
  for (const name of Object.keys(filters)) {
    if (!known.includes(name)) host.logger.warn(`opFilters names delegate '${name}', which is not among the delegates (${known.join(', ')}); ignored`);
  }
  const delegates = resolved.delegates.map((d) => (filters[d.name] ? withOpFilter(d, filters[d.name]!) : d));
  return { ...resolved, delegates };
}
