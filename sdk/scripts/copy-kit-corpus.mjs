#!/usr/bin/env node
// prepack: puts the repository's small torch-2.13 model fixtures into the package as `kit-corpus/`, so
// `nativert-sdk conformance` installed from npm has a corpus to run without the shared one. Copied at
// pack time rather than committed twice.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(pkg, '..', 'tests', 'fixtures', 'models', 'torch-2.13');
const target = join(pkg, 'kit-corpus');
if (!existsSync(source)) throw new Error(`copy-kit-corpus: ${source} does not exist (run from a repository checkout)`);
rmSync(target, { recursive: true, force: true });
cpSync(source, target, { recursive: true });
