import type { Argument } from '../ir/argument.js';
import { argumentValueNames } from '../ir/argument.js';
import type { Node, ValueInfo } from '../ir/graph.js';
import { Graph, nodeInputNames, nodeOutputNames } from '../ir/graph.js';

/** The graph argument that passes value `name` in or out of a subgraph, by its value kind. */
export function valueArgument(name: string, info: ValueInfo | undefined): Argument {
  switch (info?.kind) {
    case 'sym_int': return { kind: 'sym_int', value: { kind: 'name', name } };
    case 'sym_float': return { kind: 'sym_float', value: { kind: 'name', name } };
    case 'sym_bool': return { kind: 'sym_bool', value: { kind: 'name', name } };
    case 'custom_obj': return { kind: 'custom_obj', name, classFqn: info.classFqn };
    default: return { kind: 'tensor', name };
  }
}

/**
 * The closed graph of `nodes` (a subset of `graph.nodes`, in graph order): inputs are the values
 * its nodes read but do not define (graph inputs, weights, other partitions' outputs), in order
 * of first read; outputs are the values it defines that `isReadOutside` says are needed
 * elsewhere. Control-flow subgraphs stay inside the nodes that own them.
 */
export function buildSubgraph(graph: Graph, nodes: readonly Node[], isReadOutside: (value: string) => boolean): Graph {
  const defined = new Set<string>();
  const inputs: string[] = [];
  const seenInputs = new Set<string>();
  const outputs: string[] = [];
  for (const n of nodes) {
    for (const v of nodeInputNames(n)) {
      if (!defined.has(v) && !seenInputs.has(v)) {
        seenInputs.add(v);
        inputs.push(v);
      }
    }
    for (const v of nodeOutputNames(n)) {
      defined.add(v);
      if (isReadOutside(v)) outputs.push(v);
    }
  }
  const values = new Map<string, ValueInfo>();
  for (const v of [...inputs, ...defined]) {
    const info = graph.values.get(v);
    if (info) values.set(v, info);
  }
  const arg = (v: string) => valueArgument(v, graph.values.get(v));
  return new Graph(inputs.map(arg), outputs.map(arg), nodes, values);
}

/** Names of the values `graph.outputs` returns. */
export function graphOutputNames(graph: Graph): Set<string> {
  return new Set(graph.outputs.flatMap(argumentValueNames));
}
