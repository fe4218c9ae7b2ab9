import type { Argument, DType, ExportedProgram, Node, NodeInput, Partition, PrepareContext, SymDim, ValueInfo } from '@nativert/core';
import { CPU, Graph, NO_ARCHIVE, Tensor, defaultLogger } from '@nativert/core';

/** A tensor value's metadata for a hand-built graph. */
export function tensorValue(name: string, dtype: DType, sizes: readonly SymDim[]): ValueInfo {
  return {
    kind: 'tensor', name,
    meta: { dtype, sizes, strides: [], storageOffset: 0, device: CPU, requiresGrad: false, layout: 'strided' },
  };
}

/** A tensor argument. */
export const t = (name: string): Argument => ({ kind: 'tensor', name });

/** A node with named inputs and one tensor output. */
export function node(name: string, target: string, inputs: Record<string, Argument>, output: string): Node {
  const ins: NodeInput[] = Object.entries(inputs).map(([n, arg]) => ({ name: n, arg, kwOnly: false }));
  return { name, target, inputs: ins, outputs: [t(output)], metadata: {} };
}

/** A graph over `values`, reading `inputs` and returning `outputs`. */
export function graph(values: readonly ValueInfo[], inputs: readonly string[], nodes: readonly Node[], outputs: readonly string[]): Graph {
  return new Graph(inputs.map(t), outputs.map(t), nodes, new Map(values.map((v) => [v.name, v])));
}

/** A minimal program around `g`, for contexts that want one. */
export function program(g: Graph): ExportedProgram {
  return {
    graph: g, inputSpecs: [], outputSpecs: [],
    inSpec: { type: null, context: null, children: [] },
    outSpec: { type: null, context: null, children: [] },
    forwardArgNames: [], rangeConstraints: new Map(), schemaVersion: { major: 8, minor: 20 },
  };
}

/** A partition of the whole of `g` for `delegate`, with `weights` among its inputs. */
export function partition(g: Graph, delegate: string, weights: ReadonlyMap<string, Tensor> = new Map()): Partition {
  return { id: 0, delegate, device: { type: 'mtia', index: 0 }, graph: g, weights };
}

/** A prepare context for `g`. */
export function prepareContext(g: Graph, options: Readonly<Record<string, unknown>> = {}): PrepareContext {
  return { program: program(g), archive: NO_ARCHIVE, options, threads: 1, logger: defaultLogger };
}

/** Deterministic pseudo-random float32 tensor (no Math.random: reproducible failures). */
export function randomTensor(shape: readonly number[], seed: number): Tensor {
  let s = seed >>> 0 || 1;
  const n = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
  return Tensor.fromNumbers('float32', shape, values);
}
