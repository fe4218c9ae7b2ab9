// A private, content-addressed cache of shared objects extracted from archives: dlopen needs a
// file, and the same bytes always map to the same path (sha256), so reloading is free.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { basename, join } from 'node:path';

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

/** One file of a folder {@link materializeFolder} writes. */
export interface CachedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * A folder holding exactly `files` (by base name): `<cache>/<sha256 of names and contents>.d/`.
 * CUDA packages load their kernels (`.cubin`) from a folder by file name. An existing folder is
 * reused only if every file still hashes right; it is written under a temporary name, then renamed.
 */
export function materializeFolder(files: readonly CachedFile[]): string {
  const hashes = files.map((f) => ({ name: basename(f.name), hash: sha256Hex(f.bytes), bytes: f.bytes }));
  const key = sha256Hex(new TextEncoder().encode(hashes.map((h) => `${h.name}\0${h.hash}`).sort().join('\n')));
  const dir = join(cacheDir(), `${key}.d`);
  const intact = () => hashes.every((h) => existsSync(join(dir, h.name)) && sha256Hex(readFileSync(join(dir, h.name))) === h.hash);
  if (existsSync(dir) && intact()) return dir;
  const tmp = `${dir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { mode: 0o700 });
  for (const h of hashes) writeFileSync(join(tmp, h.name), h.bytes, { mode: 0o400 });
  rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(tmp, dir);
  } catch (e) {
    // Another process renamed its identical folder first.
    rmSync(tmp, { recursive: true, force: true });
    if (!intact()) throw e;
  }
  return dir;
}
