// Loading archives for the aoti delegate. An AOTI-only package (`*.aoti_cpu.pt2`) has no model
// JSON, so `loadAotiPackage` builds a LoadedModel whose program is one `nativert.aoti_call` node
// following the compiled model's call spec. Archives with nativert lowering nodes load with
// core's loadModel; `loadAotiModel` adds an early, clearer refusal without the opt-in. The
// delegate finds the compiled blobs among the archive entries core passes it.
import type { ArchiveEntry, Argument, ExportedProgram, LoadedModel, Node } from '@nativert/core';
import { ErrorCode, Graph, NativertError, Pt2Archive, loadModel, parseTreeSpec, treeSpecLeafCount } from '@nativert/core';
import { AOTI_CALL_TARGET, AOTI_NODE_TARGETS, parseAotiCall } from './aoti-call-node.js';
import { aotiBlobNames, getAotiBlob } from './aoti-artifacts.js';
import { readStaticCallSpec } from './static-call-spec.js';

/** Options of {@link loadAotiPackage} and {@link loadAotiModel}. */
export interface LoadAotiOptions {
  /** The integrator's opt-in to native code from archives; without it loading is refused. */
  readonly allowNativeCode?: boolean;
  /** The compiled model folder under `data/aotinductor/` (default: the only one). */
  readonly blob?: string;
}

function notAllowed(source: string, what: string, fallback: string): NativertError {
  return new NativertError(ErrorCode.NativeCodeNotAllowed, `${source}: ${what} is native code (AOTInductor); running it needs the opt-in allowNativeCode: true (CLI --allow-native)${fallback}`);
}

/**
 * Loads an AOTI-only package (`<name>.aoti_cpu.pt2`) as a LoadedModel with a one-node program
 * (`nativert.aoti_call`) that the aoti delegate runs. Inputs and outputs follow the compiled
 * model's call spec, read without running any of its code. Throws NativeCodeNotAllowed without
 * `allowNativeCode`, since nothing else in the archive can run.
 */
export async function loadAotiPackage(source: string | Uint8Array, options: LoadAotiOptions = {}): Promise<LoadedModel> {
  const archive = await Pt2Archive.open(source);
  const entries = new Map<string, ArchiveEntry>(archive.paths.map((path) => [path, { path, bytes: archive.read(path) }]));
  const names = aotiBlobNames(entries);
  const blobName = options.blob ?? (names.length === 1 ? names[0]! : undefined);
  if (blobName === undefined) {
    throw new NativertError(ErrorCode.NotFound, `${archive.source}: expected one AOTInductor blob under data/aotinductor/, found ${names.length ? names.join(', ') : 'none'}${names.length > 1 ? ' (pass options.blob)' : ''}`);
  }
  const blob = getAotiBlob(entries, blobName, archive.source);
  if (!options.allowNativeCode) throw notAllowed(archive.source, blob.so.path, '');
  const spec = readStaticCallSpec(blob, archive.source);
  const where = `${archive.source}: ${blob.so.path} call spec`;
  const inSpec = parseTreeSpec(spec.inSpec, `${where} (inputs)`);
  const outSpec = parseTreeSpec(spec.outSpec, `${where} (outputs)`);
  const inputs = Array.from({ length: treeSpecLeafCount(inSpec) }, (_, i) => `input_${i}`);
  const outputs = Array.from({ length: treeSpecLeafCount(outSpec) }, (_, i) => `output_${i}`);
  const tensor = (name: string): Argument => ({ kind: 'tensor', name });
  const node: Node = {
    name: 'aoti_call',
    target: AOTI_CALL_TARGET,
    inputs: [
      { name: 'blob', arg: { kind: 'string', value: blobName }, kwOnly: false },
      { name: 'args', arg: { kind: 'tensors', names: inputs }, kwOnly: false },
    ],
    outputs: outputs.map(tensor),
    metadata: {},
  };
  // Dtypes and shapes are checked by the compiled model itself (it names the input at fault).
  const graph = new Graph(inputs.map(tensor), outputs.map(tensor), [node], new Map());
  const program: ExportedProgram = {
    graph,
    inputSpecs: inputs.map((name) => ({ kind: 'user_input', arg: tensor(name) })),
    outputSpecs: outputs.map((name) => ({ kind: 'user_output', arg: tensor(name) })),
    inSpec,
    outSpec,
    forwardArgNames: [],
    rangeConstraints: new Map(),
    schemaVersion: { major: 0, minor: 0 },
  };
  return { name: blobName, source: archive.source, program, state: new Map(), modelNames: [], entries };
}

/**
 * Loads model `modelName` of a PT2 archive with core's loadModel, for the aoti delegate (nativert lowering: model `model-aoti`, whose delegate-call node
 * runs `data/aotinductor/model-aoti/`). Without `allowNativeCode`, a model whose nodes are all
 * delegate calls is refused with NativeCodeNotAllowed, naming the plain model to run instead.
 */
export async function loadAotiModel(source: string | Uint8Array, modelName: string, options: LoadAotiOptions = {}): Promise<LoadedModel> {
  const model = await loadModel(source, { modelName });
  const calls = model.program.graph.nodes.filter((n) => AOTI_NODE_TARGETS.has(n.target));
  if (!options.allowNativeCode && calls.length > 0 && calls.length === model.program.graph.nodes.length) {
    const blob = parseAotiCall(calls[0]!);
    const others = model.modelNames.filter((n) => n !== modelName);
    throw notAllowed(model.source, `model '${modelName}' (${'blob' in blob ? `data/aotinductor/${blob.blob}/` : calls[0]!.target})`,
      others.length ? `; or run model ${others.map((n) => `'${n}'`).join(', ')} with the interpreter` : '');
  }
  return model;
}
