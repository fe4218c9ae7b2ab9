import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Argument, DType, Node, RuntimeValue } from '@nativert/core';
import { Tensor, contiguousStrides, writeNumbers } from '@nativert/core';
import type { KernelContext, KernelResult } from '@nativert/interpreter';
import { ALL_KERNELS, KernelArgs, KernelRegistry } from '@nativert/interpreter';

/** A tensor as gen-fixtures.py writes it (NaN and infinities as strings). */
export interface FixtureTensor {
  readonly dtype: DType;
  readonly shape: number[];
  readonly data: (number | string)[];
}

/** One case of fixtures/<group>.json: an op call and PyTorch's outputs. */
export interface FixtureCase {
  readonly name: string;
  readonly target: string;
  readonly inputs: { name: string; kwOnly: boolean; arg: Argument }[];
  readonly tensors: Record<string, FixtureTensor>;
  readonly outputs: FixtureTensor[];
  readonly rtol: number;
  readonly atol: number;
}

/** Reads the cases of fixtures/<group>.json (written by gen-fixtures.py from PyTorch). */
export function readCases(group: string): FixtureCase[] {
  const url = new URL(`../../../../interpreter/kernels/reduction/fixtures/${group}.json`, import.meta.url);
  return (JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as { cases: FixtureCase[] }).cases;
}

function number(v: number | string): number {
  if (typeof v === 'number') return v;
  return v === 'nan' ? NaN : v === 'inf' ? Infinity : -Infinity;
}

/** The fixture tensor as a contiguous tensor. */
export function toTensor(t: FixtureTensor): Tensor {
  return Tensor.fromNumbers(t.dtype, t.shape, t.data.map(number));
}

/**
 * The same values in a non-contiguous view: dims laid out in reverse order, one element of offset.
 * Kernels must read through strides and offsets, so results must not change.
 */
export function toStridedTensor(t: FixtureTensor): Tensor {
  const n = t.shape.reduce((a, b) => a * b, 1);
  const rev = contiguousStrides([...t.shape].reverse()).reverse();
  const view = Tensor.zeros(t.dtype, [n + 1]).asStrided(t.shape, rev, 1);
  writeNumbers(view, t.data.map(number));
  return view;
}

const registry = new KernelRegistry(ALL_KERNELS);

/** Runs the case's kernel with its inputs made by `make`. */
export function runCase(c: FixtureCase, make: (t: FixtureTensor) => Tensor): KernelResult {
  const values = new Map<string, RuntimeValue>(Object.entries(c.tensors).map(([k, t]) => [k, make(t)]));
  // JSON has no infinities: float arguments like ord=inf arrive as strings.
  const inputs = c.inputs.map((i) => (i.arg.kind === 'float' ? { ...i, arg: { kind: 'float' as const, value: number(i.arg.value) } } : i));
  const node: Node = { name: `case_${c.name}`, target: c.target, inputs, outputs: [], metadata: {} };
  const def = registry.tryGet(c.target);
  if (def === undefined) throw new Error(`no kernel for ${c.target}`);
  const ctx: KernelContext = { node, threads: 1, runSubgraph: () => { throw new Error('no subgraphs'); } };
  return def.run(new KernelArgs(node, (name) => values.get(name)!), ctx);
}
