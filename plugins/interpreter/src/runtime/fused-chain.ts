import type { Node, RuntimeValue, Tensor } from '@nativert/core';
import { argumentValueNames, nodeInputNames } from '@nativert/core';
import { KernelArgs } from '../kernel/kernel-args.js';

/**
 * A run of nodes over constant weights replaced by one native call (conv + batch norm +
 * activation, linear + activation), found once when the plan is made. `nodes` are the original
 * nodes, run instead when `run` declines its input.
 */
export interface FusedChain {
  readonly nodes: readonly Node[];
  /** Value name of the chain's one run-time input. */
  readonly input: string;
  /** Value name the chain's last node defines. */
  readonly output: string;
  /** Runs the chain on `x`, or returns null when the native path does not apply to `x`. */
  run(x: RuntimeValue, threads: number): Tensor | null;
}

/** How a graph's values are used: reader counts (graph outputs count twice) and the last reader of each. */
export interface ValueUses {
  readonly count: ReadonlyMap<string, number>;
  readonly consumer: ReadonlyMap<string, Node>;
}

/** The reader counts and consumers of every value of `nodes` and `outputs`. */
export function valueUses(nodes: readonly Node[], outputs: readonly string[]): ValueUses {
  const count = new Map<string, number>(), consumer = new Map<string, Node>();
  for (const n of nodes) {
    for (const v of nodeInputNames(n)) {
      count.set(v, (count.get(v) ?? 0) + 1);
      consumer.set(v, n);
    }
  }
  for (const v of outputs) count.set(v, (count.get(v) ?? 0) + 2);
  return { count, consumer };
}

/** Reads literal arguments only: a symbolic or tensor argument throws, making a chain ineligible. */
export function literalArgs(node: Node): KernelArgs {
  return new KernelArgs(node, (name) => {
    throw new Error(`'${name}' is not a constant`);
  });
}

/** The value name of tensor argument `arg`: null when absent or None, undefined when not a tensor. */
export function tensorName(node: Node, arg: string): string | null | undefined {
  const a = node.inputs.find((i) => i.name === arg)?.arg;
  if (a === undefined || a.kind === 'none' || (a.kind === 'optional_tensor' && a.name === null)) return null;
  if (a.kind === 'tensor' || a.kind === 'optional_tensor') return a.name;
  return undefined;
}

/** The node's only used output name, or null when it has several used outputs. */
export function mainOutput(node: Node, uses: ValueUses): string | null {
  const names = node.outputs.flatMap(argumentValueNames);
  if (names.length === 0 || names.slice(1).some((n) => (uses.count.get(n) ?? 0) > 0)) return null;
  return names[0]!;
}

/** The float32 host weight behind `name`, or null. */
export function constantF32(weights: ReadonlyMap<string, Tensor>, name: string | null | undefined): Tensor | null {
  if (name === null || name === undefined) return null;
  const t = weights.get(name);
  return t !== undefined && t.dtype === 'float32' && t.storage.kind === 'host' ? t : null;
}

/** The node reading `value` when it is that value's only reader, else null. */
export function soleConsumer(value: string | null, uses: ValueUses): Node | null {
  if (value === null || uses.count.get(value) !== 1) return null;
  return uses.consumer.get(value) ?? null;
}
