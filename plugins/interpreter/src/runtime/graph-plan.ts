import type { Graph, Node, RuntimeValue } from '@nativert/core';
import { argumentValueNames, ErrorCode, NativertError, nodeInputNames, nodeOutputNames, Tensor } from '@nativert/core';
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
import { FoldKey, shapeOnlyNodes } from './shape-fold.js';
import { ViewMemo } from './view-memo.js';
import { F32Arena, swapArena } from '../native/f32-arena.js';

/** One node with its kernel (and native fast path, if any) resolved. */
interface NodeStep {
  readonly kind: 'node';
  readonly node: Node;
  readonly kernel: KernelDef;
  readonly fast: FastPath | undefined;
  /** For view ops: the last layout produced, replayed while `self`'s layout repeats. */
  readonly memo: ViewMemo | undefined;
  /** True when the node depends on input shapes only: its results are cached across runs. */
  readonly folded: boolean;
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
 * activation and linear + activation chains over constant weights fused, written-out tanh GELUs fused,
 * nodes that depend only on input shapes (masks, positions) cached while shapes repeat, linear weights packed
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
  /** Shape-only values read by unfolded steps, and the last run's values of them (null: none valid). */
  private readonly boundary: ReadonlySet<string>;
  private readonly foldKey: FoldKey;
  private cache: Map<string, RuntimeValue> | null = null;

  constructor(readonly graph: Graph, registry: KernelRegistry, private readonly subplans: (g: Graph) => GraphPlan,
    weights: ReadonlyMap<string, Tensor> = new Map()) {
    this.inputNames = graph.inputs.map((a, i) => {
      const names = argumentValueNames(a);
      if (names.length !== 1) throw new NativertError(ErrorCode.Internal, `interpreter: graph input ${i} (${a.kind}) is not a single named value`);
      return names[0]!;
    });
    const folded = shapeOnlyNodes(graph, new Set(this.inputNames.filter((n) => weights.has(n))));
    this.foldKey = new FoldKey(this.inputNames.map((n) => weights.has(n)));
    const nodeStep = (node: Node): NodeStep => {
      const kernel = registry.tryGet(node.target);
      if (!kernel) throw new NativertError(ErrorCode.UnsupportedOperator, `interpreter: no kernel for '${node.target}' (node '${node.name}')`);
      return { kind: 'node', node, kernel, fast: FAST_PATHS.get(node.target), memo: ViewMemo.of(node, graph.values), folded: folded.has(node), defines: nodeOutputNames(node), frees: [] };
    };
    const chainAt = new Map<Node, FusedChain>(), fused = new Set<Node>();
    for (const c of [...findConvChains(graph, weights), ...findLinearChains(graph, weights), ...findGeluTanhChains(graph)]) {
      if (c.nodes.some((n) => fused.has(n) || folded.has(n))) continue;
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
    const foldedValues = new Set([...folded].flatMap(nodeOutputNames));
    this.boundary = new Set(this.steps.flatMap((s) => (s.kind === 'node' && s.folded ? [] : s.kind === 'node' ? [s.node] : s.chain.nodes))
      .flatMap(nodeInputNames).filter((v) => foldedValues.has(v)));
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
      this.runSteps(frame, arena, inputs);
    } finally {
      if (arena !== null) {
        arena.endRun();
        this.running = false;
      }
      swapArena(outer);
    }
    return this.graph.outputs.map((a) => {
      switch (a.kind) {
        case 'tensor': return this.unshared(lookup(a.name));
        case 'sym_int': case 'sym_float': case 'sym_bool':
          return a.value.kind === 'name' ? lookup(a.value.name) : a.value.value;
        case 'int': case 'float': case 'bool': return a.value;
        default: throw new NativertError(ErrorCode.Internal, `interpreter: unsupported graph output kind '${a.kind}'`);
      }
    });
  }

  /** `v`, or a copy when it shares storage with a cached shape-only value (callers may write outputs). */
  private unshared(v: RuntimeValue): RuntimeValue {
    if (this.cache === null || !(v instanceof Tensor)) return v;
    for (const c of this.cache.values()) if (c instanceof Tensor && c.storage === v.storage) return v.clone();
    return v;
  }

  private runSteps(frame: Frame, arena: F32Arena | null, inputs: readonly RuntimeValue[]): void {
    const { env } = frame;
    const profile = OpProfile.active();
    // Top-level runs reuse shape-only values while input shapes repeat; nested runs compute all.
    let fill: Map<string, RuntimeValue> | null = null, reuse = false;
    if (arena !== null && this.boundary.size > 0) {
      reuse = this.foldKey.same(inputs) && this.cache !== null;
      if (reuse) for (const [v, value] of this.cache!) env.set(v, value);
      else fill = new Map();
      if (!reuse) this.cache = null;
    }
    for (const step of this.steps) {
      if ((reuse || fill !== null) && step.kind === 'node' && step.folded) {
        if (!reuse) this.fillFolded(step, frame, fill!);
        for (const v of step.frees) {
          arena?.drop(env.get(v));
          env.delete(v);
        }
        continue;
      }
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
    if (fill !== null) this.cache = fill;
  }

  /** Runs a shape-only step outside the arena (its values outlive the run) and keeps what later steps read. */
  private fillFolded(step: NodeStep, frame: Frame, fill: Map<string, RuntimeValue>): void {
    const profile = OpProfile.active(), start = profile?.now() ?? 0;
    const outer = swapArena(null);
    try {
      this.runNode(step, frame);
    } finally {
      swapArena(outer);
    }
    profile?.record(step.node.target, start);
    for (const v of step.defines) {
      const value = frame.env.get(v);
      if (this.boundary.has(v) && value !== undefined) fill.set(v, value);
    }
  }

  private runNode(step: NodeStep, frame: Frame): void {
    let result: KernelResult | null;
    try {
      result = step.memo === undefined ? null : step.memo.replay(frame.lookup);
      if (result === null) {
        const ctx: KernelContext = { node: step.node, threads: frame.threads, runSubgraph: frame.runSubgraph };
        const args = new KernelArgs(step.node, frame.lookup);
        result = step.fast === undefined ? null : step.fast(args, ctx);
        if (result === null) result = step.kernel.run(args, ctx);
        step.memo?.record(frame.lookup, result);
      }
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
