import type { Argument, Node, NodeInput, RuntimeValue } from '@nativert/core';
import { Tensor } from '@nativert/core';
import type { KernelContext, KernelResult } from '@nativert/interpreter';
import { ALL_KERNELS, KernelArgs, KernelRegistry } from '@nativert/interpreter';
import { expect } from 'chai';

/** An argument value for {@link runOp}; `{ float }` forces a float scalar, `{ dtype }` a ScalarType. */
export type OpArg = Tensor | Tensor[] | number | number[] | boolean | string | null | { float: number };

const registry = new KernelRegistry(ALL_KERNELS);

/** Runs the interpreter kernel of `target` on named arguments, as the graph runner would. */
export function runOp(target: string, args: Record<string, OpArg>, threads = 1): KernelResult {
  const values = new Map<string, RuntimeValue>();
  const inputs: NodeInput[] = Object.entries(args).map(([name, v]) => ({ name, arg: toArgument(name, v, values), kwOnly: false }));
  const node: Node = { name: `test_${target}`, target, inputs, outputs: [], metadata: {} };
  const def = registry.tryGet(target);
  if (def === undefined) throw new Error(`no kernel for ${target}`);
  const ctx: KernelContext = { node, threads, runSubgraph: () => { throw new Error('no subgraphs'); } };
  return def.run(new KernelArgs(node, (n) => values.get(n)!), ctx);
}

function toArgument(name: string, v: OpArg, values: Map<string, RuntimeValue>): Argument {
  if (v === null) return { kind: 'none' };
  if (v instanceof Tensor) {
    values.set(name, v);
    return { kind: 'tensor', name };
  }
  if (Array.isArray(v) && v.length > 0 && v[0] instanceof Tensor) {
    const names = (v as Tensor[]).map((t, i) => { values.set(`${name}_${i}`, t); return `${name}_${i}`; });
    return { kind: 'tensors', names };
  }
  if (Array.isArray(v)) return { kind: 'ints', values: v as number[] };
  if (typeof v === 'number') return Number.isInteger(v) ? { kind: 'int', value: v } : { kind: 'float', value: v };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (typeof v === 'string') return { kind: 'string', value: v };
  return { kind: 'float', value: v.float };
}

/** A float32 tensor with values 0..n-1 scaled and shifted so products stay small: `(arange(n) % 7 - 3) * scale`. */
export function ramp(shape: number[], scale = 0.25, dtype: 'float32' | 'float64' = 'float32'): Tensor {
  const n = shape.reduce((x, y) => x * y, 1);
  return Tensor.fromNumbers(dtype, shape, Array.from({ length: n }, (_, i) => ((i % 7) - 3) * scale));
}

/** Asserts `got` has `shape` and its values match `want` within `|g - w| <= atol + rtol * |w|`. */
export function expectClose(got: unknown, shape: number[], want: ArrayLike<number>, rtol = 1e-5, atol = 1e-5): void {
  expect(got).to.be.instanceOf(Tensor);
  const t = got as Tensor;
  expect([...t.shape]).to.deep.equal(shape);
  const g = t.toFloat64();
  expect(g.length).to.equal(want.length);
  for (let i = 0; i < g.length; i++) {
    const w = want[i]!;
    if (Math.abs(g[i]! - w) > atol + rtol * Math.abs(w) || Number.isNaN(g[i]!) !== Number.isNaN(w)) {
      throw new Error(`element ${i}: got ${g[i]}, want ${w}`);
    }
  }
}
