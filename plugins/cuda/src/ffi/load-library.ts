import koffi from 'koffi';
import type { LibraryHandle } from 'koffi';
import type { CudaLibrary, DiscoveryEnv } from './library-discovery.js';
import { libraryCandidates } from './library-discovery.js';

/** A library opened with koffi, and the file it came from. */
export interface OpenedLibrary {
  readonly lib: LibraryHandle;
  readonly path: string;
}

/** koffi unloads a library whose handle is collected; the plugin keeps every one it opens. */
const opened: LibraryHandle[] = [];

/**
 * Opens the first loadable candidate of `library` that exports `probe`. Throws an Error listing
 * every path tried and why it failed, so an unavailable plugin can say exactly what is missing.
 */
export function openCudaLibrary(library: CudaLibrary, probe: string, d: DiscoveryEnv): OpenedLibrary {
  const tried: string[] = [];
  for (const path of libraryCandidates(library, d).paths) {
    try {
      const lib = koffi.load(path);
      lib.func(`int ${probe}()`);
      opened.push(lib);
      return { lib, path };
    } catch (e) {
      tried.push(`${path}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(`${library} library not found (tried ${tried.join('; ')}); set NATIVERT_CUDA_LIB_DIR to the folder holding it`);
}
