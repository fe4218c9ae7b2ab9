// Checks an AOTI blob's compile-time platform metadata against this host before loading it, so a
// mismatch is a clear error instead of SIGILL or a loader failure.
import { readFileSync } from 'node:fs';
import { machine } from 'node:os';
import { ErrorCode, NativertError } from '@nativert/core';
import type { AotiBlob } from './aoti-artifacts.js';

/** CPU feature flags (`/proc/cpuinfo`) each AOTI_CPU_ISA value needs. */
const ISA_FLAGS: Readonly<Record<string, readonly string[]>> = {
  DEFAULT: [],
  '': [],
  AVX2: ['avx2', 'fma'],
  AVX512: ['avx512f', 'avx512bw', 'avx512vl', 'avx512dq', 'fma'],
};

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
 * for another device, OS, machine or an ISA this CPU lacks. Only CPU blobs run here for now.
 */
export function checkBlobRunsHere(blob: AotiBlob, source: string): void {
  const m = blob.metadata;
  const where = `${source}: ${blob.so.path}`;
  const fail = (msg: string) => new NativertError(ErrorCode.UnsupportedVersion, `${where}: ${msg}`);
  const device = m['AOTI_DEVICE_KEY'] ?? 'cpu';
  if (device !== 'cpu') throw fail(`compiled for device '${device}'; the aoti plugin runs CPU blobs only (expected AOTI_DEVICE_KEY 'cpu')`);
  const platform = m['AOTI_PLATFORM'];
  if (platform !== undefined && platform !== process.platform) throw fail(`compiled for platform '${platform}', this host is '${process.platform}'`);
  const arch = m['AOTI_MACHINE'];
  if (arch !== undefined && arch !== machine()) throw fail(`compiled for machine '${arch}', this host is '${machine()}'`);
  const isa = m['AOTI_CPU_ISA'] ?? '';
  const needs = ISA_FLAGS[isa];
  if (needs === undefined) throw fail(`compiled for CPU ISA '${isa}', which this plugin does not know (known: ${Object.keys(ISA_FLAGS).filter(Boolean).join(', ')})`);
  const missing = needs.filter((f) => !hostCpuFlags().has(f));
  if (missing.length > 0) throw fail(`compiled for CPU ISA '${isa}', this CPU lacks ${missing.join(', ')}`);
}
