// Checks an AOTI blob's compile-time platform metadata against this host before loading it, so a
// mismatch is a clear error instead of SIGILL or a loader failure.
import { readFileSync } from 'node:fs';
import { machine } from 'node:os';
import { ErrorCode, NativertError } from '@nativert/core';
import type { AotiBlob } from './aoti-artifacts.js';
import { cudaRuntimeUnavailableReason, loadCudaRuntime } from './cuda-runtime.js';

/** CPU feature flags (`/proc/cpuinfo`) each base AOTI_CPU_ISA value (its first word) needs. */
const ISA_FLAGS: Readonly<Record<string, readonly string[]>> = {
  DEFAULT: [],
  '': [],
  AVX2: ['avx2', 'fma'],
  AVX512: ['avx512f', 'avx512bw', 'avx512vl', 'avx512dq', 'fma'],
};

/** Flags of the extensions AOTInductor lists after the base ISA (`AVX512 AVX512_VNNI AMX_TILE`). */
const ISA_EXTENSION_FLAGS: Readonly<Record<string, readonly string[]>> = {
  AVX512_VNNI: ['avx512_vnni'],
  AVX512_BF16: ['avx512_bf16'],
  AVX512_FP16: ['avx512_fp16'],
  AMX_TILE: ['amx_tile'],
  AMX_BF16: ['amx_bf16'],
  AMX_INT8: ['amx_int8'],
  AMX_FP16: ['amx_fp16'],
};

/** The devices whose blobs the plugin runs. */
export type AotiDevice = 'cpu' | 'cuda';

/** What {@link checkBlobRunsHere} needs to know about CUDA: why it is unavailable, or device 0's compute capability. */
export interface CudaProbe {
  readonly reason?: string;
  readonly computeCapability?: string;
}

/** This host's CUDA, loading the runtime on first use. */
export function probeHostCuda(): CudaProbe {
  const reason = cudaRuntimeUnavailableReason();
  return reason === undefined ? { computeCapability: loadCudaRuntime().computeCapability } : { reason };
}

let cpuFlags: ReadonlySet<string> | undefined;

/** This host's CPU feature flags (empty when /proc/cpuinfo is unreadable). */
export function hostCpuFlags(): ReadonlySet<string> {
  if (cpuFlags) return cpuFlags;
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('flags'));
    cpuFlags = new Set((line?.split(':')[1] ?? '').trim().split(/\s+/));
  } catch {
    cpuFlags = new Set();
  }
  return cpuFlags;
}

/**
 * Throws NativertError(UnsupportedVersion) naming the archive and blob when the blob was built
 * for a device this host lacks (CUDA: no runtime, no GPU, another compute capability), another
 * OS or machine, or an ISA this CPU lacks; returns the blob's device. `cuda` is asked only for
 * CUDA blobs (tests pass their own).
 */
export function checkBlobRunsHere(blob: AotiBlob, source: string, cuda: () => CudaProbe = probeHostCuda): AotiDevice {
  const m = blob.metadata;
  const where = `${source}: ${blob.so.path}`;
  const fail = (msg: string) => new NativertError(ErrorCode.UnsupportedVersion, `${where}: ${msg}`);
  const device = m['AOTI_DEVICE_KEY'] ?? 'cpu';
  if (device !== 'cpu' && device !== 'cuda') throw fail(`compiled for device '${device}'; the aoti plugin runs CPU and CUDA blobs (AOTI_DEVICE_KEY 'cpu' or 'cuda')`);
  const platform = m['AOTI_PLATFORM'];
  if (platform !== undefined && platform !== process.platform) throw fail(`compiled for platform '${platform}', this host is '${process.platform}'`);
  const arch = m['AOTI_MACHINE'];
  if (arch !== undefined && arch !== machine()) throw fail(`compiled for machine '${arch}', this host is '${machine()}'`);
  const [base = '', ...extensions] = (m['AOTI_CPU_ISA'] ?? '').split(/\s+/).filter(Boolean);
  const needs = ISA_FLAGS[base];
  if (needs === undefined) throw fail(`compiled for CPU ISA '${base}', which this plugin does not know (known: ${Object.keys(ISA_FLAGS).filter(Boolean).join(', ')})`);
  const unknown = extensions.filter((e) => ISA_EXTENSION_FLAGS[e] === undefined);
  if (unknown.length > 0) throw fail(`compiled with CPU ISA extensions this plugin does not know: ${unknown.join(', ')}`);
  // A CUDA blob's host code is the wrapper alone: the extensions (VNNI, AMX) serve CPU kernels only.
  const all = device === 'cuda' ? needs : [...needs, ...extensions.flatMap((e) => ISA_EXTENSION_FLAGS[e] ?? [])];
  const missing = all.filter((f) => !hostCpuFlags().has(f));
  if (missing.length > 0) throw fail(`compiled for CPU ISA '${m['AOTI_CPU_ISA']}', this CPU lacks ${missing.join(', ')}`);
  if (device === 'cuda') {
    const { reason, computeCapability } = cuda();
    if (reason !== undefined) throw fail(`compiled for device 'cuda', and CUDA is unavailable here: ${reason}`);
    const want = m['AOTI_COMPUTE_CAPABILITY'];
    // A cubin runs on its own major architecture at the same or a later minor revision.
    if (want !== undefined && computeCapability !== undefined && (want.slice(0, -1) !== computeCapability.slice(0, -1) || Number(want.slice(-1)) > Number(computeCapability.slice(-1)))) {
      throw fail(`compiled for compute capability ${want} (sm_${want}), this GPU is ${computeCapability}`);
    }
  }
  return device;
}
