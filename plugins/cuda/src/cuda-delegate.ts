import type {
  Availability, Capability, CapabilityContext, Device, ExecutorDelegate, Graph, Node, Partition, PreparedPartition, RunContext, RuntimeValue,
} from '@nativert/core';
import type { CudaContext } from './device/cuda-context.js';
import { CudaTransfer } from './cuda-transfer.js';
import { DevicePlan } from './device-plan.js';
import { GraphReplay } from './graph-replay.js';
import type { CudaOpDef } from './ops/cuda-op.js';

/** Why a node cannot run on the GPU, or undefined when it can. */
export function refusalReason(node: Node, graph: Graph, table: ReadonlyMap<string, CudaOpDef>): string | undefined {
  const def = table.get(node.target);
  if (!def) return `no cuda kernel for ${node.target}`;
  if (node.inputs.some((i) => i.arg.kind === 'graph')) return 'cuda: nodes with subgraphs stay on the host';
  return def.check?.(node, graph);
}

/**
 * The `cuda` delegate: claims the nodes it has float32 kernels for and runs each partition as a
 * queue of kernels and cuBLAS calls on one stream. When the GPU or its libraries are missing it
 * is constructed unavailable, with the reason, and the runtime goes on without it.
 */
export class CudaDelegate implements ExecutorDelegate {
  readonly name = 'cuda';
  readonly transfer?: CudaTransfer;

  constructor(
    readonly device: Device,
    private readonly cuda: CudaContext | { readonly unavailable: string },
    private readonly table: ReadonlyMap<string, CudaOpDef>,
    /** Replay fixed-shape partitions as CUDA graphs (see {@link GraphReplay}). */
    private readonly graphs = true,
    private readonly warn: (message: string) => void = () => {},
  ) {
    if (!('unavailable' in cuda)) this.transfer = new CudaTransfer(cuda, device);
  }

  availability(): Availability {
    return 'unavailable' in this.cuda ? { available: false, reason: this.cuda.unavailable } : { available: true };
  }

  getCapability(graph: Graph, context: CapabilityContext): Capability {
    const groups: string[][] = [];
    const refused = new Map<string, string>();
    for (const node of graph.nodes) {
      if (context.taken.has(node.name)) continue;
      const why = refusalReason(node, graph, this.table);
      if (why === undefined) groups.push([node.name]);
      else refused.set(node.name, why);
    }
    return { groups, refused };
  }

  /**
   * Gives the pool's cached device blocks back to the driver: a process that loads many runners
   * (each plugin instance has its own pool) would otherwise keep every one's cache to the end.
   */
  dispose(): void {
    if ('unavailable' in this.cuda) return;
    this.cuda.synchronize();
    this.cuda.pool.trim();
  }

  async prepare(partition: Partition): Promise<PreparedPartition> {
    if ('unavailable' in this.cuda) throw new Error(`cuda is unavailable: ${this.cuda.unavailable}`);
    const cuda = this.cuda;
    const plan = new DevicePlan(partition.graph, this.table);
    const ctx = { cuda, device: this.device };
    const replay = this.graphs ? new GraphReplay(plan, ctx, this.warn) : null;
    return {
      execute: async (inputs: readonly RuntimeValue[], run: RunContext) => {
        run.signal?.throwIfAborted();
        return replay ? replay.run(inputs) : plan.run(inputs, ctx);
      },
      release: () => replay?.release(),
    };
  }
}
