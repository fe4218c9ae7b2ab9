#!/usr/bin/env node
// Builds the mtia-stub plugin library, and the SDK's test plugins, with the system C compiler:
// `npm run build:native -w @nativert/mtia-stub`. Needs only cc (gcc or clang). Rebuilds a
// library only when a source or the ABI header is newer than it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(pkg, '../..');
const include = join(repo, 'sdk/include');
const header = join(include, 'nativert_plugin.h');
const out = join(pkg, 'build');
const cc = process.env.CC ?? 'cc';

const nativeDir = join(pkg, 'native');
const testDir = join(repo, 'tests/sdk/native');
const libraries = [
  {
    name: 'libmtia_stub.so',
    sources: ['plugin.c', 'arena.c', 'ops.c', 'executable.c'].map((f) => join(nativeDir, f)),
    deps: [join(nativeDir, 'mtia_stub.h'), join(nativeDir, 'exports.map')],
    flags: [`-Wl,--version-script=${join(nativeDir, 'exports.map')}`, '-lm', '-lpthread'],
  },
  // Test plugins live with the tests; skipped where the tests are not checked out (a published package).
  { name: 'libnewer_major_plugin.so', sources: [join(testDir, 'newer-major-plugin.c')], deps: [], flags: [], optional: true },
  { name: 'libno_entry_plugin.so', sources: [join(testDir, 'no-entry-plugin.c')], deps: [], flags: [], optional: true },
];

const mtime = (p) => statSync(p).mtimeMs;
mkdirSync(out, { recursive: true });
for (const lib of libraries) {
  if (lib.optional && !lib.sources.every(existsSync)) continue;
  const target = join(out, lib.name);
  const inputs = [...lib.sources, ...lib.deps, header];
  if (existsSync(target) && inputs.every((p) => mtime(p) <= mtime(target))) continue;
  const args = ['-O2', '-std=c11', '-D_GNU_SOURCE', '-Wall', '-Wextra', '-Werror', '-fPIC', '-shared', '-fvisibility=hidden',
    `-I${include}`, '-o', target, ...lib.sources, ...lib.flags];
  process.stdout.write(`${cc} ${args.join(' ')}\n`);
  execFileSync(cc, args, { stdio: 'inherit' });
}
