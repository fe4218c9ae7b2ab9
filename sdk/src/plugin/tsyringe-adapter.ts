import type { DependencyContainer } from 'tsyringe';
import type { DelegatePlugin } from '@nativert/core';
import { ErrorCode, NativertError } from '@nativert/core';

/**
 * The tsyringe token under which plugins are registered. `Symbol.for`, so two copies of the SDK
 * in one app still agree on it.
 */
export const DELEGATE_PLUGIN_TOKEN: unique symbol = Symbol.for('@nativert/sdk:DelegatePlugin') as never;

/**
 * Registers `plugin` in an app's own tsyringe container (tsyringe stays out of core: the app
 * resolves the plugins with {@link resolvePlugins} and passes them to the runtime). A second
 * plugin of the same name is refused.
 */
export function registerWithTsyringe(container: DependencyContainer, plugin: DelegatePlugin): void {
  if (resolvePlugins(container).some((p) => p.name === plugin.name)) {
    throw new NativertError(ErrorCode.InvalidArgument, `a plugin named '${plugin.name}' is already registered in this container`);
  }
  container.register<DelegatePlugin>(DELEGATE_PLUGIN_TOKEN, { useValue: plugin });
}

/** Every plugin registered in `container` (and its parents), in registration order. */
export function resolvePlugins(container: DependencyContainer): DelegatePlugin[] {
  return container.isRegistered(DELEGATE_PLUGIN_TOKEN, true) ? container.resolveAll<DelegatePlugin>(DELEGATE_PLUGIN_TOKEN) : [];
}
