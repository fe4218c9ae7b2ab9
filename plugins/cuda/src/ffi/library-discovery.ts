import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** The CUDA libraries the plugin opens, by role. */
export type CudaLibrary = 'cuda' | 'nvrtc' | 'cublas';

/** File names tried for each library, newest ABI first (CUDA 13, then 12, then the dev link). */
export const LIBRARY_NAMES: Readonly<Record<CudaLibrary, readonly string[]>> = {
  cuda: ['libcuda.so.1', 'libcuda.so'],
  nvrtc: ['libnvrtc.so.13', 'libnvrtc.so.12', 'libnvrtc.so'],
  cublas: ['libcublas.so.13', 'libcublas.so.12', 'libcublas.so'],
};

/** What discovery looks at; injectable so the search order is testable without a GPU host. */
export interface DiscoveryEnv {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly exists: (path: string) => boolean;
  readonly listDir: (path: string) => readonly string[];
  /** A text file's contents, or undefined when it cannot be read. */
  readonly readFile: (path: string) => string | undefined;
  readonly home: string;
}

/** The real host: process env and the file system. */
export function hostDiscoveryEnv(): DiscoveryEnv {
  return {
    env: process.env,
    exists: existsSync,
    listDir: (p) => {
      try {
        return readdirSync(p);
      } catch {
        return [];
      }
    },
    readFile: (p) => {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    home: homedir(),
  };
}

/**
 * Folders the dynamic linker's cache indexes (what `ldconfig -p` lists): the multiarch defaults
 * and `/etc/ld.so.conf` with its `include` globs. Read from the config files rather than by
 * running `ldconfig -p`: spawning a process inside a runtime whose native thread pool is up can hang.
 */
export function linkerDirs(d: DiscoveryEnv, conf = '/etc/ld.so.conf', depth = 0): string[] {
  const dirs = depth === 0 ? ['/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/lib64', '/usr/lib64', '/usr/lib'] : [];
  for (const raw of (d.readFile(conf) ?? '').split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const inc = /^include\s+(\S+)$/.exec(line);
    if (!inc) {
      dirs.push(line);
      continue;
    }
    if (depth > 2) continue;
    const folder = dirname(inc[1]!);
    const glob = inc[1]!.slice(folder.length + 1);
    const re = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    for (const f of [...d.listDir(folder)].filter((n) => re.test(n)).sort()) dirs.push(...linkerDirs(d, join(folder, f), depth + 1));
  }
  return dirs;
}

/** `site-packages`/`dist-packages` folders of the usual Python installs (venv, conda, system, user). */
export function pythonPackageDirs(d: DiscoveryEnv): string[] {
  const roots = [d.env.VIRTUAL_ENV, d.env.CONDA_PREFIX, '/usr/local', '/usr', '/opt/conda', join(d.home, '.local')].filter((r): r is string => !!r);
  const dirs: string[] = [];
  for (const root of roots) {
    const lib = join(root, 'lib');
    for (const py of [...d.listDir(lib)].filter((n) => /^python3(\.\d+)?$/.test(n)).sort().reverse()) {
      for (const kind of ['site-packages', 'dist-packages']) {
        const p = join(lib, py, kind);
        if (d.exists(p)) dirs.push(p);
      }
    }
  }
  return dirs;
}

/**
 * Folders to search, in order: `NATIVERT_CUDA_LIB_DIR` (a `:` list), `LD_LIBRARY_PATH`,
 * `CUDA_HOME`/`CUDA_PATH` and `/usr/local/cuda`, every `nvidia/<pkg>/lib` of the Python installs
 * PyTorch's CUDA wheels live in, then the dynamic linker's folders.
 */
export function searchDirs(d: DiscoveryEnv): string[] {
  const split = (v: string | undefined) => (v ?? '').split(':').filter((s) => s.length > 0);
  const dirs = [...split(d.env.NATIVERT_CUDA_LIB_DIR), ...split(d.env.LD_LIBRARY_PATH)];
  for (const home of [d.env.CUDA_HOME, d.env.CUDA_PATH, '/usr/local/cuda']) {
    if (home) dirs.push(join(home, 'lib64'), join(home, 'targets', 'x86_64-linux', 'lib'));
  }
  for (const site of pythonPackageDirs(d)) {
    const nvidia = join(site, 'nvidia');
    for (const pkg of [...d.listDir(nvidia)].sort()) dirs.push(join(nvidia, pkg, 'lib'));
  }
  dirs.push(...linkerDirs(d));
  return [...new Set(dirs)];
}

/** One library's candidate paths, best first. */
export interface LibraryCandidates {
  readonly library: CudaLibrary;
  readonly paths: readonly string[];
}

/**
 * Candidate files for `library`: for each of its names (newest ABI first), every search folder
 * holding it; then the bare sonames for the dynamic loader's own search.
 */
export function libraryCandidates(library: CudaLibrary, d: DiscoveryEnv): LibraryCandidates {
  const paths: string[] = [];
  const dirs = searchDirs(d);
  for (const name of LIBRARY_NAMES[library]) {
    for (const dir of dirs) {
      const p = join(dir, name);
      if (d.exists(p)) paths.push(p);
    }
  }
  paths.push(...LIBRARY_NAMES[library]);
  return { library, paths: [...new Set(paths)] };
}
