import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NvrtcApi } from '../ffi/nvrtc-api.js';
import { toSize, toU64, u64Out } from '../ffi/u64.js';
import { cudaError } from './cuda-error.js';
import type { CompileSpec } from './kernel-cache-key.js';
import { cacheDir, compileCacheKey } from './kernel-cache-key.js';

/**
 * Compiles CUDA C to CUBIN for one architecture with NVRTC, caching each result on disk by
 * {@link compileCacheKey}. A cache that cannot be written is skipped silently (compiling again is
 * only slower).
 */
export class NvrtcCompiler {
  readonly version: string;
  private readonly dir: string;

  constructor(private readonly nvrtc: NvrtcApi, readonly arch: string) {
    const major = [0];
    const minor = [0];
    nvrtc.nvrtcVersion(major, minor);
    this.version = `${major[0]}.${minor[0]}`;
    this.dir = cacheDir();
  }

  /** The options every plugin kernel is compiled with. */
  options(): string[] {
    return [`--gpu-architecture=${this.arch}`, '--std=c++17', '-default-device'];
  }

  /**
   * CUBIN for `source` (from the disk cache when present, unless `fresh`: the caller found the
   * cached image unloadable); `name` labels errors.
   */
  compile(source: string, name: string, fresh = false): { cubin: Uint8Array; cached: boolean } {
    const spec: CompileSpec = { source, options: this.options(), arch: this.arch, nvrtcVersion: this.version };
    const file = join(this.dir, `${compileCacheKey(spec)}.cubin`);
    if (!fresh) {
      try {
        return { cubin: readFileSync(file), cached: true };
      } catch {
        // not cached yet
      }
    }
    const cubin = this.compileNow(spec, name);
    try {
      mkdirSync(this.dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, cubin);
      renameSync(tmp, file);
    } catch {
      // read-only or full cache folder: keep going without it
    }
    return { cubin, cached: false };
  }

  private compileNow(spec: CompileSpec, name: string): Uint8Array {
    const n = this.nvrtc;
    const progOut = u64Out();
    let rc = n.nvrtcCreateProgram(progOut, spec.source, `${name}.cu`, 0, null, null);
    if (rc !== 0) throw cudaError(`nvrtcCreateProgram(${name})`, rc);
    const prog = toU64(progOut[0], 'nvrtcCreateProgram');
    try {
      rc = n.nvrtcCompileProgram(prog, spec.options.length, [...spec.options]);
      if (rc !== 0) throw cudaError(`nvrtcCompileProgram(${name}, ${spec.options.join(' ')})`, rc, this.log(prog));
      const size = u64Out();
      rc = n.nvrtcGetCUBINSize(prog, size);
      if (rc !== 0) throw cudaError(`nvrtcGetCUBINSize(${name})`, rc);
      const cubin = new Uint8Array(toSize(size[0], 'nvrtcGetCUBINSize'));
      rc = n.nvrtcGetCUBIN(prog, cubin);
      if (rc !== 0) throw cudaError(`nvrtcGetCUBIN(${name})`, rc);
      return cubin;
    } finally {
      n.nvrtcDestroyProgram(progOut);
    }
  }

  private log(prog: bigint): string {
    const size = u64Out();
    if (this.nvrtc.nvrtcGetProgramLogSize(prog, size) !== 0) return 'no log';
    const buf = new Uint8Array(toSize(size[0], 'nvrtcGetProgramLogSize'));
    this.nvrtc.nvrtcGetProgramLog(prog, buf);
    return Buffer.from(buf).toString('utf8').replace(/\0+$/, '').trim().slice(0, 2000);
  }
}
