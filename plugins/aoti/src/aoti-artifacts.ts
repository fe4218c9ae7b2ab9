// Finding AOTInductor artifacts among an archive's entries: `data/aotinductor/<model>/` holds
// `<hash>.wrapper.so`, `<hash>.wrapper_metadata.json` (AOTI_DEVICE_KEY, platform, ISA) and,
// when kept, `<hash>.wrapper.cpp`.
import type { ArchiveEntry } from '@nativert/core';
import { ErrorCode, NativertError } from '@nativert/core';

/** The folder AOTInductor blobs live under inside a PT2 archive. */
export const AOTI_PREFIX = 'data/aotinductor/';

/** One compiled model inside an archive. */
export interface AotiBlob {
  /** The blob's name: the folder under `data/aotinductor/` (`model`, `model-aoti`). */
  readonly name: string;
  readonly so: ArchiveEntry;
  /** The wrapper metadata (`AOTI_DEVICE_KEY`, `AOTI_PLATFORM`, `AOTI_MACHINE`, `AOTI_CPU_ISA`, ...). */
  readonly metadata: Readonly<Record<string, string>>;
  /** The generated wrapper source, when the archive keeps it. */
  readonly wrapperCpp?: ArchiveEntry;
  /** Compiled GPU kernels beside the .so (CUDA packages), which the model loads by file name. */
  readonly cubins: readonly ArchiveEntry[];
}

/** Names of the AOTInductor blobs in `entries` (folders under `data/aotinductor/` holding a `.so`). */
export function aotiBlobNames(entries: ReadonlyMap<string, ArchiveEntry>): string[] {
  const names = new Set<string>();
  for (const path of entries.keys()) {
    if (!path.startsWith(AOTI_PREFIX) || !path.endsWith('.so')) continue;
    const rest = path.slice(AOTI_PREFIX.length);
    const slash = rest.indexOf('/');
    if (slash > 0) names.add(rest.slice(0, slash));
  }
  return [...names].sort();
}

/** The blob `name` of `entries`; `source` names the archive in errors. */
export function getAotiBlob(entries: ReadonlyMap<string, ArchiveEntry>, name: string, source: string): AotiBlob {
  const dir = `${AOTI_PREFIX}${name}/`;
  const inDir = [...entries.values()].filter((e) => e.path.startsWith(dir) && !e.path.slice(dir.length).includes('/'));
  const sos = inDir.filter((e) => e.path.endsWith('.so'));
  const so = sos.find((e) => e.path.endsWith('.wrapper.so')) ?? sos[0];
  if (!so) {
    const present = aotiBlobNames(entries);
    throw new NativertError(ErrorCode.NotFound, `${source}: no AOTInductor shared object under ${dir} (blobs present: ${present.length ? present.join(', ') : 'none'})`);
  }
  const stem = so.path.slice(0, -'.so'.length);
  const metaEntry = entries.get(`${stem}_metadata.json`) ?? inDir.find((e) => e.path.endsWith('_metadata.json') && new TextDecoder().decode(e.bytes).includes('AOTI_DEVICE_KEY'));
  if (!metaEntry) throw new NativertError(ErrorCode.InvalidArchive, `${source}: ${so.path} has no ${stem}_metadata.json (AOTI_DEVICE_KEY, platform, ISA)`);
  let metadata: Record<string, string>;
  try {
    metadata = JSON.parse(new TextDecoder().decode(metaEntry.bytes)) as Record<string, string>;
  } catch (e) {
    throw new NativertError(ErrorCode.InvalidArchive, `${source}: ${metaEntry.path}: invalid JSON (${(e as Error).message})`);
  }
  return { name, so, metadata, wrapperCpp: entries.get(`${stem}.cpp`), cubins: inDir.filter((e) => e.path.endsWith('.cubin')) };
}
