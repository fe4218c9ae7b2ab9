import type { ExportedProgram } from '../ir/program.js';
import type { Tensor } from '../tensor/tensor.js';

/** A file inside the archive that a plugin may want (AOTInductor `.so`, its metadata). */
export interface ArchiveEntry {
  /** Path relative to the archive's root folder, e.g. `data/aotinductor/model/abc.wrapper.so`. */
  readonly path: string;
  /** The entry's bytes (a window into the archive when stored uncompressed). */
  readonly bytes: Uint8Array;
}

/** Where a program came from: the archive's path and its files besides the graph and weights. */
export interface ArchiveContents {
  /** A path, or `<buffer>`; for messages. */
  readonly source: string;
  /** Archive entries other than the model JSON and weights (AOTInductor artifacts, extra/), by path. */
  readonly entries: ReadonlyMap<string, ArchiveEntry>;
}

/** Contents of a program that was not read from an archive. */
export const NO_ARCHIVE: ArchiveContents = Object.freeze({ source: '<memory>', entries: new Map<string, ArchiveEntry>() });

/**
 * One model read from a PT2 archive: the decoded program and its state. `state` maps the
 * fully-qualified names used by the signature (`InputSpec.target`: `l1.weight`, `running_mean`)
 * to tensors whose bytes are used in place from the archive where alignment allows.
 */
export interface LoadedModel extends ArchiveContents {
  /** Model name inside the archive (`model`). */
  readonly name: string;
  readonly program: ExportedProgram;
  /** Parameters, buffers and tensor constants by fully-qualified name. */
  readonly state: ReadonlyMap<string, Tensor>;
  /** Names of every model in the archive. */
  readonly modelNames: readonly string[];
}
