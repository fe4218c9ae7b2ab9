import type { DelegatePlugin } from '@nativert/core';
import { definePlugin } from '../plugin/define-plugin.js';
import { NativePluginDelegate } from './native-plugin-delegate.js';
import { NativePluginLibrary } from './plugin-library.js';
import type { ResolvedLibrary } from './resolve-library.js';
import { resolvePackageDir, resolvePluginLibrary } from './resolve-library.js';

/** Where a native plugin's library comes from: exactly one of the three. */
export type NativeLibrarySource =
  /** A library file path, or an npm package name with a `nativert` field. */
  | { readonly library: string; readonly from?: string }
  /** The folder of a package with a `nativert` field (a plugin package pointing at itself). */
  | { readonly packageDir: string };

/**
 * A {@link DelegatePlugin} whose delegates are instances of a native plugin. The library is
 * resolved and loaded on the first `create` (so importing a plugin package never loads native
 * code) and cached; each `create` makes a new plugin instance with its options.
 */
export function nativePlugin(spec: { readonly name: string } & NativeLibrarySource): DelegatePlugin {
  let library: NativePluginLibrary | undefined;
  const load = (): NativePluginLibrary => {
    if (!library) {
      const resolved: ResolvedLibrary = 'packageDir' in spec ? resolvePackageDir(spec.packageDir) : resolvePluginLibrary(spec.library, spec.from);
      library = NativePluginLibrary.load(resolved.path, spec.name);
    }
    return library;
  };
  return definePlugin({
    name: spec.name,
    create: (options) => NativePluginDelegate.create(load(), options, spec.name),
  });
}

/** Loads a native plugin library from a path or package name (see {@link nativePlugin}). */
export function loadNativePluginLibrary(spec: string, from?: string): NativePluginLibrary {
  const resolved = resolvePluginLibrary(spec, from);
  return NativePluginLibrary.load(resolved.path, resolved.label);
}
