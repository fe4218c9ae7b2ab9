// loadModel / listModels: the entry points from a PT2 file to a LoadedModel.
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { ArchiveEntry, LoadedModel } from '../model/loaded-model.js';
import { decodeExportedProgram } from '../schema/decode-program.js';
import type { Tensor } from '../tensor/tensor.js';
import { loadPayload, payloadConfigPath } from './load-payload.js';
import { Pt2Archive } from './pt2-archive.js';

/** Options of {@link loadModel}. */
export interface LoadModelOptions {
  /** Which `models/<name>.json` to load; default `model`. */
  readonly modelName?: string;
}

/** The model name PyTorch writes by default. */
export const DEFAULT_MODEL_NAME = 'model';

/** Names of the models in a PT2 archive (a path or its bytes). */
export async function listModels(source: string | Uint8Array): Promise<string[]> {
  return (await Pt2Archive.open(source)).modelNames();
}

/**
 * Reads one model from a PT2 archive: decodes `models/<name>.json`, reads its weights and
 * constants (in place where aligned) and collects the remaining entries (AOTInductor artifacts,
 * `extra/`) for plugins. The returned tensors and entries may be windows into the archive's buffer,
 * which stays alive as long as they do. Throws NativertError naming the file/entry at fault.
 */
export async function loadModel(source: string | Uint8Array, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const archive = await Pt2Archive.open(source);
  return loadModelFromArchive(archive, options.modelName ?? DEFAULT_MODEL_NAME);
}

/** {@link loadModel} on an archive already opened. */
export function loadModelFromArchive(archive: Pt2Archive, name: string): LoadedModel {
  const modelNames = archive.modelNames();
  if (!modelNames.includes(name)) {
    throw new NativertError(ErrorCode.NotFound, `${archive.source}: no model '${name}' (models/${name}.json); models present: ${modelNames.length ? modelNames.map((n) => `'${n}'`).join(', ') : 'none'}`);
  }
  const jsonPath = `models/${name}.json`;
  const program = decodeExportedProgram(archive.readJson(jsonPath), `${archive.source}: ${jsonPath}`);
  const state = new Map<string, Tensor>([...loadPayload(archive, name, 'weights'), ...loadPayload(archive, name, 'constants')]);
  for (const spec of program.inputSpecs) {
    const stateful = spec.kind === 'parameter' || spec.kind === 'buffer' || spec.kind === 'tensor_constant';
    if (stateful && !state.has(spec.target)) {
      throw new NativertError(ErrorCode.NotFound, `${archive.source}: ${spec.kind} '${spec.target}' (graph input '${spec.name}') has no entry in ${payloadConfigPath(name, 'weights')} or ${payloadConfigPath(name, 'constants')}`);
    }
  }
  const own = new Set([jsonPath, payloadConfigPath(name, 'weights'), payloadConfigPath(name, 'constants')]);
  const entries = new Map<string, ArchiveEntry>();
  for (const path of archive.paths) {
    // Other models' JSON and the weight blobs are not entries; their bytes stay reachable via state.
    if (own.has(path) || path.startsWith('models/') || path.startsWith('data/weights/') || path.startsWith('data/constants/')) continue;
    entries.set(path, { path, bytes: archive.read(path) });
  }
  return { name, source: archive.source, program, state, modelNames, entries };
}
