import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ErrorCode, NativertError } from '@nativert/core';
import { HOST_API_MAJOR } from './abi.js';

/** Where a native plugin library is, and what to call it in messages. */
export interface ResolvedLibrary {
  readonly path: string;
  readonly label: string;
}

/** The `nativert` field of a plugin package's package.json. */
interface NativertManifest {
  readonly library?: unknown;
  readonly apiVersion?: unknown;
}

/** True when `spec` names a file rather than an npm package. */
function looksLikePath(spec: string): boolean {
  return isAbsolute(spec) || spec.startsWith('./') || spec.startsWith('../') || isLibraryFileName(spec);
}

/**
 * Resolves a plugin library from a file path, or from an npm package whose package.json has
 * `"nativert": {"library": "build/libx.so", "apiVersion": "1.0"}` (found in `node_modules`
 * folders upward from `from`). A package declaring another ABI major is refused here, before
 * any native code is loaded.
 */
export function resolvePluginLibrary(spec: string, from: string = process.cwd()): ResolvedLibrary {
  if (looksLikePath(spec)) return { path: resolve(from, spec), label: spec };
  const pkgDir = findPackageDir(spec, from);
  if (pkgDir !== undefined) return resolvePackageDir(pkgDir);
  throw new NativertError(ErrorCode.PluginFailure, `native plugin '${spec}': no package of that name in node_modules above ${from}, and it is not a library path`);
}

/**
 * The real folder of npm package `name` as Node would find it from `from`: the first
 * `node_modules/<name>/package.json` upward. Undefined when there is none.
 */
export function findPackageDir(name: string, from: string = process.cwd()): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const pkgDir = join(dir, 'node_modules', name);
    // realpath: workspaces link packages into node_modules; messages should name the real files.
    if (existsSync(join(pkgDir, 'package.json'))) return realpathSync(pkgDir);
    if (dirname(dir) === dir) return undefined;
  }
}

/** True when `spec` names a shared library file (`.so`, `.dylib`, `.dll`, versioned or not). */
export function isLibraryFileName(spec: string): boolean {
  return /\.(so|dylib|dll)(\.\d+)*$/.test(spec);
}

/** Resolves the library declared by the package in `pkgDir` (see {@link resolvePluginLibrary}). */
export function resolvePackageDir(pkgDir: string): ResolvedLibrary {
  const manifestPath = join(pkgDir, 'package.json');
  let pkg: { name?: unknown; nativert?: NativertManifest };
  try {
    pkg = JSON.parse(readFileSync(manifestPath, 'utf8')) as typeof pkg;
  } catch (e) {
    throw new NativertError(ErrorCode.PluginFailure, `native plugin package at ${pkgDir}: cannot read ${manifestPath}: ${(e as Error).message}`, { cause: e });
  }
  const label = typeof pkg.name === 'string' ? pkg.name : pkgDir;
  const fail = (why: string) => new NativertError(ErrorCode.PluginFailure, `native plugin '${label}' (${manifestPath}): ${why}`);
  const manifest = pkg.nativert;
  if (!manifest || typeof manifest.library !== 'string') throw fail('package.json has no "nativert": {"library": "..."} field');
  if (typeof manifest.apiVersion !== 'string' || !/^\d+\.\d+$/.test(manifest.apiVersion)) {
    throw fail(`"nativert.apiVersion" must be "MAJOR.MINOR", given ${JSON.stringify(manifest.apiVersion)}`);
  }
  const major = Number(manifest.apiVersion.split('.')[0]);
  if (major !== HOST_API_MAJOR) throw fail(`declares native plugin ABI ${manifest.apiVersion}, this host supports ${HOST_API_MAJOR}.x`);
  return { path: resolve(pkgDir, manifest.library), label };
}
