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
 * tensors with metadata the dtype and, when every dimension is static, the element count.
 * Throws `PluginFailure` naming the delegate, the partition and the value, with the expected and
 * the given. The exact shape is not required: exporters record imprecise shapes of the same size
 * (PyTorch 2.11 records the LSTM `h_n` of lstm_2layer as [2, 1, 2, 32] where eager returns [2, 2, 32]).
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
    const staticNumel = meta.sizes.every((d) => typeof d === 'number') ? (meta.sizes as number[]).reduce((a, b) => a * b, 1) : undefined;
    const bad = v.dtype !== meta.dtype || (staticNumel !== undefined && staticNumel !== v.numel);
    if (bad) {
      throw fail(`value '${a.name}' is ${v.dtype} [${v.shape.join(', ')}], expected ${meta.dtype} ${showDims(meta.sizes)}`);
    }
  });
}
