import { argumentValueNames } from '../ir/argument.js';
import { nodeInputNames, nodeOutputNames } from '../ir/graph.js';
import type { ExportedProgram } from '../ir/program.js';
import type { DeviceCopy, PartitionReport, SkippedDelegate } from '../partition/partition-report.js';
import { delegateColors } from './delegate-colors.js';
import { valueTypeText } from './value-type.js';

/** A value a view node reads or defines, with its type text. */
export interface ViewValue {
  readonly name: string;
  readonly type: string;
}

/** A box of the view: an op node, a graph input (user input, parameter, ...), or the output sink. */
export interface ViewNode {
  /** Unique id: `n:<node>`, `in:<value>` or `out`. */
  readonly id: string;
  readonly kind: 'op' | 'input' | 'output';
  /** Node name, input name (FQN for weights) or `output`. */
  readonly name: string;
  /** Op target for op nodes; the input spec kind (`parameter`, `user_input`, ...) for inputs. */
  readonly target: string;
  readonly delegate?: string;
  readonly partition?: number;
  readonly inputs: readonly ViewValue[];
  readonly outputs: readonly ViewValue[];
}

/** A dataflow edge carrying `value`; `copy` is set when the executor copies it between devices. */
export interface ViewEdge {
  readonly from: string;
  readonly to: string;
  readonly value: string;
  readonly copy?: DeviceCopy;
}

/** A refusal with the refused node's op target. */
export interface ViewRefusal {
  readonly node: string;
  readonly target: string;
  readonly delegate: string;
  readonly reason: string;
}

/** One delegate's share of the graph and its colour. */
export interface ViewDelegate {
  readonly delegate: string;
  readonly color: string;
  readonly nodes: number;
  readonly partitions: number;
}

/** A partition: id, delegate and its node names in graph order. */
export interface ViewPartition {
  readonly id: number;
  readonly delegate: string;
  readonly nodes: readonly string[];
}

/**
 * Everything a partition view shows, renderer-independent: the top-level graph as nodes and edges
 * (inputs first, then ops in graph order, then the output sink), per-delegate counts and colours,
 * partitions, refusals, copies and skipped delegates.
 */
export interface PartitionView {
  readonly title: string;
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly ViewEdge[];
  readonly delegates: readonly ViewDelegate[];
  readonly partitions: readonly ViewPartition[];
  readonly refusals: readonly ViewRefusal[];
  readonly copies: readonly DeviceCopy[];
  readonly skipped: readonly SkippedDelegate[];
}

/** The view of `report` (from partitioning `program`), titled `title`. */
export function buildPartitionView(program: ExportedProgram, report: PartitionReport, title: string): PartitionView {
  const graph = program.graph;
  const assignment = new Map(report.nodes.map((a) => [a.node, a]));
  const copyOf = new Map(report.copies.map((c) => [`${c.value}|${c.consumer}`, c]));
  const value = (name: string): ViewValue => ({ name, type: valueTypeText(graph, name) });
  const edge = (from: string, to: string, v: string, consumer: number | 'output'): ViewEdge => {
    const copy = copyOf.get(`${v}|${consumer}`);
    return { from, to, value: v, ...(copy ? { copy } : {}) };
  };

  const inputLabel = new Map<string, { name: string; kind: string }>();
  for (const s of program.inputSpecs) {
    if (s.kind === 'user_input') for (const v of argumentValueNames(s.arg)) inputLabel.set(v, { name: v, kind: s.kind });
    else inputLabel.set(s.name, { name: 'target' in s ? s.target : s.name, kind: s.kind });
  }
  const read = new Set([...graph.nodes.flatMap(nodeInputNames), ...graph.outputs.flatMap(argumentValueNames)]);
  const inputs: ViewNode[] = graph.inputs.flatMap(argumentValueNames).filter((v) => read.has(v)).map((v) => {
    const label = inputLabel.get(v) ?? { name: v, kind: 'input' };
    return { id: `in:${v}`, kind: 'input', name: label.name, target: label.kind, inputs: [], outputs: [value(v)] };
  });
  const ops: ViewNode[] = graph.nodes.map((n) => {
    const a = assignment.get(n.name);
    return {
      id: `n:${n.name}`, kind: 'op', name: n.name, target: n.target,
      ...(a ? { delegate: a.delegate, partition: a.partition } : {}),
      inputs: [...new Set(nodeInputNames(n))].map(value), outputs: nodeOutputNames(n).map(value),
    };
  });
  const outputValues = graph.outputs.flatMap(argumentValueNames);
  const sink: ViewNode = { id: 'out', kind: 'output', name: 'output', target: 'output', inputs: [...new Set(outputValues)].map(value), outputs: [] };

  const sourceOf = (v: string): string | undefined => {
    const p = graph.producerOf(v);
    if (p) return `n:${p.name}`;
    return inputs.some((i) => i.id === `in:${v}`) ? `in:${v}` : undefined;
  };
  const edges: ViewEdge[] = [];
  for (const n of graph.nodes) {
    const partition = assignment.get(n.name)?.partition ?? -1;
    for (const v of new Set(nodeInputNames(n))) {
      const from = sourceOf(v);
      if (from) edges.push(edge(from, `n:${n.name}`, v, partition));
    }
  }
  for (const v of new Set(outputValues)) {
    const from = sourceOf(v);
    if (from) edges.push(edge(from, 'out', v, 'output'));
  }

  const names = [...new Set([...report.delegates.map((d) => d.delegate), ...report.refusals.map((r) => r.delegate), ...report.skipped.map((s) => s.delegate)])];
  const colors = delegateColors(names);
  const partitionIds = [...new Set(report.nodes.map((a) => a.partition))].sort((x, y) => x - y);
  return {
    title,
    nodes: [...inputs, ...ops, sink],
    edges,
    delegates: names.map((d) => {
      const s = report.delegates.find((x) => x.delegate === d);
      return { delegate: d, color: colors.get(d)!, nodes: s?.nodes ?? 0, partitions: s?.partitions ?? 0 };
    }),
    partitions: partitionIds.map((id) => {
      const members = report.nodes.filter((a) => a.partition === id);
      return { id, delegate: members[0]!.delegate, nodes: members.map((a) => a.node) };
    }),
    refusals: report.refusals.map((r) => ({ ...r, target: graph.tryGetNode(r.node)?.target ?? '?' })),
    copies: report.copies,
    skipped: report.skipped,
  };
}

/** Short op label: `aten.conv2d.default` → `conv2d`, `aten.add.Tensor` → `add.Tensor`. */
export function shortOpName(target: string): string {
  return target.replace(/^aten\./, '').replace(/\.default$/, '');
}
