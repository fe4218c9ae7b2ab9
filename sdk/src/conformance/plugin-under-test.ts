import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DelegatePlugin } from '@nativert/core';
import { ErrorCode, NativertError, PLUGIN_API_VERSION, isDelegatePlugin } from '@nativert/core';
import { NativePlugin } from '../native/native-plugin.js';
import { NativePluginDelegate } from '../native/native-plugin-delegate.js';
import { NativePluginLibrary } from '../native/plugin-library.js';
import { findPackageDir, isLibraryFileName, resolvePackageDir } from '../native/resolve-library.js';
import { definePlugin } from '../plugin/define-plugin.js';

/** The plugin a conformance run tests, and where it came from. */
export interface PluginUnderTest {
  readonly plugin: DelegatePlugin;
  /** `native`: a library behind the C ABI; `module`: a JavaScript module's DelegatePlugin. */
  readonly kind: 'native' | 'module';
  /** The file loaded: the shared library or the module. */
  readonly source: string;
}

/**
 * Resolves `spec` to a plugin: a shared library path (`.so`, `.dylib`, `.dll`), a JavaScript
 * module path whose default export is a DelegatePlugin (a compiled TypeScript plugin), a plugin
 * package folder, or an npm package name found in `node_modules` upward from `cwd`. A package
 * with an entry point (`exports` / `main`) is imported; one with only a `nativert` field is
 * loaded as a native library. A native library is instantiated once with `options` to read its
 * name, so a plugin that cannot even be created fails here, with its own message.
 */
export async function resolvePluginUnderTest(spec: string, options: Readonly<Record<string, unknown>>, cwd = process.cwd()): Promise<PluginUnderTest> {
  const path = resolve(cwd, spec);
  const pathLike = isAbsolute(spec) || spec.startsWith('.') || isLibraryFileName(spec) || existsSync(path);
  if (!pathLike) {
    const dir = findPackageDir(spec, cwd);
    if (dir === undefined) throw notFound(`plugin '${spec}': no package of that name in node_modules above ${cwd}, and no file or folder of that name`);
    return fromPackageDir(dir, options);
  }
  if (!existsSync(path)) throw notFound(`plugin '${spec}': ${path} does not exist`);
  if (statSync(path).isDirectory()) return fromPackageDir(path, options);
  if (isLibraryFileName(path)) return fromLibrary(path, spec, options);
  if (['.js', '.mjs', '.cjs'].includes(extname(path))) return fromModule(path);
  if (['.ts', '.mts', '.cts'].includes(extname(path))) {
    throw invalid(`plugin '${spec}': Node cannot import TypeScript; build it (tsc) and pass the .js module or the package folder`);
  }
  throw invalid(`plugin '${spec}': expected a shared library (.so, .dylib, .dll), a .js module or a package folder`);
}

/** A package folder: its JavaScript entry point if it has one, else its `nativert` library. */
async function fromPackageDir(dir: string, options: Readonly<Record<string, unknown>>): Promise<PluginUnderTest> {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) throw notFound(`plugin folder ${dir} has no package.json`);
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown; main?: unknown; exports?: unknown; nativert?: unknown };
  const entry = packageEntry(pkg);
  if (entry !== undefined) return fromModule(join(dir, entry));
  if (pkg.nativert === undefined) throw invalid(`plugin package at ${dir}: package.json has neither an entry point (exports/main) nor a "nativert" field`);
  const lib = resolvePackageDir(dir);
  return fromLibrary(lib.path, lib.label, options);
}

/** The file `import(package)` would load, from `exports` (string, `.`, `import`/`default`) or `main`. */
function packageEntry(pkg: { main?: unknown; exports?: unknown }): string | undefined {
  const pick = (x: unknown): string | undefined => {
    if (typeof x === 'string') return x;
    if (x !== null && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      return pick(o['.'] ?? o['import'] ?? o['default'] ?? o['node']);
    }
    return undefined;
  };
  return pick(pkg.exports) ?? (typeof pkg.main === 'string' ? pkg.main : undefined);
}

/** Imports a module whose default export must be a DelegatePlugin of this API version. */
async function fromModule(file: string): Promise<PluginUnderTest> {
  if (!existsSync(file)) throw notFound(`plugin module ${file} does not exist (was the package built?)`);
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (e) {
    throw new NativertError(ErrorCode.PluginFailure, `plugin module ${file} could not be imported: ${(e as Error).message}`, { cause: e });
  }
  if (!isDelegatePlugin(mod.default)) {
    throw new NativertError(ErrorCode.PluginFailure, `plugin module ${file} has no DelegatePlugin default export (expected {name, apiVersion, create}; use definePlugin)`);
  }
  if (mod.default.apiVersion !== PLUGIN_API_VERSION) {
    throw new NativertError(ErrorCode.UnsupportedVersion, `plugin module ${file} (delegate '${mod.default.name}') is built for plugin API ${mod.default.apiVersion}; this SDK supports ${PLUGIN_API_VERSION}`);
  }
  return { plugin: mod.default, kind: 'module', source: file };
}

/** Loads a native library and names its plugin by what one instance reports. */
function fromLibrary(path: string, label: string, options: Readonly<Record<string, unknown>>): PluginUnderTest {
  const library = NativePluginLibrary.load(path, label);
  const probe = NativePlugin.create(library, options);
  const name = probe.name;
  probe.destroy();
  const plugin = definePlugin({ name, create: (opts) => NativePluginDelegate.create(library, opts, name) });
  return { plugin, kind: 'native', source: path };
}

function notFound(message: string): NativertError {
  return new NativertError(ErrorCode.NotFound, message);
}

function invalid(message: string): NativertError {
  return new NativertError(ErrorCode.InvalidArgument, message);
}
