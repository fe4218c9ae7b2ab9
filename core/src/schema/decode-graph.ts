// Schema `Graph` (and its nodes and value tables) -> IR Graph.
import type { Node, NodeInput, ValueInfo } from '../ir/graph.js';
import { Graph } from '../ir/graph.js';
import { decodeArgument, decodeArguments } from './decode-argument.js';
import { decodeSymBool, decodeSymFloat, decodeSymInt, decodeTensorMeta } from './decode-tensor-meta.js';
import { asArray, asInt, asObject, asString, field, mapArray, mapObject } from './json-path.js';

/** Schema `ArgumentKind.KEYWORD`. */
const KEYWORD = 2;

/** `torch.ops.aten.add.Tensor` -> `aten.add.Tensor`; Python callables keep their path. */
export function normalizeTarget(target: string): string {
  return target.startsWith('torch.ops.') ? target.slice('torch.ops.'.length) : target;
}

function decodeNodeInput(v: unknown, path: string): NodeInput {
  const obj = asObject(v, path);
  const kind = obj['kind'];
  return {
    name: asString(field(obj, 'name', path), `${path}.name`),
    arg: decodeArgument(field(obj, 'arg', path), `${path}.arg`),
    kwOnly: kind !== null && kind !== undefined && asInt(kind, `${path}.kind`) === KEYWORD,
  };
}

function decodeNode(v: unknown, path: string, index: number): Node {
  const obj = asObject(v, path);
  const metadata = obj['metadata'] === undefined || obj['metadata'] === null
    ? {}
    : Object.fromEntries(mapObject(obj['metadata'], `${path}.metadata`, asString));
  const name = obj['name'];
  return {
    // Schemas before node names (name: null) get a positional one so every node is addressable.
    name: name === null || name === undefined ? `node_${index}` : asString(name, `${path}.name`),
    target: normalizeTarget(asString(field(obj, 'target', path), `${path}.target`)),
    inputs: mapArray(field(obj, 'inputs', path), `${path}.inputs`, decodeNodeInput),
    outputs: decodeArguments(field(obj, 'outputs', path), `${path}.outputs`),
    metadata,
  };
}

/** Optional value tables: absent or null in older schemas means empty. */
function table(obj: Readonly<Record<string, unknown>>, key: string): unknown {
  return obj[key] ?? {};
}

/** Decodes a schema `Graph`, recursing into `as_graph` subgraphs; `path` prefixes every error. */
export function decodeGraph(v: unknown, path: string): Graph {
  const obj = asObject(v, path);
  const values = new Map<string, ValueInfo>();
  for (const [name, meta] of mapObject(field(obj, 'tensor_values', path), `${path}.tensor_values`, decodeTensorMeta)) {
    values.set(name, { kind: 'tensor', name, meta });
  }
  for (const [name, value] of mapObject(table(obj, 'sym_int_values'), `${path}.sym_int_values`, decodeSymInt)) {
    values.set(name, { kind: 'sym_int', name, value });
  }
  for (const [name, value] of mapObject(table(obj, 'sym_float_values'), `${path}.sym_float_values`, decodeSymFloat)) {
    values.set(name, { kind: 'sym_float', name, value });
  }
  for (const [name, value] of mapObject(table(obj, 'sym_bool_values'), `${path}.sym_bool_values`, decodeSymBool)) {
    values.set(name, { kind: 'sym_bool', name, value });
  }
  for (const [name, o] of mapObject(table(obj, 'custom_obj_values'), `${path}.custom_obj_values`, asObject)) {
    const p = `${path}.custom_obj_values.${name}`;
    values.set(name, { kind: 'custom_obj', name, classFqn: asString(field(o, 'class_fqn', p), `${p}.class_fqn`) });
  }
  const nodes = asArray(field(obj, 'nodes', path), `${path}.nodes`).map((x, i) => decodeNode(x, `${path}.nodes[${i}]`, i));
  return new Graph(
    decodeArguments(field(obj, 'inputs', path), `${path}.inputs`),
    decodeArguments(field(obj, 'outputs', path), `${path}.outputs`),
    nodes,
    values,
  );
}
