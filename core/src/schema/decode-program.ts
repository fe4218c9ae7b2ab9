// Schema `ExportedProgram` (a model JSON in the archive) -> IR ExportedProgram.
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { InputSpec, ExportedProgram, RangeConstraint } from '../ir/program.js';
import type { TreeSpec } from '../ir/tree-spec.js';
import { LEAF_SPEC, parseTreeSpec } from '../pytree/parse-tree-spec.js';
import { decodeGraph } from './decode-graph.js';
import { decodeInputSpec, decodeOutputSpec } from './decode-signature.js';
import { asArray, asInt, asObject, asString, field, malformed, mapArray, mapObject } from './json-path.js';

/** The schema major version this runtime reads (torch/_export/serde/schema.py SCHEMA_VERSION). */
export const SUPPORTED_SCHEMA_MAJOR = 8;

/** int_oo and sys.maxsize-like bounds mean "unbounded". */
const UNBOUNDED = 2 ** 62;

function bound(v: unknown, path: string, unbounded: number): number {
  if (v === null || v === undefined || v === 'Infinity' || v === '-Infinity') return unbounded;
  const n = asInt(v, path);
  return Math.abs(n) >= UNBOUNDED ? unbounded : n;
}

function decodeRangeConstraint(v: unknown, path: string): RangeConstraint {
  const obj = asObject(v, path);
  return { min: bound(obj['min_val'], `${path}.min_val`, -Infinity), max: bound(obj['max_val'], `${path}.max_val`, Infinity) };
}

function decodeSchemaVersion(v: unknown, path: string): { major: number; minor: number } {
  const obj = asObject(v, path);
  const version = { major: asInt(field(obj, 'major', path), `${path}.major`), minor: asInt(field(obj, 'minor', path), `${path}.minor`) };
  if (version.major !== SUPPORTED_SCHEMA_MAJOR) {
    throw new NativertError(ErrorCode.UnsupportedVersion, `${path}: schema version ${version.major}.${version.minor} is not supported (this runtime reads major ${SUPPORTED_SCHEMA_MAJOR})`);
  }
  return version;
}

/** Specs used when the program records no module call signature: positional user inputs, tuple output. */
function defaultSpecs(inputSpecs: readonly InputSpec[], userOutputs: number): { inSpec: TreeSpec; outSpec: TreeSpec } {
  const userInputs = inputSpecs.filter((s) => s.kind === 'user_input').length;
  const tuple = (n: number): TreeSpec => ({ type: 'builtins.tuple', context: null, children: Array<TreeSpec>(n).fill(LEAF_SPEC) });
  return {
    inSpec: { type: 'builtins.tuple', context: null, children: [tuple(userInputs), { type: 'builtins.dict', context: [], children: [] }] },
    outSpec: tuple(userOutputs),
  };
}

/**
 * Decodes a parsed model JSON into an {@link ExportedProgram}, validating its structure.
 * `where` names the source (e.g. `models/model.json`); errors read like
 * `models/model.json: graph_module.graph.nodes[3].inputs[0].arg: unknown argument kind 'as_foo'`.
 */
export function decodeExportedProgram(json: unknown, where: string): ExportedProgram {
  const root = asObject(json, where);
  const p = (s: string) => `${where}: ${s}`;
  // Version first: a different major may not have the fields read below.
  const schemaVersion = decodeSchemaVersion(field(root, 'schema_version', where), p('schema_version'));
  const gm = asObject(field(root, 'graph_module', where), p('graph_module'));
  const graph = decodeGraph(field(gm, 'graph', p('graph_module')), p('graph_module.graph'));
  const sig = asObject(field(gm, 'signature', p('graph_module')), p('graph_module.signature'));
  const inputSpecs = mapArray(field(sig, 'input_specs', p('graph_module.signature')), p('graph_module.signature.input_specs'), decodeInputSpec);
  const outputSpecs = mapArray(field(sig, 'output_specs', p('graph_module.signature')), p('graph_module.signature.output_specs'), decodeOutputSpec);
  const namedtupleFields = new Map<string, readonly string[]>();
  for (const [name, def] of mapObject(gm['treespec_namedtuple_fields'] ?? {}, p('graph_module.treespec_namedtuple_fields'), asObject)) {
    const fp = p(`graph_module.treespec_namedtuple_fields.${name}`);
    namedtupleFields.set(name, mapArray(field(def, 'field_names', fp), `${fp}.field_names`, asString));
  }
  const calls = asArray(gm['module_call_graph'] ?? [], p('graph_module.module_call_graph'));
  const topSig = calls.length > 0 ? asObject(calls[0], p('graph_module.module_call_graph[0]'))['signature'] : null;
  let specs = defaultSpecs(inputSpecs, outputSpecs.filter((s) => s.kind === 'user_output').length);
  let forwardArgNames: string[] = [];
  if (topSig !== null && topSig !== undefined) {
    const sp = p('graph_module.module_call_graph[0].signature');
    const s = asObject(topSig, sp);
    specs = {
      inSpec: parseTreeSpec(asString(field(s, 'in_spec', sp), `${sp}.in_spec`), `${sp}.in_spec`, namedtupleFields),
      outSpec: parseTreeSpec(asString(field(s, 'out_spec', sp), `${sp}.out_spec`), `${sp}.out_spec`, namedtupleFields),
    };
    const names = s['forward_arg_names'];
    if (names !== null && names !== undefined) forwardArgNames = mapArray(names, `${sp}.forward_arg_names`, asString);
  }
  if (specs.inSpec.children.length !== 2) malformed(p('in_spec'), 'a spec of (args, kwargs)', specs.inSpec.children);
  const torchVersion = root['torch_version'];
  return {
    graph,
    inputSpecs,
    outputSpecs,
    inSpec: specs.inSpec,
    outSpec: specs.outSpec,
    forwardArgNames,
    rangeConstraints: mapObject(root['range_constraints'] ?? {}, p('range_constraints'), decodeRangeConstraint),
    schemaVersion,
    ...(typeof torchVersion === 'string' ? { torchVersion } : {}),
  };
}
