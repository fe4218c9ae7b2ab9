import type { DeviceStorage, RuntimeValue } from '@nativert/core';
import { Tensor } from '@nativert/core';
import type { DriverHandle } from './ffi/driver-api.js';
import type { DevicePlan } from './device-plan.js';
import type { MemoryPool } from './device/memory-pool.js';
import type { CudaOpContext } from './ops/cuda-op.js';
import { copyInto, copyOf, empty } from './ops/launch-helpers.js';

/** Input signatures a partition keeps graphs for (dynamic shapes cycling through a few sizes). */
const MAX_GRAPHS = 4;

/** How a captured graph gets one input: the constant's storage used in place, a copy target, or nothing (a non-tensor). */
type InputSlot = { readonly constant: DeviceStorage } | { readonly target: Tensor } | null;

/** One input signature's state: seen once (eager), captured, or not capturable. */
type Entry =
  | { readonly kind: 'seen'; readonly storages: readonly (DeviceStorage | null)[] }
  | { readonly kind: 'eager' }
  | {
    readonly kind: 'graph';
    readonly exec: DriverHandle;
    readonly slots: readonly InputSlot[];
    readonly outputs: readonly RuntimeValue[];
    /** The graph's own blocks; kept referenced as long as the graph lives. */
    readonly pool: MemoryPool;
  };

/** A key for the shapes, strides, dtypes and scalar values of `inputs`. */
export function inputSignature(inputs: readonly RuntimeValue[]): string {
  return inputs.map((v) => (v instanceof Tensor ? `${v.dtype}[${v.shape.join(',')}]/[${v.strides.join(',')}]` : `${typeof v}:${String(v)}`)).join(';');
}

/**
 * Runs a {@link DevicePlan} through CUDA graphs for fixed input shapes: the first run of a
 * signature is eager (kernels compile, cuBLAS warms up, and inputs that keep their storage, the
 * weights, are told apart from per-run ones); the second is captured into a graph with its own
 * memory pool; later ones copy the per-run inputs into the graph's input buffers, replay it with
 * one launch, and copy the outputs out (so results never alias memory the next replay writes).
 * A plan that cannot be captured (a capture error) stays eager for that signature.
 */
export class GraphReplay {
  private readonly entries = new Map<string, Entry>();

  /** `warn` hears, once per signature, why a partition could not be captured. */
  constructor(private readonly plan: DevicePlan, private readonly ctx: CudaOpContext, private readonly warn: (message: string) => void = () => {}) {}

  /** Runs the plan on `inputs` (graph inputs order), through a graph when one is ready. */
  run(inputs: readonly RuntimeValue[]): RuntimeValue[] {
    const sig = inputSignature(inputs);
    const entry = this.entries.get(sig);
    if (!entry) {
      this.remember(sig, { kind: 'seen', storages: inputs.map((v) => (v instanceof Tensor && v.storage.kind === 'device' ? v.storage : null)) });
      return this.plan.run(inputs, this.ctx);
    }
    if (entry.kind === 'eager') return this.plan.run(inputs, this.ctx);
    if (entry.kind === 'seen') return this.capture(sig, entry.storages, inputs);
    if (!this.stillConstant(entry, inputs)) {
      this.forget(sig);
      return this.run(inputs);
    }
    return this.replay(entry, inputs);
  }

  /** Frees every graph. */
  release(): void {
    for (const sig of [...this.entries.keys()]) this.forget(sig);
  }

  private capture(sig: string, firstStorages: readonly (DeviceStorage | null)[], inputs: readonly RuntimeValue[]): RuntimeValue[] {
    const pool = this.ctx.cuda.newPool();
    const graphCtx: CudaOpContext = { ...this.ctx, pool };
    const slots = inputs.map((v, i): InputSlot => {
      if (!(v instanceof Tensor)) return null;
      if (v.storage.kind === 'device' && v.storage === firstStorages[i]) return { constant: v.storage };
      return { target: empty(graphCtx, v.dtype, v.shape) };
    });
    const planInputs = inputs.map((v, i): RuntimeValue => {
      const s = slots[i];
      return s && 'target' in s ? s.target : v;
    });
    this.copyInputs(slots, inputs);
    let outputs: RuntimeValue[];
    let exec: DriverHandle;
    try {
      this.ctx.cuda.beginCapture();
      try {
        outputs = this.plan.run(planInputs, graphCtx);
      } finally {
        exec = this.ctx.cuda.endCapture();
      }
    } catch (e) {
      // Not capturable (a host sync or an unsupported call inside): this signature stays eager.
      this.warn(`cuda: partition not captured as a CUDA graph for inputs ${sig}, running it eagerly: ${(e as Error).message}`);
      this.remember(sig, { kind: 'eager' });
      return this.plan.run(inputs, this.ctx);
    }
    const entry: Entry = { kind: 'graph', exec, slots, outputs, pool };
    this.remember(sig, entry);
    this.ctx.cuda.launchGraph(exec);
    return this.copyOutputs(outputs);
  }

  private replay(entry: Extract<Entry, { kind: 'graph' }>, inputs: readonly RuntimeValue[]): RuntimeValue[] {
    this.copyInputs(entry.slots, inputs);
    this.ctx.cuda.launchGraph(entry.exec);
    return this.copyOutputs(entry.outputs);
  }

  private copyInputs(slots: Extract<Entry, { kind: 'graph' }>['slots'], inputs: readonly RuntimeValue[]): void {
    slots.forEach((s, i) => {
      if (s && 'target' in s) copyInto(this.ctx, s.target, inputs[i] as Tensor);
    });
  }

  private copyOutputs(outputs: readonly RuntimeValue[]): RuntimeValue[] {
    return outputs.map((v) => (v instanceof Tensor ? copyOf(this.ctx, v) : v));
  }

  private stillConstant(entry: Extract<Entry, { kind: 'graph' }>, inputs: readonly RuntimeValue[]): boolean {
    return entry.slots.every((s, i) => !s || !('constant' in s) || (inputs[i] instanceof Tensor && inputs[i].storage === s.constant));
  }

  private remember(sig: string, entry: Entry): void {
    this.forget(sig);
    if (this.entries.size >= MAX_GRAPHS) this.forget(this.entries.keys().next().value!);
    this.entries.set(sig, entry);
  }

  private forget(sig: string): void {
    const e = this.entries.get(sig);
    if (e?.kind === 'graph') {
      // Replays already queued finish before the exec is destroyed (the driver defers it).
      this.ctx.cuda.destroyGraph(e.exec);
      e.pool.trim();
    }
    this.entries.delete(sig);
  }
}
