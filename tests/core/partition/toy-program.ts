// Builds small ExportedPrograms and LoadedModels from a compact text description, for tests of
// the partitioner and runner that need no archive.
import type { Argument, ExportedProgram, InputSpec, LoadedModel, Node, OutputSpec, RangeConstraint, SymDim, TensorMeta, TreeSpec, ValueInfo } from '@nativert/core';
import { CPU, Graph, Tensor } from '@nativert/core';

/** Short op names used in node lines, and the ATen targets they stand for. */
export const TOY_OPS: Readonly<Record<string, string>> = {
  add: 'aten.add.Tensor',
  mul: 'aten.mul.Tensor',
  relu: 'aten.relu.default',
  neg: 'aten.neg.default',
};

const SCHEMA_NAMES = ['self', 'other'];

/** A toy program: float32 tensors, same-shape elementwise ops. */
export interface ToySpec {
  /** User inputs by name with their dims (`'s0'` for a symbolic dim), in forward order. */
  readonly inputs: Readonly<Record<string, readonly (number | string)[]>>;
  /** Names among `inputs` passed as keyword arguments. */
  readonly kwargs?: readonly string[];
  /** Parameters (FQN = name) and their values; shape = [values.length]. */
  readonly params?: Readonly<Record<string, readonly number[]>>;
  /** Buffers (FQN = name) and their initial values; shape = [values.length]. */
  readonly buffers?: Readonly<Record<string, readonly number[]>>;
  /** Lines `out = op(a, b)`, op one of {@link TOY_OPS}, in topological order. */
  readonly nodes: readonly string[];
  /** User outputs (value names); a record makes the output a dict. */
  readonly outputs: readonly string[] | Readonly<Record<string, string>>;
  /** Output value → buffer it becomes (buffer mutation). */
  readonly bufferMutations?: Readonly<Record<string, string>>;
  /** Output value → user input it is written into (user input mutation). */
  readonly inputMutations?: Readonly<Record<string, string>>;
  readonly ranges?: Readonly<Record<string, readonly [number, number]>>;
}

const leaf: TreeSpec = { type: null, context: null, children: [] };

function meta(sizes: readonly SymDim[]): TensorMeta {
  return { dtype: 'float32', sizes, strides: [], storageOffset: 0, device: CPU, requiresGrad: false, layout: 'strided' };
}

/** Parses `c = add(a, b)` into a node named `c` defining value `c`. */
function parseNode(line: string): { name: string; op: string; args: string[] } {
  const m = /^\s*(\w+)\s*=\s*(\w+)\((.*)\)\s*$/.exec(line);
  if (!m) throw new Error(`bad toy node line '${line}'`);
  return { name: m[1]!, op: m[2]!, args: m[3]!.split(',').map((s) => s.trim()).filter((s) => s.length > 0) };
}

/** The ExportedProgram `spec` describes. */
export function toyProgram(spec: ToySpec): ExportedProgram {
  const values = new Map<string, ValueInfo>();
  const tensor = (name: string, sizes: readonly SymDim[]) => values.set(name, { kind: 'tensor', name, meta: meta(sizes) });
  const inputSpecs: InputSpec[] = [];
  for (const [fqn, v] of Object.entries(spec.params ?? {})) {
    tensor(`p_${fqn}`, [v.length]);
    inputSpecs.push({ kind: 'parameter', name: `p_${fqn}`, target: fqn });
  }
  for (const [fqn, v] of Object.entries(spec.buffers ?? {})) {
    tensor(`b_${fqn}`, [v.length]);
    inputSpecs.push({ kind: 'buffer', name: `b_${fqn}`, target: fqn, persistent: true });
  }
  const kw = new Set(spec.kwargs ?? []);
  const userNames = Object.keys(spec.inputs);
  const ordered = [...userNames.filter((n) => !kw.has(n)), ...userNames.filter((n) => kw.has(n))];
  for (const name of ordered) {
    tensor(name, spec.inputs[name]!.map((d) => (typeof d === 'number' ? d : { expr: d })));
    inputSpecs.push({ kind: 'user_input', arg: { kind: 'tensor', name } });
  }
  const ref = (n: string) => (values.has(n) ? n : spec.params?.[n] ? `p_${n}` : spec.buffers?.[n] ? `b_${n}` : n);
  const nodes: Node[] = spec.nodes.map((line) => {
    const { name, op, args } = parseNode(line);
    const target = TOY_OPS[op];
    if (!target) throw new Error(`unknown toy op '${op}'`);
    const first = values.get(ref(args[0]!));
    if (first?.kind !== 'tensor') throw new Error(`toy node '${name}' reads unknown value '${args[0]}'`);
    tensor(name, first.meta.sizes);
    return {
      name,
      target,
      inputs: args.map((a, i) => ({ name: SCHEMA_NAMES[i]!, arg: { kind: 'tensor', name: ref(a) } as Argument, kwOnly: false })),
      outputs: [{ kind: 'tensor', name }],
      metadata: {},
    };
  });
  const userOuts = Array.isArray(spec.outputs) ? (spec.outputs as readonly string[]) : Object.values(spec.outputs);
  const outputSpecs: OutputSpec[] = [
    ...Object.entries(spec.bufferMutations ?? {}).map(([name, target]): OutputSpec => ({ kind: 'buffer_mutation', name, target })),
    ...Object.entries(spec.inputMutations ?? {}).map(([name, target]): OutputSpec => ({ kind: 'user_input_mutation', name, target })),
    ...userOuts.map((n): OutputSpec => ({ kind: 'user_output', arg: { kind: 'tensor', name: ref(n) } })),
  ];
  const graphOutputs: Argument[] = outputSpecs.map((s) => (s.kind === 'user_output' ? s.arg : { kind: 'tensor', name: (s as { name: string }).name }));
  const graphInputs: Argument[] = inputSpecs.map((s) => (s.kind === 'user_input' ? s.arg : { kind: 'tensor', name: (s as { name: string }).name }));
  const positional = userNames.filter((n) => !kw.has(n));
  const kwNames = userNames.filter((n) => kw.has(n));
  const outSpec: TreeSpec = Array.isArray(spec.outputs)
    ? { type: 'builtins.tuple', context: null, children: userOuts.map(() => leaf) }
    : { type: 'builtins.dict', context: Object.keys(spec.outputs), children: userOuts.map(() => leaf) };
  const ranges = new Map<string, RangeConstraint>(Object.entries(spec.ranges ?? {}).map(([k, [min, max]]) => [k, { min, max }]));
  return {
    graph: new Graph(graphInputs, graphOutputs, nodes, values),
    inputSpecs,
    outputSpecs,
    inSpec: {
      type: 'builtins.tuple',
      context: null,
      children: [
        { type: 'builtins.tuple', context: null, children: positional.map(() => leaf) },
        { type: 'builtins.dict', context: kwNames, children: kwNames.map(() => leaf) },
      ],
    },
    outSpec,
    forwardArgNames: positional,
    rangeConstraints: ranges,
    schemaVersion: { major: 8, minor: 20 },
  };
}

/** A LoadedModel of `spec`, its state built from `params` and `buffers`. */
export function toyModel(spec: ToySpec): LoadedModel {
  const state = new Map<string, Tensor>();
  for (const [fqn, v] of Object.entries({ ...spec.params, ...spec.buffers })) state.set(fqn, Tensor.fromNumbers('float32', [v.length], v));
  return { name: 'model', source: '<toy>', program: toyProgram(spec), state, modelNames: ['model'], entries: new Map() };
}
