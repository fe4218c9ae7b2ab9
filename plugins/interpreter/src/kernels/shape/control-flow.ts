import type { RuntimeValue } from '@nativert/core';
import { Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';

/** The truth of a predicate value: a one-element tensor, a SymBool, or a SymInt. */
function truthy(args: KernelArgs, v: RuntimeValue | undefined, what: string): boolean {
  if (v instanceof Tensor) {
    if (v.numel !== 1) throw args.error(`${what} must be a one-element tensor, given [${v.shape.join(', ')}]`);
    return v.item() !== 0;
  }
  if (typeof v === 'boolean' || typeof v === 'number') return Boolean(v);
  throw args.error(`${what} is missing`);
}

/** Positional argument `i` resolved to a list of values (an absent argument is an empty list). */
function valueList(args: KernelArgs, i: number, what: string): RuntimeValue[] {
  if (i >= args.node.inputs.length) return [];
  const v = args.resolve(args.at(i));
  const list = Array.isArray(v) ? v : [v];
  return list.map((x, k) => {
    if (x === null) throw args.error(`${what} ${k} is None`);
    return x;
  });
}

/** `higher_order.cond(pred, true_graph, false_graph, operands)`: runs one branch on the operands. */
export const COND_KERNEL: KernelDef = {
  ops: ['higher_order.cond'],
  run: (args, ctx) => {
    const pred = args.resolve(args.at(0));
    const taken = truthy(args, Array.isArray(pred) ? pred[0] ?? undefined : pred ?? undefined, 'cond predicate');
    const branch = args.at(taken ? 1 : 2);
    if (branch.kind !== 'graph') throw args.error(`argument ${taken ? 1 : 2}: expected a subgraph, given ${branch.kind}`);
    return ctx.runSubgraph(branch.graph, valueList(args, 3, 'operand'));
  },
};

/**
 * `higher_order.while_loop(cond_graph, body_graph, carried_inputs, additional_inputs)`: runs body
 * while cond holds; both graphs take the carried values followed by the additional inputs.
 */
export const WHILE_LOOP_KERNEL: KernelDef = {
  ops: ['higher_order.while_loop'],
  run: (args, ctx) => {
    const condArg = args.at(0), bodyArg = args.at(1);
    if (condArg.kind !== 'graph' || bodyArg.kind !== 'graph') throw args.error(`expected cond and body subgraphs, given ${condArg.kind} and ${bodyArg.kind}`);
    let carried = valueList(args, 2, 'carried input');
    const extra = valueList(args, 3, 'additional input');
    while (truthy(args, ctx.runSubgraph(condArg.graph, [...carried, ...extra])[0], 'while_loop condition')) {
      const next = ctx.runSubgraph(bodyArg.graph, [...carried, ...extra]);
      if (next.length !== carried.length) throw args.error(`body returned ${next.length} values for ${carried.length} carried inputs`);
      carried = next;
    }
    return carried;
  },
};
