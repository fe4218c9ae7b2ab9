import type { Argument, Graph, Node, NodeInput, RuntimeValue } from '@nativert/core';
import { Tensor } from '@nativert/core';
import type { KernelContext, KernelResult } from '@nativert/interpreter';
import { ALL_KERNELS, GraphPlan, KernelArgs, KernelRegistry } from '@nativert/interpreter';
import { expect } from 'chai';

/** An argument of {@link runKernel}: plain values, `{ opt }` for a Tensor?[] list, `{ graph }`, `{ sym }` for a named SymInt/SymBool. */
export type KArg =
  | Tensor | Tensor[] | number | number[] | boolean | string | null
  | { float: number } | { opt: (Tensor | null)[] } | { graph: Graph } | { sym: number | boolean };

export const registry = new KernelRegistry(ALL_KERNELS);

/** Runs a graph with the interpreter's kernels (for control-flow subgraphs). */
export function runGraph(g: Graph, inputs: readonly RuntimeValue[]): RuntimeValue[] {
  const plan = (x: Graph): GraphPlan => new GraphPlan(x, registry, plan);
  return plan(g).run(inputs, 1);
}

/**
 * Runs the kernel of `target` on `args` as the graph runner would: named inputs for ATen ops;
 * names that are empty strings for positional (higher-order and Python-callable) ops.
 */
export function runKernel(target: string, args: [string, KArg][]): KernelResult {
  const values = new Map<string, RuntimeValue>();
  const inputs: NodeInput[] = args.map(([name, v], i) => ({ name, arg: toArgument(`v${i}`, v, values), kwOnly: false }));
  const node: Node = { name: `test_${target}`, target, inputs, outputs: [], metadata: {} };
  const def = registry.tryGet(target);
  if (def === undefined) throw new Error(`no kernel for ${target}`);
  const ctx: KernelContext = { node, threads: 1, runSubgraph: runGraph };
  return def.run(new KernelArgs(node, (n) => values.get(n)!), ctx);
}

function toArgument(name: string, v: KArg, values: Map<string, RuntimeValue>): Argument {
  if (v === null) return { kind: 'none' };
  if (v instanceof Tensor) {
    values.set(name, v);
    return { kind: 'tensor', name };
  }
  if (Array.isArray(v)) {
    if (v.length > 0 && v[0] instanceof Tensor) {
      return { kind: 'tensors', names: (v as Tensor[]).map((t, i) => { values.set(`${name}_${i}`, t); return `${name}_${i}`; }) };
    }
    return { kind: 'ints', values: v as number[] };
  }
  if (typeof v === 'number') return Number.isInteger(v) ? { kind: 'int', value: v } : { kind: 'float', value: v };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (typeof v === 'string') return { kind: 'string', value: v };
  if ('float' in v) return { kind: 'float', value: v.float };
  if ('graph' in v) return { kind: 'graph', name, graph: v.graph };
  if ('sym' in v) {
    values.set(name, v.sym);
    return typeof v.sym === 'boolean' ? { kind: 'sym_bool', value: { kind: 'name', name } } : { kind: 'sym_int', value: { kind: 'name', name } };
  }
  return {
    kind: 'optional_tensors',
    names: v.opt.map((t, i) => {
      if (t === null) return null;
      values.set(`${name}_${i}`, t);
      return `${name}_${i}`;
    }),
  };
}

/** A float32 tensor holding 0..n-1 (as `torch.arange(n.).reshape(shape)`). */
export function arange(shape: number[], dtype: 'float32' | 'int64' = 'float32'): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return Tensor.fromNumbers(dtype, shape, Array.from({ length: n }, (_, i) => i));
}

/** Asserts `got` is a tensor of `shape` (and `dtype` when given) whose values match `want` within 1e-6. */
export function expectTensor(got: unknown, shape: number[], want: ArrayLike<number>, dtype?: string): void {
  expect(got).to.be.instanceOf(Tensor);
  const t = got as Tensor;
  expect([...t.shape]).to.deep.equal(shape);
  if (dtype !== undefined) expect(t.dtype).to.equal(dtype);
  const g = [...t.toFloat64()];
  expect(g.length).to.equal(want.length);
  g.forEach((x, i) => expect(Math.abs(x - want[i]!), `element ${i}: got ${x}, want ${want[i]}`).to.be.at.most(1e-6 + 1e-6 * Math.abs(want[i]!)));
}
