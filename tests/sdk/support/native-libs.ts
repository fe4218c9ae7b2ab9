import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (tests are compiled to tests/dist/sdk/support). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
/** Where the mtia-stub build script puts the plugin and the SDK's test plugins. */
export const NATIVE_BUILD = join(REPO_ROOT, 'plugins', 'mtia-stub', 'build');
export const MTIA_STUB_LIB = join(NATIVE_BUILD, 'libmtia_stub.so');
export const NEWER_MAJOR_LIB = join(NATIVE_BUILD, 'libnewer_major_plugin.so');
export const NO_ENTRY_LIB = join(NATIVE_BUILD, 'libno_entry_plugin.so');

let built = false;

/** Builds the native libraries if any is missing or stale (the script checks timestamps). */
export function ensureNativeBuilt(): void {
  if (built) return;
  execFileSync(process.execPath, [join(REPO_ROOT, 'plugins', 'mtia-stub', 'scripts', 'build-native.mjs')], { stdio: 'pipe' });
  built = true;
}
