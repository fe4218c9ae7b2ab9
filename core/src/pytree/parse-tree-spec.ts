// Parses PyTorch's `treespec_dumps` text (protocol 1) into a TreeSpec.
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { TreeSpec } from '../ir/tree-spec.js';
import { asArray, asObject, asString, describeJson, field, malformed, mapArray } from '../schema/json-path.js';
import { DICT_TYPES, NAMEDTUPLE_TYPE, NONE_TYPE, SEQUENCE_TYPES } from './tree-spec-types.js';

/** The only `treespec_dumps` protocol PyTorch writes. */
const PROTOCOL = 1;

/** The leaf spec (one value, any kind). */
export const LEAF_SPEC: TreeSpec = Object.freeze({ type: null, context: null, children: [] });

function parseJsonText(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new NativertError(ErrorCode.InvalidArchive, `${path}: invalid JSON (${(e as Error).message})`);
  }
}

function parseNode(v: unknown, path: string, namedtupleFields: ReadonlyMap<string, readonly string[]>): TreeSpec {
  const obj = asObject(v, path);
  const type = field(obj, 'type', path);
  const children = mapArray(field(obj, 'children_spec', path), `${path}.children_spec`, (c, p) => parseNode(c, p, namedtupleFields));
  if (type === null) return LEAF_SPEC;
  const typeName = asString(type, `${path}.type`);
  const rawContext = obj['context'];
  let context: unknown = null;
  if (typeName === NAMEDTUPLE_TYPE) {
    // The context is the namedtuple's registered type name; its fields sit beside the graph.
    const name = asString(rawContext, `${path}.context`);
    context = namedtupleFields.get(name) ?? null;
  } else if (DICT_TYPES.has(typeName)) {
    const parsed = parseJsonText(asString(rawContext, `${path}.context`), `${path}.context`);
    // defaultdict wraps its key list in {default_factory_module, default_factory_name, dict_context}.
    const keys = typeName === 'collections.defaultdict' ? field(asObject(parsed, `${path}.context`), 'dict_context', `${path}.context`) : parsed;
    context = asArray(keys, `${path}.context`);
    if ((context as unknown[]).length !== children.length) malformed(`${path}.context`, `${children.length} keys (one per child)`, context);
  } else if (!SEQUENCE_TYPES.has(typeName) && typeName !== NONE_TYPE) {
    throw new NativertError(ErrorCode.UnsupportedVersion, `${path}: pytree type '${typeName}' is not supported (supported: ${[...SEQUENCE_TYPES, ...DICT_TYPES, NAMEDTUPLE_TYPE, NONE_TYPE].join(', ')})`);
  }
  return { type: typeName, context, children };
}

/**
 * Parses a pytree spec string (`[1, {"type": ..., "context": ..., "children_spec": [...]}]`).
 * Dict contexts become key arrays; namedtuple contexts become field-name arrays looked up in
 * `namedtupleFields` (the program's `treespec_namedtuple_fields`), or null when not recorded.
 * `where` names the file and field for errors.
 */
export function parseTreeSpec(text: string, where: string, namedtupleFields: ReadonlyMap<string, readonly string[]> = new Map()): TreeSpec {
  const top = asArray(parseJsonText(text, where), where);
  if (top.length !== 2 || top[0] !== PROTOCOL) {
    throw new NativertError(ErrorCode.UnsupportedVersion, `${where}: expected a pytree spec of protocol ${PROTOCOL} ([${PROTOCOL}, {...}]), given ${describeJson(top)} with protocol ${String(top[0])}`);
  }
  return parseNode(top[1], `${where}[1]`, namedtupleFields);
}

/** Number of leaves `spec` flattens to. */
export function treeSpecLeafCount(spec: TreeSpec): number {
  if (spec.type === null) return 1;
  return spec.children.reduce((n, c) => n + treeSpecLeafCount(c), 0);
}
