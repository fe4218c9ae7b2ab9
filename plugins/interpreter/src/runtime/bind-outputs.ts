import type { Argument, Node, RuntimeValue } from '@nativert/core';
import { ErrorCode, NativertError } from '@nativert/core';
import type { KernelResult } from '../kernel/kernel-def.js';

type Item = RuntimeValue | readonly unknown[] | null | undefined;

/** Stores a kernel's result under the node's output names, checking the result's arity. */
export function bindOutputs(node: Node, result: KernelResult, env: Map<string, RuntimeValue>): void {
  const outs = node.outputs;
  if (outs.length === 0) return;
  if (outs.length === 1) {
    const only = outs[0]!;
    const single = Array.isArray(result) && only.kind !== 'tensors' ? (result as readonly Item[])[0] : (result as Item);
    bindOne(node, only, single, env);
    return;
  }
  if (!Array.isArray(result) || result.length < outs.length) {
    throw new NativertError(ErrorCode.Internal, `node '${node.name}' (${node.target}): kernel returned ${Array.isArray(result) ? result.length : 1} values for ${outs.length} outputs`);
  }
  outs.forEach((o, i) => bindOne(node, o, (result as readonly Item[])[i], env));
}

function bindOne(node: Node, out: Argument, value: Item, env: Map<string, RuntimeValue>): void {
  switch (out.kind) {
    case 'none': return;
    case 'tensor': env.set(out.name, expectValue(node, out.name, value)); return;
    case 'sym_int': case 'sym_float': case 'sym_bool':
      if (out.value.kind === 'name') env.set(out.value.name, expectValue(node, out.value.name, value));
      return;
    case 'tensors': {
      if (!Array.isArray(value) || value.length !== out.names.length) {
        throw new NativertError(ErrorCode.Internal, `node '${node.name}' (${node.target}): expected a list of ${out.names.length} tensors`);
      }
      out.names.forEach((n, i) => env.set(n, expectValue(node, n, value[i] as Item)));
      return;
    }
    case 'optional_tensors': {
      const list = Array.isArray(value) ? value : [];
      out.names.forEach((n, i) => { if (n !== null) env.set(n, expectValue(node, n, list[i] as Item)); });
      return;
    }
    default:
      throw new NativertError(ErrorCode.Internal, `node '${node.name}' (${node.target}): unsupported output kind '${out.kind}'`);
  }
}

function expectValue(node: Node, name: string, v: Item): RuntimeValue {
  if (v === null || v === undefined || Array.isArray(v)) {
    throw new NativertError(ErrorCode.Internal, `node '${node.name}' (${node.target}): kernel gave no value for output '${name}'`);
  }
  return v as RuntimeValue;
}
