// A private, content-addressed cache of shared objects extracted from archives: dlopen needs a
// file, and the same bytes always map to the same path (sha256), so reloading is free.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** The cache folder: `$NATIVERT_AOTI_CACHE`, else `<tmpdir>/nativert-aoti-<uid>` (mode 0700). */
export function cacheDir(): string {
  const dir = process.env['NATIVERT_AOTI_CACHE'] ?? join(tmpdir(), `nativert-aoti-${userInfo().uid}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** Hex sha256 of `bytes`. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The path of a file holding exactly `bytes`: `<cache>/<sha256>.so`. An existing file is reused
 * only if its contents still hash to its name (a file changed in place is rewritten).
 */
export function materialize(bytes: Uint8Array): string {
  const hash = sha256Hex(bytes);
  const path = join(cacheDir(), `${hash}.so`);
  if (existsSync(path) && sha256Hex(readFileSync(path)) === hash) return path;
  // Write then rename: a concurrent reader never sees a partial file.
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes, { mode: 0o500 });
  chmodSync(tmp, 0o500);
  renameSync(tmp, path);
  return path;
}
