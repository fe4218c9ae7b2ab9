import type { DelegatePlugin } from '../delegate/delegate-plugin.js';
import { PLUGIN_API_VERSION } from '../delegate/delegate-plugin.js';
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';

/** True when `x` has the shape of a {@link DelegatePlugin} (a factory), not of a delegate. */
export function isDelegatePlugin(x: unknown): x is DelegatePlugin {
  const p = x as Partial<DelegatePlugin> | null;
  return typeof p === 'object' && p !== null && typeof p.create === 'function' && typeof p.name === 'string' && typeof p.apiVersion === 'number';
}

/**
 * Imports npm package `packageName` and returns its default export, which must be a
 * {@link DelegatePlugin} built for {@link PLUGIN_API_VERSION}. Throws `NotFound` when the
 * package cannot be imported, `PluginFailure` when its default export is not a plugin and
 * `UnsupportedVersion` when its API version differs; every message names the package.
 */
export async function loadPluginPackage(packageName: string): Promise<DelegatePlugin> {
  let mod: { default?: unknown };
  try {
    mod = (await import(packageName)) as { default?: unknown };
  } catch (e) {
    throw new NativertError(ErrorCode.NotFound, `plugin package '${packageName}' could not be imported: ${(e as Error).message}`, { cause: e });
  }
  const plugin = mod.default;
  if (!isDelegatePlugin(plugin)) {
    throw new NativertError(ErrorCode.PluginFailure, `plugin package '${packageName}' has no DelegatePlugin default export (expected {name, apiVersion, create})`);
  }
  if (plugin.apiVersion !== PLUGIN_API_VERSION) {
    throw new NativertError(
      ErrorCode.UnsupportedVersion,
      `plugin package '${packageName}' (delegate '${plugin.name}') was built for plugin API version ${plugin.apiVersion}; this runtime supports version ${PLUGIN_API_VERSION}`,
    );
  }
  return plugin;
}
