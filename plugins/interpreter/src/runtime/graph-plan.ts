import type { Graph, Node, RuntimeValue, Tensor } from '@nativert/core';
import { argumentValueNames, ErrorCode, NativertError, nodeInputNames, nodeOutputNames } from '@nativert/core';
import { KernelArgs } from '../kernel/kernel-args.js';
import type { KernelContext, KernelDef, KernelResult } from '../kernel/kernel-def.js';
import type { KernelRegistry } from '../kernel/kernel-registry.js';
import { bindOutputs } from './bind-outputs.js';
import { findConvChains } from './conv-fusion.js';
import type { FusedChain } from './fused-chain.js';
import { findGeluTanhChains } from './gelu-fusion.js';
import { findLinearChains } from './linear-fusion.js';
import type { FastPath } from './fast-paths/index.js';
import { FAST_PATHS } from './fast-paths/index.js';
import { OpProfile } from './op-profile.js';
import { F32Arena, swapArena } from '../native/f32-arena.js';

/** One node with its kernel (and native fast path, if any) resolved. */
interface NodeStep {
  readonly kind: 'node';
  readonly node: Node;
  readonly kernel: KernelDef;
  readonly fast: FastPath | undefined;
  /** Values this step defines. */
  readonly defines: readonly string[];
  /** Values whose last reader is this step: dropped after it runs so memory is freed early. */
  frees: readonly string[];
}

/** A fused chain, with its original nodes as the fallback. */
interface ChainStep {
  readonly kind: 'chain';
  readonly chain: FusedChain;
  readonly label: string;
  readonly fallback: readonly NodeStep[];
  readonly defines: readonly string[];
  frees: readonly string[];
}

type Step = NodeStep | ChainStep;

/** Per-run state: the value environment and what kernels see. */
interface Frame {
  readonly env: Map<string, RuntimeValue>;
  readonly lookup: (name: string) => RuntimeValue;
  readonly threads: number;
  readonly runSubgraph: (g: Graph, inputs: readonly RuntimeValue[]) => RuntimeValue[];
}

/**
 * A graph made ready to run, once: kernels and native fast paths resolved, conv + batch norm +
 * activation and linear + activation chains over constant weights fused, written-out tanh GELUs fused, linear weights packed
 * (`weights`: the partition's constants by value name), and last uses computed. `run` keeps its
 * values in its own frame and runs synchronously; float32 buffers of values past their last use
 * are recycled within and across runs by the plan's {@link F32Arena} (never a run's outputs), so
 * one plan serves concurrent runs. Set `NATIVERT_PROFILE=1` to print per-op times at exit.
 */
export class GraphPlan {
  private readonly steps: Step[];
  private readonly inputNames: string[];
  private readonly arena = new F32Arena();
  private running = false;

  constructor(readonly graph: Graph, registry: KernelRegistry, private readonly subplans: (g: Graph) => GraphPlan,
    weights: ReadonlyMap<string, Tensor> = new Map()) {
    this.inputNames = graph.inputs.map((a, i) => {
      const names = argumentValueNames(a);
      if (names.length !== 1) throw new NativertError(ErrorCode.Internal, `interpreter: graph input ${i} (${a.kind}) is not a single named value`);
      return names[0]!;
    });
    const nodeStep = (node: Node): NodeStep => {
      const kernel = registry.tryGet(node.target);
      if (!kernel) throw new NativertError(ErrorCode.UnsupportedOperator, `interpreter: no kernel for '${node.target}' (node '${node.name}')`);
      return { kind: 'node', node, kernel, fast: FAST_PATHS.get(node.target), defines: nodeOutputNames(node), frees: [] };
    };
    const chainAt = new Map<Node, FusedChain>(), fused = new Set<Node>();
    for (const c of [...findConvChains(graph, weights), ...findLinearChains(graph, weights), ...findGeluTanhChains(graph)]) {
      if (c.nodes.some((n) => fused.has(n))) continue;
      chainAt.set(c.nodes[0]!, c);
      for (const n of c.nodes) fused.add(n);
    }
    this.steps = [];
    for (const node of graph.nodes) {
      const chain = chainAt.get(node);
      if (chain !== undefined) {
        this.steps.push({
          kind: 'chain', chain, label: chain.nodes.map((n) => n.target).join(' + '), fallback: chain.nodes.map(nodeStep),
          defines: chain.nodes.flatMap(nodeOutputNames), frees: [],
        });
      } else if (!fused.has(node)) {
        this.steps.push(nodeStep(node));
      }
    }
    this.computeFrees();
  }

  private computeFrees(): void {
    const keep = new Set(this.graph.outputs.flatMap(argumentValueNames));
    const lastUse = new Map<string, number>();
    const nodesOf = (s: Step) => (s.kind === 'node' ? [s.node] : s.chain.nodes);
    this.steps.forEach((s, i) => {
      for (const n of nodesOf(s)) for (const v of nodeInputNames(n)) lastUse.set(v, i);
      for (const n of nodesOf(s)) for (const v of nodeOutputNames(n)) if (!lastUse.has(v)) lastUse.set(v, i);
    });
    const frees: string[][] = this.steps.map(() => []);
    for (const [v, i] of lastUse) if (!keep.has(v)) frees[i]!.push(v);
    this.steps.forEach((s, i) => { s.frees = frees[i]!; });
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
    const frame: Frame = { env, lookup, threads, runSubgraph: (g, ins) => this.subplans(g).run(ins, threads) };
    // A plan run inside itself (never expected) allocates afresh rather than sharing the arena.
    const arena = this.running ? null : this.arena;
    const outer = swapArena(arena);
    this.running = true;
    try {
      this.runSteps(frame, arena);
    } finally {
      if (arena !== null) {
        arena.endRun();
        this.running = false;
      }
      swapArena(outer);
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

  private runSteps(frame: Frame, arena: F32Arena | null): void {
    const { env } = frame;
    const profile = OpProfile.active();
    for (const step of this.steps) {
      const start = profile?.now() ?? 0;
      if (step.kind === 'node') {
        this.runNode(step, frame);
        profile?.record(step.node.target, start);
      } else {
        this.runChain(step, frame);
        profile?.record(step.label, start);
      }
      if (arena !== null) {
        for (const v of step.defines) arena.hold(env.get(v));
        for (const v of step.frees) {
          arena.drop(env.get(v));
          env.delete(v);
        }
      } else {
        for (const v of step.frees) env.delete(v);
      }
    }
  }

  private runNode(step: NodeStep, frame: Frame): void {
    const ctx: KernelContext = { node: step.node, threads: frame.threads, runSubgraph: frame.runSubgraph };
    let result: KernelResult | null;
    try {
      const args = new KernelArgs(step.node, frame.lookup);
      result = step.fast === undefined ? null : step.fast(args, ctx);
      if (result === null) result = step.kernel.run(args, ctx);
    } catch (e) {
      if (e instanceof NativertError) throw e;
      throw new NativertError(ErrorCode.Internal, `node '${step.node.name}' (${step.node.target}): ${(e as Error).message}`, { cause: e });
    }
    bindOutputs(step.node, result, frame.env);
  }

  private runChain(step: ChainStep, frame: Frame): void {
    const { chain } = step;
    let out: Tensor | null;
    try {
      out = chain.run(frame.lookup(chain.input), frame.threads);
    } catch (e) {
      if (e instanceof NativertError) throw e;
      const first = chain.nodes[0]!;
      throw new NativertError(ErrorCode.Internal, `node '${first.name}' (${step.label}): ${(e as Error).message}`, { cause: e });
    }
    if (out !== null) frame.env.set(chain.output, out);
    else for (const s of step.fallback) this.runNode(s, frame);
  }
}
