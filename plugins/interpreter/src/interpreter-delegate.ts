import type {
  Availability, Capability, CapabilityContext, ExecutorDelegate, Graph, Node, Partition, PreparedPartition, PrepareContext, RunContext, RuntimeValue,
} from '@nativert/core';
import type { Tensor } from '@nativert/core';
import { CPU } from '@nativert/core';
import { alignedF32 } from './native/f32-tensor.js';
import type { KernelRegistry } from './kernel/kernel-registry.js';
import { GraphPlan } from './runtime/graph-plan.js';

/**
 * The partition's weights with float32 tensors whose bytes are not 4-byte aligned (archive entries
 * can start anywhere) copied once, so the native kernels can read every weight in place.
 */
function alignedWeights(weights: ReadonlyMap<string, Tensor>): ReadonlyMap<string, Tensor> {
  const out = new Map<string, Tensor>();
  for (const [name, t] of weights) {
    out.set(name, alignedF32(t));
  }
  return out;
}

/**
 * The CPU fallback delegate: claims every node it has a kernel for (control-flow nodes only when
 * every node of their subgraphs is supported too) and runs partitions node by node.
 */
export class InterpreterDelegate implements ExecutorDelegate {
  readonly name = 'interpreter';
  readonly device = CPU;
  private readonly plans = new WeakMap<Graph, GraphPlan>();

  constructor(private readonly registry: KernelRegistry, private readonly threads: number) {}

  availability(): Availability {
    return { available: true };
  }

  getCapability(graph: Graph, context: CapabilityContext): Capability {
    const groups: string[][] = [];
    const refused = new Map<string, string>();
    for (const node of graph.nodes) {
      if (context.taken.has(node.name)) continue;
      const missing = this.missingKernel(node);
      if (missing === undefined) groups.push([node.name]);
      else refused.set(node.name, missing === node.target ? `no kernel for ${missing}` : `subgraph uses ${missing}, which has no kernel`);
    }
    return { groups, refused };
  }

  async prepare(partition: Partition, context: PrepareContext): Promise<PreparedPartition> {
    const weights = alignedWeights(partition.weights);
    const plan = weights.size === 0 ? this.planFor(partition.graph) : new GraphPlan(partition.graph, this.registry, (g) => this.planFor(g), weights);
    const threads = context.threads || this.threads;
    // Weights copied at prepare replace the runtime's tensors at the same input positions.
    const swaps = partition.graph.inputs.flatMap((a, i) => {
      const w = a.kind === 'tensor' && weights.get(a.name) !== partition.weights.get(a.name) ? weights.get(a.name) : undefined;
      return w === undefined ? [] : [[i, w] as const];
    });
    return {
      execute: async (inputs: readonly RuntimeValue[], run: RunContext) => {
        let given = inputs;
        if (swaps.length > 0) {
          const copy = [...inputs];
          for (const [i, w] of swaps) copy[i] = w;
          given = copy;
        }
        return plan.run(given, run.threads || threads);
      },
      release: () => {},
    };
  }

  private planFor(graph: Graph): GraphPlan {
    let plan = this.plans.get(graph);
    if (!plan) {
      plan = new GraphPlan(graph, this.registry, (g) => this.planFor(g));
      this.plans.set(graph, plan);
    }
    return plan;
  }

  /** The first op target under `node` (itself or inside its subgraphs) without a kernel. */
  private missingKernel(node: Node): string | undefined {
    if (!this.registry.tryGet(node.target)) return node.target;
    for (const input of node.inputs) {
      if (input.arg.kind !== 'graph') continue;
      for (const inner of input.arg.graph.nodes) {
        const m = this.missingKernel(inner);
        if (m !== undefined) return m;
      }
    }
    return undefined;
  }
}
