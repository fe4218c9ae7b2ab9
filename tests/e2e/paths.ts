import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (tests are compiled to tests/dist/e2e). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** Committed model fixtures, one folder per PyTorch version. */
export const MODEL_FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'models');
/** The CLI entry point. */
export const CLI = join(REPO_ROOT, 'core', 'dist', 'cli', 'main.js');
