import { COPY_COLOR, IO_COLOR } from './delegate-colors.js';
import type { PartitionView, ViewNode } from './partition-view.js';
import { shortOpName } from './partition-view.js';

/** A DOT double-quoted string. */
function q(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** `key=value` attribute list with quoted values. */
function attrs(a: Readonly<Record<string, string | number>>): string {
  return `[${Object.entries(a).map(([k, v]) => `${k}=${typeof v === 'number' ? v : q(v)}`).join(', ')}]`;
}

/** Tooltip text of a node: name, target, delegate and partition, value types. */
export function nodeTooltip(n: ViewNode): string {
  const lines = [n.kind === 'op' ? `${n.name}: ${n.target}` : `${n.name} (${n.target})`];
  if (n.delegate !== undefined) lines.push(`delegate ${n.delegate}, partition #${n.partition}`);
  for (const v of n.inputs) lines.push(`in  ${v.name}: ${v.type}`);
  for (const v of n.outputs) lines.push(`out ${v.name}: ${v.type}`);
  return lines.join('\n');
}

/**
 * The view as a Graphviz DOT digraph: op nodes filled with their delegate's colour inside one
 * cluster per partition, graph inputs and the output as grey ellipses, device copies as red dashed
 * edges labelled `copy from→to`, and a legend cluster with each delegate's node and partition counts.
 */
export function renderPartitionDot(view: PartitionView): string {
  const color = new Map(view.delegates.map((d) => [d.delegate, d.color]));
  const out: string[] = [
    `digraph partition {`,
    `  graph ${attrs({ label: view.title, labelloc: 't', fontname: 'Helvetica', rankdir: 'TB' })};`,
    `  node ${attrs({ shape: 'box', style: 'rounded,filled', fontname: 'Helvetica', fontsize: 10 })};`,
    `  edge ${attrs({ color: '#888888', arrowsize: 0.6, fontname: 'Helvetica', fontsize: 8 })};`,
  ];
  const nodeLine = (n: ViewNode) => {
    if (n.kind !== 'op') {
      const label = n.kind === 'output' ? 'output' : `${n.name}\n${n.outputs[0]?.type ?? ''}`;
      return `${q(n.id)} ${attrs({ label, shape: 'ellipse', fillcolor: IO_COLOR, fontsize: 9, tooltip: nodeTooltip(n) })};`;
    }
    const label = shortOpName(n.target) === n.name ? n.name : `${shortOpName(n.target)}\n${n.name}`;
    return `${q(n.id)} ${attrs({ label, fillcolor: color.get(n.delegate ?? '') ?? '#ffffff', tooltip: nodeTooltip(n) })};`;
  };
  for (const p of view.partitions) {
    const c = color.get(p.delegate) ?? '#999999';
    out.push(`  subgraph ${q(`cluster_p${p.id}`)} {`);
    out.push(`    graph ${attrs({ label: `#${p.id} ${p.delegate}`, style: 'rounded,dashed', color: c, fontsize: 9 })};`);
    for (const n of view.nodes) if (n.kind === 'op' && n.partition === p.id) out.push(`    ${nodeLine(n)}`);
    out.push('  }');
  }
  for (const n of view.nodes) if (n.kind !== 'op' || n.partition === undefined) out.push(`  ${nodeLine(n)}`);
  for (const e of view.edges) {
    const a: Record<string, string | number> = e.copy
      ? { color: COPY_COLOR, style: 'dashed', penwidth: 1.6, label: `copy ${e.copy.from}→${e.copy.to}`, fontcolor: COPY_COLOR, tooltip: `${e.value}: device copy ${e.copy.from} → ${e.copy.to}` }
      : { tooltip: e.value };
    out.push(`  ${q(e.from)} -> ${q(e.to)} ${attrs(a)};`);
  }
  out.push(`  subgraph ${q('cluster_legend')} {`);
  out.push(`    graph ${attrs({ label: 'legend', style: 'rounded', color: '#bbbbbb', fontsize: 9 })};`);
  for (const d of view.delegates) {
    out.push(`    ${q(`legend:${d.delegate}`)} ${attrs({ label: `${d.delegate}: ${d.nodes} nodes, ${d.partitions} partition(s)`, fillcolor: d.color })};`);
  }
  out.push(`    ${q('legend:io')} ${attrs({ label: 'graph input / output', shape: 'ellipse', fillcolor: IO_COLOR })};`);
  out.push(`    ${q('legend:copy_from')} ${attrs({ label: '', shape: 'point', width: 0.05 })};`);
  out.push(`    ${q('legend:copy_to')} ${attrs({ label: '', shape: 'point', width: 0.05 })};`);
  out.push(`    ${q('legend:copy_from')} -> ${q('legend:copy_to')} ${attrs({ color: COPY_COLOR, style: 'dashed', label: `device copy (${view.copies.length})`, fontcolor: COPY_COLOR })};`);
  out.push('  }');
  out.push('}');
  return out.join('\n') + '\n';
}
