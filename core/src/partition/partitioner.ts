import type { ExecutorDelegate } from '../delegate/executor-delegate.js';
import type { Logger } from '../delegate/logger.js';
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import { argumentValueNames } from '../ir/argument.js';
import type { Graph } from '../ir/graph.js';
import { nodeOutputNames } from '../ir/graph.js';
import type { ExportedProgram } from '../ir/program.js';
import type { ArchiveContents } from '../model/loaded-model.js';
import { NO_ARCHIVE } from '../model/loaded-model.js';
import { ClusterGraph } from './cluster-graph.js';
import { collectCopies } from './device-copies.js';
import type { DelegateSummary, NodeAssignment, PartitionReport, Refusal, SkippedDelegate } from './partition-report.js';
import { buildSubgraph, graphOutputNames } from './subgraph.js';

/** What to partition and among whom. */
export interface PartitionOptions {
  readonly program: ExportedProgram;
  /** The archive it came from, shown to delegates; none by default. */
  readonly archive?: ArchiveContents;
  /** Available delegates in priority order: the first is asked first. */
  readonly delegates: readonly ExecutorDelegate[];
  /** Options per delegate name, passed to `getCapability`. */
  readonly pluginOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** When set, the first delegate must take every node (no fallback). */
  readonly strict?: boolean;
  /** Node name → the only delegate allowed to run it. */
  readonly placement?: Readonly<Record<string, string>>;
  readonly logger: Logger;
}

/** One partition before `prepare`: a closed subgraph and the delegate that will run it. */
export interface PlannedPartition {
  /** Index in execution order. */
  readonly id: number;
  readonly delegate: ExecutorDelegate;
  readonly graph: Graph;
}

/** The partitioner's result: partitions in a topological order, and the report. */
export interface PartitionPlan {
  readonly partitions: readonly PlannedPartition[];
  readonly report: PartitionReport;
}

/**
 * Splits the program's graph among `delegates`, ONNX Runtime style: each delegate in priority
 * order claims node groups among the nodes still untaken; its claims are merged into maximal
 * connected partitions whose contraction leaves the partition graph acyclic; multi-node groups
 * stay whole. A delegate that throws from `getCapability` is skipped with a warning. Nodes no
 * delegate claims make it throw `UnsupportedOperator` listing each of them.
 */
export function partitionProgram(options: PartitionOptions): PartitionPlan {
  const { program, delegates } = options;
  const graph = program.graph;
  const index = new Map(graph.nodes.map((n, i) => [n.name, i]));
  const succ = graph.nodes.map((n) => [...new Set(nodeOutputNames(n).flatMap((v) => graph.consumersOf(v).map((c) => index.get(c.name)!)))]);
  const clusters = new ClusterGraph(succ);
  const links = dataflowLinks(graph, index, succ);
  const placement = checkPlacement(options, index);
  const taken = new Set<string>();
  const refusals: Refusal[] = [];
  const skipped: SkippedDelegate[] = [];

  delegates.forEach((delegate, rank) => {
    const claimed = claimGroups(delegate, options, clusters, index, taken, placement, refusals, skipped);
    if (claimed === undefined) {
      if (options.strict && rank === 0) throw unsupported(graph, taken, refusals, `strict mode: delegate '${delegate.name}' failed its capability query and cannot run`);
      return;
    }
    growPartitions(delegate.name, clusters, links);
    for (const i of claimed) taken.add(graph.nodes[i]!.name);
    if (options.strict && rank === 0 && taken.size < graph.nodes.length) {
      throw unsupported(graph, taken, refusals, `strict mode: delegate '${delegate.name}' must run every node but refused`);
    }
  });
  if (taken.size < graph.nodes.length) {
    throw unsupported(graph, taken, refusals, 'no delegate can run');
  }
  return assemble(graph, delegates, clusters, refusals, skipped);
}

/** Validates the placement map against the graph and delegate names. */
function checkPlacement(options: PartitionOptions, index: ReadonlyMap<string, number>): ReadonlyMap<string, string> {
  const names = new Set(options.delegates.map((d) => d.name));
  const placement = new Map(Object.entries(options.placement ?? {}));
  for (const [node, delegate] of placement) {
    if (!index.has(node)) throw new NativertError(ErrorCode.InvalidArgument, `placement names node '${node}', which the graph does not have`);
    if (!names.has(delegate)) {
      throw new NativertError(ErrorCode.InvalidArgument, `placement puts node '${node}' on delegate '${delegate}', which is not among the available delegates (${[...names].join(', ')})`);
    }
  }
  return placement;
}

/**
 * Asks `delegate` what it claims among untaken nodes and records its groups as clusters it owns.
 * Returns the claimed node indices, or undefined when the delegate threw and is skipped.
 */
function claimGroups(
  delegate: ExecutorDelegate,
  options: PartitionOptions,
  clusters: ClusterGraph,
  index: ReadonlyMap<string, number>,
  taken: ReadonlySet<string>,
  placement: ReadonlyMap<string, string>,
  refusals: Refusal[],
  skipped: SkippedDelegate[],
): number[] | undefined {
  const { program, logger } = options;
  const name = delegate.name;
  let capability;
  try {
    capability = delegate.getCapability(program.graph, { program, archive: options.archive ?? NO_ARCHIVE, taken: new Set(taken), options: options.pluginOptions?.[name] ?? {} });
  } catch (e) {
    const reason = `getCapability threw: ${(e as Error).message}`;
    logger.warn(`delegate '${name}' skipped: ${reason}`);
    skipped.push({ delegate: name, stage: 'capability', reason });
    return undefined;
  }
  for (const [node, reason] of capability.refused ?? []) {
    if (index.has(node) && !taken.has(node)) refusals.push({ node, delegate: name, reason });
  }
  const claimed = new Set<number>();
  for (const group of capability.groups) {
    const unknown = group.filter((n) => !index.has(n));
    if (unknown.length > 0) {
      logger.warn(`delegate '${name}' claimed unknown node(s) ${unknown.map((n) => `'${n}'`).join(', ')}; group ignored`);
      continue;
    }
    const members = group.filter((n) => !taken.has(n));
    // A one-node claim on a taken node is simply ignored; a fused group must be taken whole.
    if (members.length === 0) continue;
    const refuse = (reason: string) => {
      for (const n of members) refusals.push({ node: n, delegate: name, reason });
    };
    const idx = members.map((n) => index.get(n)!);
    if (members.length < group.length) refuse(`fused group [${group.join(', ')}] overlaps nodes taken by an earlier delegate`);
    else if (members.some((n) => (placement.get(n) ?? name) !== name)) refuse(`fused group [${group.join(', ')}] includes nodes placed on another delegate`);
    else if (idx.some((i) => claimed.has(i))) refuse(`node claimed in two groups by '${name}'`);
    else if (idx.length > 1 && clusters.mergeCreatesCycle(idx)) refuse(`fused group [${group.join(', ')}] is not convex: a path leaves it and re-enters`);
    else {
      clusters.merge(idx);
      clusters.setOwner(idx[0]!, name);
      for (const i of idx) claimed.add(i);
    }
  }
  return [...claimed];
}

/**
 * Merges clusters owned by `delegate` along dataflow links until no merge is possible without a
 * cycle (each check visits only the clusters ranked between the two; a single delegate is
 * immediate). Links are producer→consumer edges and consumers of one value (connected through
 * that value), so independent nodes reading one input share a partition.
 */
function growPartitions(delegate: string, clusters: ClusterGraph, links: readonly (readonly [number, number])[]): void {
  const roots = clusters.roots();
  if (roots.length === 0) return;
  if (roots.every((r) => clusters.owner(r) === delegate)) {
    // One delegate runs everything: the whole graph contracts to one node, so no cycle can arise.
    clusters.merge(roots);
    return;
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [u, v] of links) {
      if (clusters.owner(u) !== delegate || clusters.owner(v) !== delegate || clusters.find(u) === clusters.find(v)) continue;
      if (!clusters.mergeCreatesCycle([u, v])) {
        clusters.merge([u, v]);
        changed = true;
      }
    }
  }
}

/** Dataflow links between nodes, in graph order: each edge, then each pair of successive readers of one value. */
function dataflowLinks(graph: Graph, index: ReadonlyMap<string, number>, succ: readonly (readonly number[])[]): [number, number][] {
  const links: [number, number][] = [];
  succ.forEach((vs, u) => {
    for (const v of vs) links.push([u, v]);
  });
  const values = new Set([...graph.inputs.flatMap(argumentValueNames), ...graph.nodes.flatMap(nodeOutputNames)]);
  for (const value of values) {
    const readers = graph.consumersOf(value);
    for (let k = 1; k < readers.length; k++) links.push([index.get(readers[k - 1]!.name)!, index.get(readers[k]!.name)!]);
  }
  return links;
}

/** The `UnsupportedOperator` error listing every node outside `taken` with its op and reasons. */
function unsupported(graph: Graph, taken: ReadonlySet<string>, refusals: readonly Refusal[], lead: string): NativertError {
  const reasons = new Map<string, string[]>();
  for (const r of refusals) {
    const list = reasons.get(r.node) ?? [];
    list.push(`${r.delegate}: ${r.reason}`);
    reasons.set(r.node, list);
  }
  const lines = graph.nodes.filter((n) => !taken.has(n.name)).map((n) => {
    const why = reasons.get(n.name) ?? [];
    return `  node '${n.name}' (${n.target})${why.length > 0 ? `: ${why.join('; ')}` : ': not claimed'}`;
  });
  return new NativertError(ErrorCode.UnsupportedOperator, `${lead} ${lines.length} node(s):\n${lines.join('\n')}`);
}

/** Orders clusters into partitions, builds their subgraphs and the report. */
function assemble(
  graph: Graph,
  delegates: readonly ExecutorDelegate[],
  clusters: ClusterGraph,
  refusals: readonly Refusal[],
  skipped: readonly SkippedDelegate[],
): PartitionPlan {
  const byName = new Map(delegates.map((d) => [d.name, d]));
  const partOfNode = new Map<string, number>();
  const roots = clusters.topologicalRoots();
  roots.forEach((r, id) => {
    for (const i of clusters.nodesOf(r)) partOfNode.set(graph.nodes[i]!.name, id);
  });
  const outs = graphOutputNames(graph);
  const partitions: PlannedPartition[] = roots.map((r, id) => {
    const nodes = clusters.nodesOf(r).map((i) => graph.nodes[i]!);
    const readOutside = (v: string) => outs.has(v) || graph.consumersOf(v).some((c) => partOfNode.get(c.name) !== id);
    return { id, delegate: byName.get(clusters.owner(r)!)!, graph: buildSubgraph(graph, nodes, readOutside) };
  });
  const nodes: NodeAssignment[] = graph.nodes.map((n) => {
    const partition = partOfNode.get(n.name)!;
    return { node: n.name, target: n.target, delegate: partitions[partition]!.delegate.name, partition };
  });
  const delegateSummaries: DelegateSummary[] = delegates.flatMap((d) => {
    const count = nodes.filter((a) => a.delegate === d.name).length;
    return count > 0 ? [{ delegate: d.name, nodes: count, partitions: partitions.filter((p) => p.delegate === d).length }] : [];
  });
  return {
    partitions,
    report: { nodes, delegates: delegateSummaries, refusals, copies: collectCopies(graph, partitions), skipped },
  };
}
