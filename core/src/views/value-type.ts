import type { Graph, SymDim } from '../ir/graph.js';

/** A dimension as text: the int, or the symbolic expression. */
function dimText(d: SymDim): string {
  return typeof d === 'number' ? String(d) : d.expr;
}

/** Type of graph value `name` as text: `float32[2, 3, 32, 32]`, `sym_int`, or `?` when unknown. */
export function valueTypeText(graph: Graph, name: string): string {
  const v = graph.values.get(name);
  if (v === undefined) return '?';
  if (v.kind === 'tensor') return `${v.meta.dtype}[${v.meta.sizes.map(dimText).join(', ')}]`;
  return v.kind;
}
