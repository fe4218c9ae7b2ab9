// Temporary directories for tests, removed when the mocha run ends (passing or failing), so no
// test leaves directories behind in the OS temp dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A new empty directory in the OS temp dir, named `prefix` plus a random suffix; removed after the run. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every directory {@link tempDir} made so far. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

// A root-level hook: this module is first imported while mocha loads spec files, at the root suite.
after(removeTempDirs);
