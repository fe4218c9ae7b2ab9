import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What decides a compiled module: the source, the NVRTC options, the GPU architecture and NVRTC's version. */
export interface CompileSpec {
  readonly source: string;
  readonly options: readonly string[];
  /** `sm_90` style. */
  readonly arch: string;
  /** `13.0` style. */
  readonly nvrtcVersion: string;
}

/** sha256 (hex) of the parts of `spec`, each length-prefixed so no two specs collide by concatenation. */
export function compileCacheKey(spec: CompileSpec): string {
  const h = createHash('sha256');
  for (const part of [spec.source, spec.options.join('\u0000'), spec.arch, spec.nvrtcVersion]) {
    h.update(`${Buffer.byteLength(part)}:`);
    h.update(part);
  }
  return h.digest('hex');
}

/** The on-disk cache folder: `NATIVERT_CUDA_CACHE`, else `$XDG_CACHE_HOME/nativert/cuda`, else `~/.cache/nativert/cuda`. */
export function cacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.NATIVERT_CUDA_CACHE) return env.NATIVERT_CUDA_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'nativert', 'cuda');
}
