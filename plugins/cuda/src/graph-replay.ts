import type { DeviceStorage, DType, RuntimeValue } from '@nativert/core';
import { itemSize, Tensor } from '@nativert/core';
import type { DriverHandle } from './ffi/driver-api.js';
import type { DevicePlan } from './device-plan.js';
import type { PinnedBuffer } from './device/cuda-context.js';
import { pendingBytes, ptrOf } from './device/device-tensor.js';
import type { MemoryPool } from './device/memory-pool.js';
import type { CudaOpContext } from './ops/cuda-op.js';
import { contiguous, copyInto, empty } from './ops/launch-helpers.js';

/** Input signatures a partition keeps graphs for (dynamic shapes cycling through a few sizes). */
const MAX_GRAPHS = 4;

/** Staging offsets are rounded up to this many bytes. */
const ALIGN = 256;

/**
 * How a captured graph gets one input: the constant's storage used in place, a copy target (with
 * its offset in the pinned input staging), or nothing (a non-tensor).
 */
type InputSlot = { readonly constant: DeviceStorage } | { readonly target: Tensor; readonly staged: number } | null;

/** Where a replay finds one output: a tensor's bytes in the pinned output staging, or a value fixed at capture. */
type OutputSlot = { readonly dtype: DType; readonly shape: readonly number[]; readonly staged: number } | { readonly value: RuntimeValue };

/** One input signature's state: seen once (eager), captured, or not capturable. */
type Entry =
  | { readonly kind: 'seen'; readonly storages: readonly (DeviceStorage | null)[] }
  | { readonly kind: 'eager' }
  | {
    readonly kind: 'graph';
    readonly exec: DriverHandle;
    readonly slots: readonly InputSlot[];
    readonly outputs: readonly OutputSlot[];
    /** The graph's own blocks; kept referenced as long as the graph lives. */
    readonly pool: MemoryPool;
    /** Pinned host memory the inputs are staged through and the graph writes its outputs to. */
    readonly stageIn: PinnedBuffer;
    readonly stageOut: PinnedBuffer;
  };

type GraphEntry = Extract<Entry, { kind: 'graph' }>;

/** Byte offsets of `sizes` packed at {@link ALIGN}, and the total. */
function pack(sizes: readonly number[]): { offsets: number[]; total: number } {
  let total = 0;
  const offsets = sizes.map((n) => {
    const at = total;
    total += Math.ceil(n / ALIGN) * ALIGN;
    return at;
  });
  return { offsets, total };
}

function byteSize(t: Tensor): number {
  return t.numel * itemSize(t.dtype);
}

/** A key for the shapes, strides, dtypes and scalar values of `inputs`. */
export function inputSignature(inputs: readonly RuntimeValue[]): string {
  return inputs.map((v) => (v instanceof Tensor ? `${v.dtype}[${v.shape.join(',')}]/[${v.strides.join(',')}]` : `${typeof v}:${String(v)}`)).join(';');
}

/**
 * Runs a {@link DevicePlan} through CUDA graphs for fixed input shapes: the first run of a
 * signature is eager (kernels compile, cuBLAS warms up, and inputs that keep their storage, the
 * weights, are told apart from per-run ones); the second is captured into a graph with its own
 * memory pool, its outputs copied to pinned host memory inside the graph. Later runs copy the
 * per-run inputs into the graph's input buffers (host uploads staged through pinned memory, one
 * asynchronous copy each), replay it with one launch, synchronize once and return the outputs as
 * fresh host tensors (so results never alias memory the next replay writes).
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
    const { cuda } = this.ctx;
    const pool = cuda.newPool();
    const graphCtx: CudaOpContext = { ...this.ctx, pool };
    const isConstant = (v: RuntimeValue, i: number) => v instanceof Tensor && v.storage.kind === 'device' && v.storage === firstStorages[i];
    const staging = pack(inputs.map((v, i) => (v instanceof Tensor && !isConstant(v, i) ? byteSize(v) : 0)));
    const stageIn = cuda.allocPinned(staging.total);
    const slots = inputs.map((v, i): InputSlot => {
      if (!(v instanceof Tensor)) return null;
      if (isConstant(v, i)) {
        // A weight not read yet is uploaded now: a pageable copy inside the capture would break it.
        ptrOf(v);
        return { constant: v.storage as DeviceStorage };
      }
      return { target: empty(graphCtx, v.dtype, v.shape), staged: staging.offsets[i]! };
    });
    const planInputs = inputs.map((v, i): RuntimeValue => {
      const s = slots[i];
      return s && 'target' in s ? s.target : v;
    });
    this.copyInputs(slots, inputs, stageIn);
    let exec: DriverHandle;
    let outputs: OutputSlot[];
    let stageOut: PinnedBuffer | undefined;
    try {
      cuda.beginCapture();
      try {
        const values = this.plan.run(planInputs, graphCtx);
        const tensors = values.map((v) => (v instanceof Tensor ? contiguous(graphCtx, v) : null));
        const out = pack(tensors.map((t) => (t ? byteSize(t) : 0)));
        stageOut = cuda.allocPinned(out.total);
        const base = stageOut.address;
        outputs = values.map((v, i): OutputSlot => {
          const t = tensors[i];
          if (!t) return { value: v };
          cuda.downloadPinned(base + BigInt(out.offsets[i]!), ptrOf(t), byteSize(t));
          return { dtype: t.dtype, shape: t.shape, staged: out.offsets[i]! };
        });
      } finally {
        exec = cuda.endCapture();
      }
    } catch (e) {
      // Not capturable (a host sync or an unsupported call inside): this signature stays eager.
      cuda.synchronize();
      cuda.freePinned(stageIn);
      if (stageOut) cuda.freePinned(stageOut);
      this.warn(`cuda: partition not captured as a CUDA graph for inputs ${sig}, running it eagerly: ${(e as Error).message}`);
      this.remember(sig, { kind: 'eager' });
      return this.plan.run(inputs, this.ctx);
    }
    const entry: GraphEntry = { kind: 'graph', exec, slots, outputs, pool, stageIn, stageOut: stageOut! };
    this.remember(sig, entry);
    return this.launch(entry);
  }

  private replay(entry: GraphEntry, inputs: readonly RuntimeValue[]): RuntimeValue[] {
    this.copyInputs(entry.slots, inputs, entry.stageIn);
    return this.launch(entry);
  }

  /** One launch, one wait, then the outputs copied out of the pinned staging. */
  private launch(entry: GraphEntry): RuntimeValue[] {
    this.ctx.cuda.launchGraph(entry.exec);
    this.ctx.cuda.synchronize();
    return entry.outputs.map((o) => {
      if ('value' in o) return o.value;
      const t = Tensor.zeros(o.dtype, o.shape);
      const bytes = t.hostStorage().bytes;
      bytes.set(entry.stageOut.bytes.subarray(o.staged, o.staged + bytes.byteLength));
      return t;
    });
  }

  /** Host uploads go through the pinned staging (one asynchronous copy each); device inputs are copied on the device. */
  private copyInputs(slots: GraphEntry['slots'], inputs: readonly RuntimeValue[], stage: PinnedBuffer): void {
    slots.forEach((s, i) => {
      if (!s || !('target' in s)) return;
      const src = inputs[i] as Tensor;
      const bytes = pendingBytes(src);
      if (!bytes) {
        copyInto(this.ctx, s.target, src);
        return;
      }
      stage.bytes.set(bytes, s.staged);
      this.ctx.cuda.uploadPinned(ptrOf(s.target), stage.address + BigInt(s.staged), bytes.byteLength);
    });
  }

  private stillConstant(entry: GraphEntry, inputs: readonly RuntimeValue[]): boolean {
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
      this.ctx.cuda.destroyGraph(e.exec);
      e.pool.trim();
      // Every replay ended with a wait, so no copy still uses the staging.
      this.ctx.cuda.freePinned(e.stageIn);
      this.ctx.cuda.freePinned(e.stageOut);
    }
    this.entries.delete(sig);
  }
}
