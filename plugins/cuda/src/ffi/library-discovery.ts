import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

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
  /** Output of `ldconfig -p` (empty when ldconfig is unavailable). */
  readonly ldconfig: string;
  readonly exists: (path: string) => boolean;
  readonly listDir: (path: string) => readonly string[];
  readonly home: string;
}

/** The real host: process env, `ldconfig -p`, the file system. */
export function hostDiscoveryEnv(): DiscoveryEnv {
  return {
    env: process.env,
    ldconfig: readLdconfig(),
    exists: existsSync,
    listDir: (p) => {
      try {
        return readdirSync(p);
      } catch {
        return [];
      }
    },
    home: homedir(),
  };
}

function readLdconfig(): string {
  for (const cmd of ['ldconfig', '/sbin/ldconfig', '/usr/sbin/ldconfig']) {
    try {
      return execFileSync(cmd, ['-p'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
    } catch {
      // try the next location
    }
  }
  return '';
}

/** `name => path` entries of `ldconfig -p` output whose name is `soname`. */
export function ldconfigMatches(ldconfig: string, soname: string): string[] {
  const out: string[] = [];
  for (const line of ldconfig.split('\n')) {
    const m = /^\s*(\S+)\s+\(([^)]*)\)\s+=>\s+(\S+)\s*$/.exec(line);
    if (m && m[1] === soname && (m[2] ?? '').includes('x86-64')) out.push(m[3]!);
  }
  return out;
}

/** `site-packages`/`dist-packages` folders of the usual Python installs (system, user, venv, conda). */
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
 * `CUDA_HOME`/`CUDA_PATH` and `/usr/local/cuda`, then every `nvidia/<pkg>/lib` of the Python
 * installs PyTorch's CUDA wheels live in.
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
  return [...new Set(dirs)];
}

/** One library's candidate paths, best first, and where each came from. */
export interface LibraryCandidates {
  readonly library: CudaLibrary;
  readonly paths: readonly string[];
}

/**
 * Candidate files for `library`: every search folder holding one of its names (the env override
 * first), then `ldconfig -p` entries, then the bare soname for the dynamic loader's own search.
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
  for (const name of LIBRARY_NAMES[library]) paths.push(...ldconfigMatches(d.ldconfig, name));
  paths.push(...LIBRARY_NAMES[library]);
  return { library, paths: [...new Set(paths)] };
}
