import type { Partition, RuntimeValue } from '../delegate/executor-delegate.js';
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import { argumentValueNames } from '../ir/argument.js';
import type { SymDim } from '../ir/graph.js';
import { Tensor } from '../tensor/tensor.js';

function showDims(dims: readonly SymDim[]): string {
  return `[${dims.map((d) => (typeof d === 'number' ? String(d) : d.expr)).join(', ')}]`;
}

/**
 * Checks what a delegate returned for `partition` against the graph: the value count, and for
 * tensors with metadata the dtype, rank and every static dimension. Throws `PluginFailure`
 * naming the delegate, the partition and the value, with the expected and the given.
 */
export function checkPartitionOutputs(partition: Partition, outputs: readonly RuntimeValue[]): void {
  const { graph, delegate, id } = partition;
  const fail = (what: string) => new NativertError(ErrorCode.PluginFailure, `delegate '${delegate}' partition ${id}: ${what}`);
  if (!Array.isArray(outputs) || outputs.length !== graph.outputs.length) {
    const given = Array.isArray(outputs) ? `${outputs.length}` : typeof outputs;
    throw fail(`returned ${given} values, expected ${graph.outputs.length} (${graph.outputs.flatMap(argumentValueNames).join(', ')})`);
  }
  graph.outputs.forEach((a, i) => {
    const v = outputs[i];
    if (a.kind !== 'tensor') {
      if (v instanceof Tensor || v === undefined) throw fail(`returned ${String(v)} for value '${a.kind === 'custom_obj' ? a.name : argumentValueNames(a)[0]}', expected a ${a.kind}`);
      return;
    }
    if (!(v instanceof Tensor)) throw fail(`returned ${String(v)} for tensor value '${a.name}'`);
    const meta = graph.tensorMeta(a.name);
    if (!meta) return;
    const bad = v.dtype !== meta.dtype || v.rank !== meta.sizes.length || meta.sizes.some((d, k) => typeof d === 'number' && d !== v.shape[k]);
    if (bad) {
      throw fail(`value '${a.name}' is ${v.dtype} [${v.shape.join(', ')}], expected ${meta.dtype} ${showDims(meta.sizes)}`);
    }
  });
}
