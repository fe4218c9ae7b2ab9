import type { Graph, Node, RuntimeValue, Tensor } from '@nativert/core';
import type { KernelArgs } from './kernel-args.js';

/** What a kernel returns: one value, or one entry per node output (null for an unused output). */
export type KernelResult = RuntimeValue | readonly (RuntimeValue | readonly Tensor[] | null)[];

/** Per-call context of a kernel. */
export interface KernelContext {
  readonly node: Node;
  readonly threads: number;
  /** Runs a nested graph (control-flow subgraphs) with the interpreter's own kernels. */
  runSubgraph(graph: Graph, inputs: readonly RuntimeValue[]): RuntimeValue[];
}

/**
 * One kernel, registered for one or more op targets (`aten.add.Tensor`). `run` reads arguments
 * by their schema names through {@link KernelArgs} and must not mutate inputs unless the op is
 * in-place (`add_`, `copy_`, `index_put_`), whose result is the mutated input itself.
 */
export interface KernelDef {
  readonly ops: readonly string[];
  readonly run: (args: KernelArgs, ctx: KernelContext) => KernelResult;
}
