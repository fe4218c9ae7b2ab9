import type { Node } from '@nativert/core';
import { UnaryOp } from '../native/native-addon.js';
import type { ValueUses } from './fused-chain.js';
import { literalArgs, mainOutput, soleConsumer, tensorName } from './fused-chain.js';

const FIXED = new Map<string, UnaryOp>([
  ['aten.relu.default', UnaryOp.Relu], ['aten.relu_.default', UnaryOp.Relu],
  ['aten.hardswish.default', UnaryOp.Hardswish], ['aten.hardswish_.default', UnaryOp.Hardswish],
  ['aten.hardsigmoid.default', UnaryOp.Hardsigmoid], ['aten.hardsigmoid_.default', UnaryOp.Hardsigmoid],
  ['aten.silu.default', UnaryOp.Silu], ['aten.silu_.default', UnaryOp.Silu],
  ['aten.sigmoid.default', UnaryOp.Sigmoid], ['aten.sigmoid_.default', UnaryOp.Sigmoid],
  ['aten.tanh.default', UnaryOp.Tanh], ['aten.tanh_.default', UnaryOp.Tanh],
]);

function opOf(node: Node): UnaryOp | null {
  const fixed = FIXED.get(node.target);
  if (fixed !== undefined) return fixed;
  if (node.target === 'aten.gelu.default' || node.target === 'aten.gelu_.default') {
    const approximate = literalArgs(node).string('approximate', 'none');
    return approximate === 'none' ? UnaryOp.Gelu : approximate === 'tanh' ? UnaryOp.GeluTanh : null;
  }
  return null;
}

/**
 * The activation node that alone reads `value` (a float32 map the native epilogues compute), with
 * its op and output name, or null.
 */
export function activationAfter(value: string | null, uses: ValueUses): { node: Node; op: UnaryOp; output: string } | null {
  const node = soleConsumer(value, uses);
  if (node === null || tensorName(node, 'self') !== value) return null;
  let op: UnaryOp | null;
  try {
    op = opOf(node);
  } catch {
    return null;
  }
  const output = mainOutput(node, uses);
  return op === null || output === null ? null : { node, op, output };
}
