import type { Device, Graph, Node } from '@nativert/core';
import { argumentValueNames, nodeOutputNames } from '@nativert/core';
import type { KernelArgs, KernelResult } from '@nativert/interpreter';
import type { CudaContext } from '../device/cuda-context.js';
import type { MemoryPool } from '../device/memory-pool.js';

/** What an op implementation gets besides its arguments. */
export interface CudaOpContext {
  readonly cuda: CudaContext;
  readonly device: Device;
  /** Where results are allocated when not the context's shared pool (a captured graph's own). */
  readonly pool?: MemoryPool;
}

/**
 * One CUDA op implementation for one or more targets. `check` says, from graph metadata only,
 * why a node cannot run here (undefined when it can); `run` queues the work on the plugin's
 * stream and returns device tensors (results are ready once the stream reaches them).
 */
export interface CudaOpDef {
  readonly ops: readonly string[];
  readonly check?: (node: Node, graph: Graph) => string | undefined;
  readonly run: (args: KernelArgs, ctx: CudaOpContext) => KernelResult;
}

/**
 * The float32-only rule: every tensor the node reads (except the named inputs in `except`) and
 * every tensor it writes must be float32. Returns the refusal reason, naming the value and dtype.
 */
export function float32Only(node: Node, graph: Graph, except: readonly string[] = []): string | undefined {
  for (const input of node.inputs) {
    if (except.includes(input.name)) continue;
    for (const v of argumentValueNames(input.arg)) {
      const meta = graph.tensorMeta(v);
      if (meta && meta.dtype !== 'float32') return `cuda runs float32 only; input '${input.name}' (${v}) is ${meta.dtype}`;
    }
  }
  for (const v of nodeOutputNames(node)) {
    const meta = graph.tensorMeta(v);
    if (meta && meta.dtype !== 'float32') return `cuda runs float32 only; output ${v} is ${meta.dtype}`;
  }
  return undefined;
}
