import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { Device } from '../tensor/device.js';
import type { DType } from '../tensor/dtype.js';
import type { Argument, Layout } from './argument.js';
import { argumentValueNames } from './argument.js';

/** A dimension: a known int, or a symbolic expression over range-constrained symbols (`s0`, `s0 + 1`). */
export type SymDim = number | { readonly expr: string; readonly hint?: number };

/** Static metadata of a tensor value as recorded at export (`TensorMeta` in the schema). */
export interface TensorMeta {
  readonly dtype: DType;
  readonly sizes: readonly SymDim[];
  readonly strides: readonly SymDim[];
  readonly storageOffset: SymDim;
  readonly device: Device;
  readonly requiresGrad: boolean;
  readonly layout: Layout;
}

/** What a named graph value is. Tensors carry metadata; symbolic scalars carry their expression. */
export type ValueInfo =
  | { readonly kind: 'tensor'; readonly name: string; readonly meta: TensorMeta }
  | { readonly kind: 'sym_int'; readonly name: string; readonly value: SymDim }
  | { readonly kind: 'sym_float'; readonly name: string; readonly value: number | { readonly expr: string; readonly hint?: number } }
  | { readonly kind: 'sym_bool'; readonly name: string; readonly value: boolean | { readonly expr: string; readonly hint?: boolean } }
  | { readonly kind: 'custom_obj'; readonly name: string; readonly classFqn: string };

/** A named input of a node, as in the operator schema (`self`, `other`, `dim`, ...). */
export interface NodeInput {
  readonly name: string;
  readonly arg: Argument;
  /** True for keyword-only schema arguments. */
  readonly kwOnly: boolean;
}

/**
 * One operator call. `target` is the op without the `torch.ops.` prefix: `aten.add.Tensor`,
 * `higher_order.cond`, or a Python callable path such as `_operator.getitem`.
 * Arguments the exporter left at their schema default are absent from `inputs`.
 */
export interface Node {
  readonly name: string;
  readonly target: string;
  readonly inputs: readonly NodeInput[];
  readonly outputs: readonly Argument[];
  readonly metadata: Readonly<Record<string, string>>;
}

/** The argument named `name` of `node`, or undefined when absent (left at its default). */
export function tryGetInput(node: Node, name: string): Argument | undefined {
  return node.inputs.find((i) => i.name === name)?.arg;
}

/** Names of every value `node` reads. */
export function nodeInputNames(node: Node): string[] {
  return node.inputs.flatMap((i) => argumentValueNames(i.arg));
}

/** Names of every value `node` defines. */
export function nodeOutputNames(node: Node): string[] {
  return node.outputs.flatMap(argumentValueNames);
}

/**
 * A dataflow graph in topological order. The Graph owns its nodes and value table; nodes refer
 * to values by name. `inputs` are placeholders in signature order (parameters, buffers, constants,
 * then user inputs); `outputs` are returned values in signature order. Immutable once built.
 */
export class Graph {
  readonly inputs: readonly Argument[];
  readonly outputs: readonly Argument[];
  readonly nodes: readonly Node[];
  readonly values: ReadonlyMap<string, ValueInfo>;
  private readonly producers = new Map<string, Node>();
  private readonly consumers = new Map<string, Node[]>();
  private readonly byName = new Map<string, Node>();

  constructor(inputs: readonly Argument[], outputs: readonly Argument[], nodes: readonly Node[], values: ReadonlyMap<string, ValueInfo>) {
    this.inputs = inputs;
    this.outputs = outputs;
    this.nodes = nodes;
    this.values = values;
    for (const n of nodes) {
      this.byName.set(n.name, n);
      for (const v of nodeOutputNames(n)) this.producers.set(v, n);
      for (const v of new Set(nodeInputNames(n))) {
        const list = this.consumers.get(v);
        if (list) list.push(n);
        else this.consumers.set(v, [n]);
      }
    }
  }

  /** The node named `name`; throws if absent. */
  getNode(name: string): Node {
    const n = this.byName.get(name);
    if (!n) throw new NativertError(ErrorCode.NotFound, `graph has no node named '${name}'`);
    return n;
  }

  /** The node named `name`, or undefined. */
  tryGetNode(name: string): Node | undefined {
    return this.byName.get(name);
  }

  /** The node defining value `name`, or undefined for graph inputs. */
  producerOf(name: string): Node | undefined {
    return this.producers.get(name);
  }

  /** Nodes reading value `name`, in graph order. */
  consumersOf(name: string): readonly Node[] {
    return this.consumers.get(name) ?? [];
  }

  /** Metadata of tensor value `name`, or undefined if it is not a tensor with metadata. */
  tensorMeta(name: string): TensorMeta | undefined {
    const v = this.values.get(name);
    return v?.kind === 'tensor' ? v.meta : undefined;
  }
}
