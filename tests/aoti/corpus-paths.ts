// Where the AOTI tests find the shared corpus; tests skip with a printed reason when it is absent.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The PyTorch 2.13 corpus folder. */
export const CORPUS_213 = '/work/shared/corpus/torch-2.13';

/** True when the corpus is present; otherwise prints why the caller skips. */
export function corpusPresent(what: string): boolean {
  if (existsSync(CORPUS_213)) return true;
  console.log(`    skipped ${what}: ${CORPUS_213} is absent`);
  return false;
}

/**
 * The PyTorch 2.11 corpus folder (CUDA packages): the shared corpus, or the copy a GPU run
 * carries in `.gpu/corpus` (the repository root is the working folder there); undefined when absent.
 */
export const CORPUS_211: string | undefined = ['/work/shared/corpus/torch-2.11', '.gpu/corpus/torch-2.11', 'shared/corpus/torch-2.11', '../shared/corpus/torch-2.11']
  .map((p) => resolve(p))
  .find((p) => existsSync(p));
