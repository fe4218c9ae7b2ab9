import koffi from 'koffi';
import type { Argument, Graph, SymRef, ValueInfo } from '@nativert/core';
import { argumentValueNames, dtypeToSchema, nodeInputNames, nodeOutputNames } from '@nativert/core';
import { AttrKind, DIM_SYMBOLIC, NODE_FLAG_TAKEN, NrtAttribute, NrtGraph, NrtNode, NrtValueInfo, ValueKind } from './abi.js';
import type { Address, NativeWriter } from './native-writer.js';

/** A graph laid out as `NrtGraph` in a writer's buffers. */
export interface EncodedGraph {
  /** Address of the `NrtGraph` struct; valid while the writer is referenced. */
  readonly address: Address;
  /** Node names by index, for decoding capability answers. */
  readonly nodeNames: readonly string[];
  /** Value names by id. */
  readonly valueNames: readonly string[];
}

type Attr = { kind: number; i?: bigint; f?: number; s?: Address; ints?: readonly (number | bigint)[]; floats?: readonly number[] };

const VALUE_KIND: Record<ValueInfo['kind'], number> = {
  tensor: ValueKind.Tensor, sym_int: ValueKind.SymInt, sym_float: ValueKind.SymFloat, sym_bool: ValueKind.SymBool, custom_obj: ValueKind.Other,
};

/**
 * Encodes `graph` in the ABI's C form: a value table (ids are indices), nodes with value ids and
 * every schema argument as a tagged attribute, and the graph's inputs and outputs as value ids.
 * Nodes named in `taken` carry `NRT_NODE_FLAG_TAKEN`.
 */
export function encodeGraph(w: NativeWriter, graph: Graph, taken: ReadonlySet<string> = new Set()): EncodedGraph {
  const ids = new Map<string, number>();
  const valueNames: string[] = [];
  const idOf = (name: string): number => {
    let id = ids.get(name);
    if (id === undefined) {
      id = valueNames.length;
      ids.set(name, id);
      valueNames.push(name);
    }
    return id;
  };
  for (const name of graph.values.keys()) idOf(name);
  const nodes = graph.nodes.map((node) => {
    const inputs = nodeInputNames(node).map(idOf);
    const outputs = nodeOutputNames(node).map(idOf);
    return {
      struct_size: koffi.sizeof(NrtNode),
      name: w.cstring(node.name),
      target: w.cstring(node.target),
      inputs: w.int32s(inputs),
      num_inputs: inputs.length,
      outputs: w.int32s(outputs),
      num_outputs: outputs.length,
      attributes: w.structs(NrtAttribute, node.inputs.map((input) => attribute(w, input.name, encodeArgument(w, input.arg, idOf)))),
      num_attributes: node.inputs.length,
      flags: taken.has(node.name) ? NODE_FLAG_TAKEN : 0,
    };
  });
  const inputs = graph.inputs.flatMap(argumentValueNames).map(idOf);
  const outputs = graph.outputs.flatMap(argumentValueNames).map(idOf);
  // Names referenced but absent from the value table were added by idOf; describe them as "other".
  const values = valueNames.map((name) => valueInfo(w, name, graph.values.get(name)));
  const address = w.structs(NrtGraph, [{
    struct_size: koffi.sizeof(NrtGraph),
    values: w.structs(NrtValueInfo, values),
    num_values: values.length,
    nodes: w.structs(NrtNode, nodes),
    num_nodes: nodes.length,
    inputs: w.int32s(inputs),
    num_inputs: inputs.length,
    outputs: w.int32s(outputs),
    num_outputs: outputs.length,
  }]);
  return { address, nodeNames: graph.nodes.map((n) => n.name), valueNames };
}

function valueInfo(w: NativeWriter, name: string, info: ValueInfo | undefined): Record<string, unknown> {
  const base = { struct_size: koffi.sizeof(NrtValueInfo), name: w.cstring(name), kind: ValueKind.Other, dtype: 0, rank: 0, sizes: 0n };
  if (!info) return base;
  if (info.kind !== 'tensor') return { ...base, kind: VALUE_KIND[info.kind] };
  const sizes = info.meta.sizes.map((d) => (typeof d === 'number' ? BigInt(d) : DIM_SYMBOLIC));
  return { ...base, kind: ValueKind.Tensor, dtype: dtypeToSchema(info.meta.dtype), rank: sizes.length, sizes: w.int64s(sizes) };
}

function attribute(w: NativeWriter, name: string, a: Attr): Record<string, unknown> {
  return {
    struct_size: koffi.sizeof(NrtAttribute),
    name: w.cstring(name),
    kind: a.kind,
    i: a.i ?? 0n,
    f: a.f ?? 0,
    s: a.s ?? 0n,
    ints: w.int64s(a.ints ?? []),
    num_ints: a.ints?.length ?? 0,
    floats: w.float64s(a.floats ?? []),
    num_floats: a.floats?.length ?? 0,
  };
}

/** Literal values of `refs`, or undefined when any is a symbolic name. */
function literals<T>(refs: readonly SymRef<T>[]): T[] | undefined {
  const out: T[] = [];
  for (const r of refs) {
    if (r.kind !== 'literal') return undefined;
    out.push(r.value);
  }
  return out;
}

function encodeArgument(w: NativeWriter, arg: Argument, idOf: (name: string) => number): Attr {
  const unsupported = (): Attr => ({ kind: AttrKind.Unsupported, s: w.cstring(arg.kind) });
  const value = (name: string): Attr => ({ kind: AttrKind.Value, i: BigInt(idOf(name)) });
  switch (arg.kind) {
    case 'none': return { kind: AttrKind.None };
    case 'tensor': return value(arg.name);
    case 'tensors': return { kind: AttrKind.Values, ints: arg.names.map(idOf) };
    case 'optional_tensor': return arg.name === null ? { kind: AttrKind.None } : value(arg.name);
    case 'optional_tensors': return { kind: AttrKind.Values, ints: arg.names.map((n) => (n === null ? -1 : idOf(n))) };
    case 'int': return { kind: AttrKind.Int, i: BigInt(arg.value) };
    case 'ints': return { kind: AttrKind.Ints, ints: arg.values };
    case 'float': return { kind: AttrKind.Float, f: arg.value };
    case 'floats': return { kind: AttrKind.Floats, floats: arg.values };
    case 'bool': return { kind: AttrKind.Bool, i: arg.value ? 1n : 0n };
    case 'bools': return { kind: AttrKind.Ints, ints: arg.values.map((b) => (b ? 1 : 0)) };
    case 'string': return { kind: AttrKind.String, s: w.cstring(arg.value) };
    case 'sym_int': return arg.value.kind === 'literal' ? { kind: AttrKind.Int, i: BigInt(arg.value.value) } : value(arg.value.name);
    case 'sym_float': return arg.value.kind === 'literal' ? { kind: AttrKind.Float, f: arg.value.value } : value(arg.value.name);
    case 'sym_bool': return arg.value.kind === 'literal' ? { kind: AttrKind.Bool, i: arg.value.value ? 1n : 0n } : value(arg.value.name);
    case 'sym_ints': {
      const lit = literals(arg.values);
      return lit ? { kind: AttrKind.Ints, ints: lit } : unsupported();
    }
    case 'sym_floats': {
      const lit = literals(arg.values);
      return lit ? { kind: AttrKind.Floats, floats: lit } : unsupported();
    }
    case 'scalar_type': return { kind: AttrKind.DType, i: BigInt(dtypeToSchema(arg.dtype)) };
    // Enum-like arguments travel as their PyTorch spelling.
    case 'memory_format':
    case 'layout': return { kind: AttrKind.String, s: w.cstring(arg.value) };
    case 'device': return { kind: AttrKind.String, s: w.cstring(`${arg.device.type}:${arg.device.index}`) };
    default: return unsupported();
  }
}
