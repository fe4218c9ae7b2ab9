import type { ExportedProgram } from '../ir/program.js';
import type { Tensor } from '../tensor/tensor.js';

/** A file inside the archive that a plugin may want (AOTInductor `.so`, its metadata). */
export interface ArchiveEntry {
  /** Path relative to the archive's root folder, e.g. `data/aotinductor/model/abc.wrapper.so`. */
  readonly path: string;
  /** The entry's bytes (a window into the archive when stored uncompressed). */
  readonly bytes: Uint8Array;
}

/**
 * One model read from a PT2 archive: the decoded program and its state. `state` maps the
 * fully-qualified names used by the signature (`InputSpec.target`: `l1.weight`, `running_mean`)
 * to tensors whose bytes are used in place from the archive where alignment allows.
 */
export interface LoadedModel {
  /** Model name inside the archive (`model`). */
  readonly name: string;
  /** Where it was read from (a path, or `<buffer>`). */
  readonly source: string;
  readonly program: ExportedProgram;
  /** Parameters, buffers and tensor constants by fully-qualified name. */
  readonly state: ReadonlyMap<string, Tensor>;
  /** Names of every model in the archive. */
  readonly modelNames: readonly string[];
  /** Archive entries other than the model JSON and weights (AOTInductor artifacts, extra/), by path. */
  readonly entries: ReadonlyMap<string, ArchiveEntry>;
}
