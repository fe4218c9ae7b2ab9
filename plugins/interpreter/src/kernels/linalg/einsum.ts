import type { DType, Tensor } from '@nativert/core';
import { ErrorCode, NativertError } from '@nativert/core';
import type { KernelDef } from '../../kernel/kernel-def.js';
import { promoteTypes } from '../../util/promotion.js';
import { contract } from './contract.js';
import { computeKind, floatView, fromFloat } from './float-view.js';

// Ellipsis dims get labels below 0 so they never clash with letters (their char codes).
const ELLIPSIS = -1000;

/** Parses an einsum equation for operands of the given ranks into per-operand label lists and output labels. */
export function parseEinsum(equation: string, ranks: readonly number[], where: string): { inputs: number[][]; output: number[] } {
  const eq = equation.replace(/\s+/g, '');
  const [lhs, rhs] = eq.split('->') as [string, string | undefined];
  const terms = lhs.split(',');
  if (terms.length !== ranks.length) {
    throw new NativertError(ErrorCode.InvalidArgument, `${where}: equation '${equation}' names ${terms.length} operand(s), given ${ranks.length}`);
  }
  const letters = (term: string) => term.replace('...', '').split('');
  for (const t of [...terms, rhs ?? '']) {
    if (!/^[a-zA-Z]*(\.\.\.)?[a-zA-Z]*$/.test(t)) throw new NativertError(ErrorCode.InvalidArgument, `${where}: bad subscripts '${t}' in equation '${equation}'`);
  }
  const ellipsisDims = terms.map((t, i) => (t.includes('...') ? ranks[i]! - letters(t).length : 0));
  const maxEll = Math.max(0, ...ellipsisDims);
  const ell = (count: number) => Array.from({ length: count }, (_, j) => ELLIPSIS + maxEll - count + j);
  const expand = (term: string, count: number): number[] => {
    const [before, after] = term.includes('...') ? (term.split('...') as [string, string]) : [term, ''];
    return [...before.split('').map((c) => c.charCodeAt(0)), ...(term.includes('...') ? ell(count) : []), ...after.split('').map((c) => c.charCodeAt(0))];
  };
  const inputs = terms.map((t, i) => {
    const labels = expand(t, ellipsisDims[i]!);
    if (labels.length !== ranks[i]) {
      throw new NativertError(ErrorCode.InvalidArgument, `${where}: subscripts '${t}' name ${labels.length} dim(s), operand ${i} has ${ranks[i]}`);
    }
    return labels;
  });
  let output: number[];
  if (rhs !== undefined) output = expand(rhs, maxEll);
  else {
    // Implicit output: the ellipsis dims, then letters used exactly once, in alphabetical (code) order.
    const counts = new Map<number, number>();
    for (const l of inputs.flat()) if (l >= 0) counts.set(l, (counts.get(l) ?? 0) + 1);
    output = [...ell(maxEll), ...[...counts].filter(([, c]) => c === 1).map(([l]) => l).sort((x, y) => x - y)];
  }
  return { inputs, output };
}

/** Runs an einsum over tensors with given label lists; the result dtype promotes all operands. */
export function einsumTensors(tensors: readonly Tensor[], inputs: readonly number[][], output: readonly number[], threads: number, where: string): Tensor {
  const dtype: DType = tensors.map((t) => t.dtype).reduce((a, b) => promoteTypes(a, b));
  const kind = computeKind(dtype);
  const result = contract(tensors.map((t, i) => ({ view: floatView(t, kind), labels: inputs[i]! })), output, threads, where);
  return fromFloat(result.data, result.shape, dtype);
}

/** `aten.einsum`: general equations with `...`, diagonals, implicit output; the `path` hint is ignored. */
export const EINSUM: KernelDef = {
  ops: ['aten.einsum.default'],
  run: (args, ctx) => {
    const tensors = args.tensors('tensors');
    const where = `node '${args.node.name}' (${args.node.target})`;
    const { inputs, output } = parseEinsum(args.string('equation'), tensors.map((t) => t.rank), where);
    return einsumTensors(tensors, inputs, output, ctx.threads, where);
  },
};
