import type { Argument, DeviceStorage, Graph, Node, RuntimeValue } from '@nativert/core';
import { argumentValueNames, ErrorCode, NativertError, nodeInputNames, nodeOutputNames, Tensor } from '@nativert/core';
import type { KernelResult } from '@nativert/interpreter';
import { KernelArgs } from '@nativert/interpreter';
import { releaseStorage } from './device/device-tensor.js';
import type { CudaOpContext, CudaOpDef } from './ops/cuda-op.js';

interface Step {
  readonly node: Node;
  readonly def: CudaOpDef;
  /** Values whose last reader is this node. */
  readonly frees: readonly string[];
}

/**
 * A partition graph made ready to run on the GPU: op implementations resolved and last uses
 * computed once. `run` queues every node on the stream; device blocks of intermediates go back
 * to the pool as soon as no live value shares their storage (stream order makes that safe).
 * Per-run state lives in `run`'s frame, so one plan serves concurrent runs.
 */
export class DevicePlan {
  private readonly steps: Step[];
  private readonly inputNames: string[];

  constructor(readonly graph: Graph, table: ReadonlyMap<string, CudaOpDef>) {
    this.inputNames = graph.inputs.map((a, i) => {
      const names = argumentValueNames(a);
      if (names.length !== 1) throw new NativertError(ErrorCode.Internal, `cuda: partition input ${i} (${a.kind}) is not a single named value`);
      return names[0]!;
    });
    const keep = new Set(graph.outputs.flatMap(argumentValueNames));
    const lastUse = new Map<string, number>();
    graph.nodes.forEach((n, i) => {
      for (const v of nodeInputNames(n)) lastUse.set(v, i);
      for (const v of nodeOutputNames(n)) if (!lastUse.has(v)) lastUse.set(v, i);
    });
    const frees: string[][] = graph.nodes.map(() => []);
    for (const [v, i] of lastUse) if (!keep.has(v)) frees[i]!.push(v);
    this.steps = graph.nodes.map((node, i) => {
      const def = table.get(node.target);
      if (!def) throw new NativertError(ErrorCode.UnsupportedOperator, `cuda: no kernel for '${node.target}' (node '${node.name}')`);
      return { node, def, frees: frees[i]! };
    });
  }

  /** Queues the graph on `inputs` (in `graph.inputs` order); returns values in `graph.outputs` order. */
  run(inputs: readonly RuntimeValue[], ctx: CudaOpContext): RuntimeValue[] {
    const env = new Map<string, RuntimeValue>();
    this.inputNames.forEach((n, i) => env.set(n, inputs[i]!));
    const external = new Set(inputs.filter((v): v is Tensor => v instanceof Tensor).map((t) => t.storage));
    const refs = new Map<DeviceStorage, number>();
    const lookup = (name: string): RuntimeValue => {
      const v = env.get(name);
      if (v === undefined) throw new NativertError(ErrorCode.Internal, `cuda: value '${name}' is not defined at this point`);
      return v;
    };
    for (const step of this.steps) {
      let result: KernelResult;
      try {
        result = step.def.run(new KernelArgs(step.node, lookup), ctx);
      } catch (e) {
        if (e instanceof NativertError) throw e;
        throw new NativertError(ErrorCode.PluginFailure, `cuda: node '${step.node.name}' (${step.node.target}): ${(e as Error).message}`, { cause: e });
      }
      for (const [name, v] of bindOutputs(step.node, result)) {
        env.set(name, v);
        if (v instanceof Tensor && v.storage.kind === 'device' && !external.has(v.storage)) refs.set(v.storage, (refs.get(v.storage) ?? 0) + 1);
      }
      for (const name of step.frees) {
        const v = env.get(name);
        env.delete(name);
        if (!(v instanceof Tensor) || v.storage.kind !== 'device' || !refs.has(v.storage)) continue;
        const left = refs.get(v.storage)! - 1;
        if (left > 0) refs.set(v.storage, left);
        else {
          refs.delete(v.storage);
          releaseStorage(v.storage);
        }
      }
    }
    return this.graph.outputs.map((a) => outputValue(a, lookup));
  }
}

/** The (name, value) pairs a node's result binds, checked against its outputs. */
function bindOutputs(node: Node, result: KernelResult): [string, RuntimeValue][] {
  const outs = node.outputs;
  if (outs.length === 0) return [];
  const single = (): unknown => (outs[0]!.kind === 'tensors' || !Array.isArray(result) ? result : (result as readonly unknown[])[0]);
  const list: readonly unknown[] = outs.length === 1 ? [single()] : (result as readonly unknown[]);
  const bound: [string, RuntimeValue][] = [];
  const fail = (why: string) => new NativertError(ErrorCode.Internal, `cuda: node '${node.name}' (${node.target}): ${why}`);
  outs.forEach((o, i) => {
    const value = list[i];
    switch (o.kind) {
      case 'none': return;
      case 'tensor': bound.push([o.name, expect(value, o.name)]); return;
      case 'sym_int': case 'sym_float': case 'sym_bool':
        if (o.value.kind === 'name') bound.push([o.value.name, expect(value, o.value.name)]);
        return;
      case 'tensors':
        if (!Array.isArray(value) || value.length !== o.names.length) throw fail(`expected a list of ${o.names.length} tensors`);
        o.names.forEach((n, j) => bound.push([n, expect(value[j], n)]));
        return;
      default: throw fail(`unsupported output kind '${o.kind}'`);
    }
  });
  return bound;

  function expect(v: unknown, name: string): RuntimeValue {
    if (v instanceof Tensor || typeof v === 'number' || typeof v === 'boolean') return v;
    throw fail(`gave no value for output '${name}'`);
  }
}

function outputValue(a: Argument, lookup: (name: string) => RuntimeValue): RuntimeValue {
  switch (a.kind) {
    case 'tensor': return lookup(a.name);
    case 'sym_int': case 'sym_float': case 'sym_bool': return a.value.kind === 'name' ? lookup(a.value.name) : a.value.value;
    case 'int': case 'float': case 'bool': return a.value;
    default: throw new NativertError(ErrorCode.Internal, `cuda: unsupported partition output kind '${a.kind}'`);
  }
}
