import type { Graph, Node, RuntimeValue, Tensor } from '@nativert/core';
import { argumentValueNames, nodeInputNames, nodeOutputNames } from '@nativert/core';

/** Ops that read only the shape, strides, dtype or device of their `self`, never its elements. */
const SHAPE_READERS = new Set([
  'aten.sym_size.int', 'aten.sym_numel.default', 'aten.sym_stride.int', 'aten.sym_storage_offset.default',
  'aten.new_ones.default', 'aten.new_zeros.default', 'aten.new_full.default',
]);

/** Ops whose results differ between runs on equal inputs (random) or are uninitialized. */
const NONDETERMINISTIC = /rand|dropout|bernoulli|normal|uniform|multinomial|poisson|exponential|cauchy|geometric|empty/;

/** True when `target` mutates an argument (`add_`, `copy_`, `__iand__`), going by ATen naming. */
function isInPlace(target: string): boolean {
  const op = target.split('.')[1] ?? '';
  if (op.startsWith('__') && op.endsWith('__')) return op.startsWith('__i');
  return op.endsWith('_');
}

/**
 * The nodes whose results depend only on the graph's constant weights and on the shapes, strides
 * and dtypes of its other inputs (masks, position ids, sizes built from `sym_size`), not on input
 * elements. None when the graph mutates anything in place (a cached value could be overwritten).
 * Nodes defining graph outputs, random ops and nodes running subgraphs are never folded.
 */
export function shapeOnlyNodes(graph: Graph, constants: ReadonlySet<string>): Set<Node> {
  const folded = new Set<Node>();
  if (graph.nodes.some((n) => isInPlace(n.target))) return folded;
  const outputs = new Set(graph.outputs.flatMap(argumentValueNames));
  const known = new Set(constants);
  for (const node of graph.nodes) {
    if (NONDETERMINISTIC.test(node.target) || node.inputs.some((i) => i.arg.kind === 'graph')) continue;
    const defines = nodeOutputNames(node);
    if (defines.some((v) => outputs.has(v))) continue;
    const self = node.inputs.find((i) => i.name === 'self')?.arg;
    const shapeRead = SHAPE_READERS.has(node.target) && self?.kind === 'tensor' ? self.name : null;
    if (nodeInputNames(node).every((v) => v === shapeRead || known.has(v))) {
      folded.add(node);
      for (const v of defines) known.add(v);
    }
  }
  return folded;
}

/**
 * The key a run's shape-only values are cached under: per graph input, the constant tensor itself
 * (by identity) or a run-time tensor's dtype, shape, strides and offset, or a scalar's value.
 */
export class FoldKey {
  private last: unknown[] | null = null;

  constructor(private readonly constantInput: readonly boolean[]) {}

  /** Whether `inputs` give the same key as the last call (which this call then replaces). */
  same(inputs: readonly RuntimeValue[]): boolean {
    const key: unknown[] = [];
    inputs.forEach((v, i) => {
      if (this.constantInput[i] === true || typeof v !== 'object') {
        key.push(v);
      } else {
        const t = v as Tensor;
        key.push(t.dtype, t.rank, ...t.shape, ...t.strides, t.offset);
      }
    });
    const last = this.last;
    this.last = key;
    return last !== null && last.length === key.length && last.every((x, i) => x === key[i]);
  }
}
