import type { Graph, Node, RuntimeValue } from '@nativert/core';
import { argumentValueNames, ErrorCode, NativertError, nodeInputNames, nodeOutputNames } from '@nativert/core';
import { KernelArgs } from '../kernel/kernel-args.js';
import type { KernelContext, KernelDef, KernelResult } from '../kernel/kernel-def.js';
import type { KernelRegistry } from '../kernel/kernel-registry.js';
import { bindOutputs } from './bind-outputs.js';

interface PlannedNode {
  readonly node: Node;
  readonly kernel: KernelDef;
  /** Values whose last reader is this node: dropped after it runs so memory is freed early. */
  readonly frees: readonly string[];
}

/**
 * A graph made ready to run: kernels resolved once, last uses computed once. `run` keeps all
 * per-run state in its own frame, so one plan serves concurrent runs.
 */
export class GraphPlan {
  private readonly steps: PlannedNode[];
  private readonly inputNames: string[];

  constructor(readonly graph: Graph, registry: KernelRegistry, private readonly subplans: (g: Graph) => GraphPlan) {
    this.inputNames = graph.inputs.map((a, i) => {
      const names = argumentValueNames(a);
      if (names.length !== 1) throw new NativertError(ErrorCode.Internal, `interpreter: graph input ${i} (${a.kind}) is not a single named value`);
      return names[0]!;
    });
    const keep = new Set(graph.outputs.flatMap(argumentValueNames));
    const lastUse = new Map<string, number>();
    graph.nodes.forEach((n, i) => {
      for (const v of nodeInputNames(n)) lastUse.set(v, i);
      for (const v of nodeOutputNames(n)) if (!lastUse.has(v)) lastUse.set(v, i);
    });
    const frees: string[][] = graph.nodes.map(() => []);
    for (const [v, i] of lastUse) if (!keep.has(v)) frees[i]!.push(v);
    this.steps = graph.nodes.map((node, i) => {
      const kernel = registry.tryGet(node.target);
      if (!kernel) throw new NativertError(ErrorCode.UnsupportedOperator, `interpreter: no kernel for '${node.target}' (node '${node.name}')`);
      return { node, kernel, frees: frees[i]! };
    });
  }

  /** Runs the graph on `inputs` (in `graph.inputs` order); returns values in `graph.outputs` order. */
  run(inputs: readonly RuntimeValue[], threads: number): RuntimeValue[] {
    if (inputs.length !== this.inputNames.length) {
      throw new NativertError(ErrorCode.Internal, `interpreter: graph expects ${this.inputNames.length} inputs, given ${inputs.length}`);
    }
    const env = new Map<string, RuntimeValue>();
    this.inputNames.forEach((n, i) => env.set(n, inputs[i]!));
    const lookup = (name: string): RuntimeValue => {
      const v = env.get(name);
      if (v === undefined) throw new NativertError(ErrorCode.Internal, `interpreter: value '${name}' is not defined at this point`);
      return v;
    };
    for (const step of this.steps) {
      const ctx: KernelContext = {
        node: step.node,
        threads,
        runSubgraph: (g, ins) => this.subplans(g).run(ins, threads),
      };
      let result: KernelResult;
      try {
        result = step.kernel.run(new KernelArgs(step.node, lookup), ctx);
      } catch (e) {
        if (e instanceof NativertError) throw e;
        throw new NativertError(ErrorCode.Internal, `node '${step.node.name}' (${step.node.target}): ${(e as Error).message}`, { cause: e });
      }
      bindOutputs(step.node, result, env);
      for (const v of step.frees) env.delete(v);
    }
    return this.graph.outputs.map((a) => {
      switch (a.kind) {
        case 'tensor': return lookup(a.name);
        case 'sym_int': case 'sym_float': case 'sym_bool':
          return a.value.kind === 'name' ? lookup(a.value.name) : a.value.value;
        case 'int': case 'float': case 'bool': return a.value;
        default: throw new NativertError(ErrorCode.Internal, `interpreter: unsupported graph output kind '${a.kind}'`);
      }
    });
  }
}
