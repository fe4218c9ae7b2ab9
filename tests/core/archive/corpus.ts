// Locations of the shared conformance corpus and the committed fixtures, for the core loading tests.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The corpus folders the loading tests sweep. */
export const CORPUS_DIRS = ['/work/shared/corpus/torch-2.13', '/work/shared/corpus/torch-2.11'];

/** The main corpus folder. */
export const CORPUS_213 = CORPUS_DIRS[0]!;

/** `tests/fixtures/archives` (tests run from tests/dist/core/archive). */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'archives');

/** `.pt2` files of `dir`, sorted; empty when the folder is absent. */
export function pt2Files(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.pt2')).sort() : [];
}

/** Path of corpus file `name` in torch-2.13, or undefined (with the reason printed) when absent. */
export function corpusFile(name: string): string | undefined {
  const path = join(CORPUS_213, name);
  if (existsSync(path)) return path;
  console.log(`    (skipped: ${path} is absent)`);
  return undefined;
}
