import type { DataTransfer, ExecutorDelegate, Partition, PreparedPartition, RunContext, RuntimeValue } from '../delegate/executor-delegate.js';
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { Argument } from '../ir/argument.js';
import { argumentValueNames } from '../ir/argument.js';
import type { Graph } from '../ir/graph.js';
import type { Device } from '../tensor/device.js';
import { CPU, deviceToString, sameDevice } from '../tensor/device.js';
import { Tensor } from '../tensor/tensor.js';
import { checkPartitionOutputs } from './output-check.js';

/** A partition after `prepare`, with the delegate that prepared it. */
export interface PreparedStep {
  readonly partition: Partition;
  readonly delegate: ExecutorDelegate;
  readonly prepared: PreparedPartition;
}

/** A graph output as the executor returns it: a value, or null for a `None` output. */
export type OutputValue = RuntimeValue | null;

/**
 * Runs prepared partitions in order over a per-run value environment, so concurrent runs share
 * nothing mutable. Tensors cross devices through the delegates' {@link DataTransfer}s (device to
 * device goes through the host); values are dropped after their last reader. Owns the prepared
 * partitions: {@link Executor.release} releases them.
 */
export class Executor {
  /** Per step, the values whose last reader it is (graph outputs excluded). */
  private readonly frees: string[][];

  private constructor(
    private readonly graph: Graph,
    readonly steps: readonly PreparedStep[],
    /** Constants already copied to the devices that read them, by `name@device`. */
    private readonly deviceConstants: ReadonlyMap<string, RuntimeValue>,
    private readonly transfers: ReadonlyMap<string, DataTransfer>,
  ) {
    const keep = new Set(graph.outputs.flatMap(argumentValueNames));
    const lastUse = new Map<string, number>();
    steps.forEach((s, i) => {
      for (const a of s.partition.graph.inputs) for (const v of argumentValueNames(a)) lastUse.set(v, i);
    });
    this.frees = steps.map(() => []);
    for (const [v, i] of lastUse) if (!keep.has(v)) this.frees[i]!.push(v);
  }

  /**
   * Builds an executor, copying every constant a non-CPU partition reads to its device once.
   * @param graph the whole program graph (its outputs are what `run` returns)
   * @param steps prepared partitions in a topological order; the executor releases them
   * @param constants weights by value name (the runtime owns them; they are not written)
   */
  static async create(graph: Graph, steps: readonly PreparedStep[], constants: ReadonlyMap<string, Tensor>): Promise<Executor> {
    const transfers = new Map<string, DataTransfer>();
    for (const s of steps) if (s.delegate.transfer) transfers.set(s.delegate.device.type, s.delegate.transfer);
    const deviceConstants = new Map<string, RuntimeValue>();
    for (const s of steps) {
      for (const name of s.partition.graph.inputs.flatMap(argumentValueNames)) {
        const t = constants.get(name);
        const key = copyKey(name, s.partition.device);
        if (t && !sameDevice(t.device, s.partition.device) && !deviceConstants.has(key)) {
          deviceConstants.set(key, await moveTo(t, s.partition.device, name, transfers));
        }
      }
    }
    return new Executor(graph, steps, deviceConstants, transfers);
  }

  /**
   * Runs every partition on `inputs` (graph input values by name) and returns the graph outputs
   * in `graph.outputs` order, on the host. Throws `PluginFailure` naming the delegate and
   * partition when a delegate fails or returns values that break the graph's metadata.
   */
  async run(inputs: ReadonlyMap<string, RuntimeValue>, context: RunContext): Promise<OutputValue[]> {
    const env = new Map<string, RuntimeValue>(inputs);
    const copies = new Map<string, RuntimeValue>();
    for (let i = 0; i < this.steps.length; i++) {
      context.signal?.throwIfAborted();
      const step = this.steps[i]!;
      const { partition } = step;
      const args: RuntimeValue[] = [];
      for (const name of partition.graph.inputs.map(singleName)) {
        const key = copyKey(name, partition.device);
        let v = this.deviceConstants.get(key) ?? copies.get(key);
        if (v === undefined) {
          const host = env.get(name);
          if (host === undefined) throw new NativertError(ErrorCode.Internal, `value '${name}' read by partition ${partition.id} (${partition.delegate}) is not defined`);
          v = await moveTo(host, partition.device, name, this.transfers);
          if (v !== host) copies.set(key, v);
        }
        args.push(v);
      }
      const outputs = await this.execute(step, args, context);
      partition.graph.outputs.forEach((a, j) => env.set(singleName(a), outputs[j]!));
      for (const v of this.frees[i]!) {
        env.delete(v);
        for (const k of copies.keys()) if (k.startsWith(`${v}@`)) copies.delete(k);
      }
    }
    const result: OutputValue[] = [];
    for (const a of this.graph.outputs) result.push(await this.outputValue(a, env));
    return result;
  }

  /** Releases every prepared partition (once; errors are collected and rethrown together). */
  async release(): Promise<void> {
    const errors: string[] = [];
    for (const s of this.steps) {
      try {
        await s.prepared.release();
      } catch (e) {
        errors.push(`delegate '${s.delegate.name}' partition ${s.partition.id}: ${(e as Error).message}`);
      }
    }
    if (errors.length > 0) throw new NativertError(ErrorCode.PluginFailure, `releasing partitions failed: ${errors.join('; ')}`);
  }

  private async execute(step: PreparedStep, args: RuntimeValue[], context: RunContext): Promise<RuntimeValue[]> {
    const { partition, delegate } = step;
    let outputs: RuntimeValue[];
    try {
      outputs = await step.prepared.execute(args, context);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // A failed program assertion is the model's verdict on its inputs, not a plugin fault.
      const code = e instanceof NativertError && e.code === ErrorCode.AssertionFailed ? e.code : ErrorCode.PluginFailure;
      throw new NativertError(code, `delegate '${delegate.name}' failed running partition ${partition.id} (${describeNodes(partition.graph)}): ${message}`, { cause: e });
    }
    checkPartitionOutputs(partition, outputs);
    return outputs;
  }

  private async outputValue(a: Argument, env: ReadonlyMap<string, RuntimeValue>): Promise<OutputValue> {
    switch (a.kind) {
      case 'none': return null;
      case 'int': case 'float': case 'bool': return a.value;
      case 'sym_int': case 'sym_float': case 'sym_bool':
        if (a.value.kind === 'literal') return a.value.value;
        break;
      default: break;
    }
    const name = singleName(a);
    const v = env.get(name);
    if (v === undefined) throw new NativertError(ErrorCode.Internal, `graph output '${name}' was not produced`);
    return moveTo(v, CPU, name, this.transfers);
  }
}

/** `v` on `device`: unchanged when already there or not a tensor, else copied (via the host). */
async function moveTo(v: RuntimeValue, device: Device, name: string, transfers: ReadonlyMap<string, DataTransfer>): Promise<RuntimeValue> {
  if (!(v instanceof Tensor) || sameDevice(v.device, device)) return v;
  const transferFor = (d: Device): DataTransfer => {
    const t = transfers.get(d.type);
    if (!t) throw new NativertError(ErrorCode.PluginFailure, `value '${name}' must move to or from ${deviceToString(d)}, but no delegate provides a DataTransfer for '${d.type}'`);
    return t;
  };
  const host = v.device.type === 'cpu' ? v : await transferFor(v.device).toHost(v);
  return device.type === 'cpu' ? host : transferFor(device).toDevice(host, device);
}

function copyKey(name: string, device: Device): string {
  return `${name}@${deviceToString(device)}`;
}

/** The one value name a partition input/output argument carries. */
function singleName(a: Argument): string {
  const names = argumentValueNames(a);
  if (names.length !== 1) throw new NativertError(ErrorCode.Internal, `partition boundary argument of kind '${a.kind}' does not name one value`);
  return names[0]!;
}

/** `N nodes: a, b, c, ...` for messages, listing at most eight names. */
export function describeNodes(graph: Graph): string {
  const names = graph.nodes.map((n) => n.name);
  const shown = names.slice(0, 8).join(', ');
  return `${names.length} node${names.length === 1 ? '' : 's'}: ${shown}${names.length > 8 ? ', ...' : ''}`;
}
