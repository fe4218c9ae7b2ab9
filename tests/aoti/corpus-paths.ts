// Where the AOTI tests find the shared corpus; tests skip with a printed reason when it is absent.
import { existsSync } from 'node:fs';

/** The PyTorch 2.13 corpus folder. */
export const CORPUS_213 = '/work/shared/corpus/torch-2.13';

/** True when the corpus is present; otherwise prints why the caller skips. */
export function corpusPresent(what: string): boolean {
  if (existsSync(CORPUS_213)) return true;
  console.log(`    skipped ${what}: ${CORPUS_213} is absent`);
  return false;
}
