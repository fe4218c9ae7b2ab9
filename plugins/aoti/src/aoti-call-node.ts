// The graph nodes the aoti delegate runs: its own `nativert.aoti_call` (the single node of an
// AOTI-only package's program) and nativert's lowering nodes
// (`higher_order.executorch_call_delegate` / `aoti_call_delegate`), whose first argument is the
// blob name under `data/aotinductor/`.
import type { Node } from '@nativert/core';
import { argumentValueNames } from '@nativert/core';

/** Target of the synthetic node {@link loadAotiPackage} builds. */
export const AOTI_CALL_TARGET = 'nativert.aoti_call';

/** Every node target the delegate claims. */
export const AOTI_NODE_TARGETS: ReadonlySet<string> = new Set([
  AOTI_CALL_TARGET, 'higher_order.executorch_call_delegate', 'higher_order.aoti_call_delegate',
]);

/** A delegate-call node decoded: which blob, which tensor values in and out (flat, in order). */
export interface AotiCall {
  readonly blob: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/** Decodes `node`, or returns why it is not a call the delegate can run. */
export function parseAotiCall(node: Node): AotiCall | { readonly refused: string } {
  if (!AOTI_NODE_TARGETS.has(node.target)) return { refused: `op ${node.target} is not an AOTInductor call` };
  const [first, ...rest] = node.inputs;
  if (first?.arg.kind !== 'string') {
    return { refused: `${node.target}: expected the blob name (a string) as first argument, given ${first?.arg.kind ?? 'nothing'}` };
  }
  const bad = rest.find((i) => i.arg.kind !== 'tensor' && i.arg.kind !== 'tensors');
  if (bad) return { refused: `${node.target}: argument '${bad.name}' is a ${bad.arg.kind}; only tensors can be passed to a compiled model` };
  return {
    blob: first.arg.value,
    inputs: rest.flatMap((i) => argumentValueNames(i.arg)),
    outputs: node.outputs.flatMap(argumentValueNames),
  };
}
