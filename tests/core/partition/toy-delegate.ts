// Toy delegates for partitioner and runner tests: claim nodes by op name and compute same-shape
// float32 elementwise ops directly, optionally on a fake device behind a DataTransfer.
import type { Availability, Capability, CapabilityContext, DataTransfer, Device, DeviceHandle, ExecutorDelegate, Graph, Partition, PreparedPartition, RuntimeValue } from '@nativert/core';
import { CPU, Tensor, argumentValueNames, nodeInputNames } from '@nativert/core';
import { TOY_OPS } from './toy-program.js';

const KERNELS: Readonly<Record<string, (a: number, b: number) => number>> = {
  [TOY_OPS['add']!]: (a, b) => a + b,
  [TOY_OPS['mul']!]: (a, b) => a * b,
  [TOY_OPS['relu']!]: (a) => Math.max(a, 0),
  [TOY_OPS['neg']!]: (a) => -a,
};

/** A fake accelerator: device tensors are host tensors kept aside, reachable only through it. */
export class FakeDevice implements DataTransfer {
  readonly device: Device;
  toDeviceCount = 0;
  toHostCount = 0;
  private readonly memory = new Map<DeviceHandle, Tensor>();

  constructor(type = 'fake') {
    this.device = { type, index: 0 };
  }

  /** A device tensor holding `host` (taken over, not copied). */
  wrap(host: Tensor): Tensor {
    const handle = Object.freeze({}) as unknown as DeviceHandle;
    this.memory.set(handle, host);
    return new Tensor(host.dtype, host.shape, { kind: 'device', device: this.device, byteLength: host.numel * 4, handle });
  }

  /** The host data behind device tensor `t`. */
  unwrap(t: Tensor): Tensor {
    if (t.storage.kind !== 'device' || t.device.type !== this.device.type) throw new Error(`fake device got a tensor on ${t.device.type}`);
    return this.memory.get(t.storage.handle)!;
  }

  async toDevice(t: Tensor): Promise<Tensor> {
    this.toDeviceCount++;
    return this.wrap(t.clone());
  }

  async toHost(t: Tensor): Promise<Tensor> {
    this.toHostCount++;
    return this.unwrap(t).clone();
  }
}

/** How a toy delegate behaves. */
export interface ToyOptions {
  /** Short op names it claims (`add`, `mul`, ...). */
  readonly ops: readonly string[];
  /** Fused groups (node names) it claims before single nodes. */
  readonly groups?: readonly (readonly string[])[];
  readonly device?: FakeDevice;
  readonly unavailable?: string;
  readonly failCapability?: boolean;
  readonly failPrepare?: boolean;
  /** Throw from `execute` while this is true (tests flip it). */
  failExecute?: boolean;
  /** Append a row to every output, breaking its shape. */
  readonly badShape?: boolean;
  /** Await this many ms (random up to it) inside `execute`, to interleave concurrent runs. */
  readonly delayMs?: number;
}

/** An ExecutorDelegate over {@link KERNELS}, recording what the runtime asked of it. */
export class ToyDelegate implements ExecutorDelegate {
  readonly device: Device;
  readonly transfer?: DataTransfer;
  readonly prepared: Partition[] = [];
  released = 0;
  disposed = 0;
  executions = 0;

  constructor(readonly name: string, readonly options: ToyOptions) {
    this.device = options.device?.device ?? CPU;
    this.transfer = options.device;
  }

  availability(): Availability {
    return this.options.unavailable ? { available: false, reason: this.options.unavailable } : { available: true };
  }

  getCapability(graph: Graph, context: CapabilityContext): Capability {
    if (this.options.failCapability) throw new Error('capability query exploded');
    const targets = new Set(this.options.ops.map((o) => TOY_OPS[o]));
    const grouped = new Set((this.options.groups ?? []).flat());
    const groups: string[][] = (this.options.groups ?? []).map((g) => [...g]);
    const refused = new Map<string, string>();
    for (const n of graph.nodes) {
      if (context.taken.has(n.name) || grouped.has(n.name)) continue;
      if (targets.has(n.target)) groups.push([n.name]);
      else refused.set(n.name, `no toy kernel for ${n.target}`);
    }
    return { groups, refused };
  }

  async prepare(partition: Partition): Promise<PreparedPartition> {
    if (this.options.failPrepare) throw new Error('out of toy memory');
    this.prepared.push(partition);
    return {
      execute: async (inputs) => {
        this.executions++;
        if (this.options.delayMs) await new Promise((r) => setTimeout(r, Math.random() * this.options.delayMs!));
        if (this.options.failExecute) throw new Error('toy kernel crashed');
        return this.run(partition.graph, inputs);
      },
      release: () => {
        this.released++;
      },
    };
  }

  dispose(): void {
    this.disposed++;
  }

  private run(graph: Graph, inputs: readonly RuntimeValue[]): RuntimeValue[] {
    const env = new Map<string, Tensor>();
    graph.inputs.forEach((a, i) => env.set(argumentValueNames(a)[0]!, this.toHost(inputs[i]!)));
    for (const n of graph.nodes) {
      const args = nodeInputNames(n).map((v) => env.get(v)!.toFloat64());
      const f = KERNELS[n.target]!;
      const out = args[0]!.map((x, i) => f(x, args[1]?.[i] ?? 0));
      const shape = env.get(nodeInputNames(n)[0]!)!.shape;
      env.set(n.name, Tensor.fromNumbers('float32', shape, out));
    }
    return graph.outputs.map((a) => {
      let t = env.get(argumentValueNames(a)[0]!)!;
      if (this.options.badShape) t = Tensor.zeros(t.dtype, [t.shape[0]! + 1, ...t.shape.slice(1)]);
      return this.options.device ? this.options.device.wrap(t) : t;
    });
  }

  private toHost(v: RuntimeValue): Tensor {
    if (!(v instanceof Tensor)) throw new Error(`toy delegate '${this.name}' got a non-tensor input`);
    if (v.device.type !== this.device.type) throw new Error(`toy delegate '${this.name}' got an input on ${v.device.type}, expected ${this.device.type}`);
    return this.options.device ? this.options.device.unwrap(v) : v;
  }
}

/** A logger that records warnings for assertions. */
export function recordingLogger(): { warnings: string[]; infos: string[]; warn(m: string): void; info(m: string): void; debug(): void } {
  const warnings: string[] = [];
  const infos: string[] = [];
  return { warnings, infos, warn: (m) => warnings.push(m), info: (m) => infos.push(m), debug: () => {} };
}
