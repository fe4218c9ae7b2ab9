import koffi from 'koffi';
import type { DType, Partition, PreparedPartition, RuntimeValue, SymDim } from '@nativert/core';
import { ErrorCode, NativertError, Tensor, argumentValueNames, dtypeFromSchema, dtypeToSchema, itemSize, numelOf } from '@nativert/core';
import { MAX_RANK, NrtTensor } from './abi.js';
import type { NativeDeviceMemory } from './device-memory.js';
import type { NativePlugin } from './native-plugin.js';
import type { Address } from './native-writer.js';
import { NativeWriter } from './native-writer.js';

/**
 * A partition prepared by a native plugin (`NrtExecutable`). Weights are uploaded to the device
 * once at prepare; other host inputs are uploaded per run and freed after it; inputs already in
 * this plugin's memory are passed as they are. Outputs stay on the device and become the
 * caller's. Every output is checked against the partition's static metadata, so a plugin that
 * reports a wrong shape or dtype fails the run instead of corrupting it.
 */
export class NativePreparedPartition implements PreparedPartition {
  private executable: Address | null;
  private readonly inputNames: readonly string[];
  private readonly outputNames: readonly string[];

  constructor(
    private readonly plugin: NativePlugin,
    private readonly memory: NativeDeviceMemory,
    private readonly partition: Partition,
    executable: Address,
    /** Device copies of the partition's weights, by input position. */
    private readonly weights: ReadonlyMap<number, Tensor>,
  ) {
    this.executable = executable;
    this.inputNames = partition.graph.inputs.flatMap(argumentValueNames);
    this.outputNames = partition.graph.outputs.flatMap(argumentValueNames);
  }

  async execute(inputs: readonly RuntimeValue[]): Promise<RuntimeValue[]> {
    if (this.executable === null) throw this.error(ErrorCode.PluginFailure, 'execute called after release');
    if (inputs.length !== this.inputNames.length) {
      throw this.error(ErrorCode.InvalidInput, `expected ${this.inputNames.length} inputs (${this.inputNames.join(', ')}), given ${inputs.length}`);
    }
    const w = new NativeWriter();
    const temporaries: Tensor[] = [];
    try {
      const descriptors = inputs.map((v, i) => this.inputDescriptor(w, i, v, temporaries));
      const n = this.outputNames.length;
      const sizes = Array.from({ length: n }, () => new BigInt64Array(MAX_RANK));
      const strides = Array.from({ length: n }, () => new BigInt64Array(MAX_RANK));
      const outAddr = w.structs(NrtTensor, sizes.map((s, j) => ({
        struct_size: koffi.sizeof(NrtTensor), data: 0n, byte_offset: 0n, dtype: 0, device_index: this.memory.deviceIndex,
        rank: MAX_RANK, sizes: w.hold(s), strides: w.hold(strides[j]!),
      })));
      this.plugin.call('Executable_Execute', this.executable, w.structs(NrtTensor, descriptors), descriptors.length, outAddr, n);
      const raw = Array.from({ length: n }, (_, j) => koffi.decode(outAddr, j * koffi.sizeof(NrtTensor), NrtTensor) as Record<string, unknown>);
      const pointers = raw.map((d) => d['data'] as Address | null);
      let layouts: OutputLayout[];
      try {
        layouts = raw.map((d, j) => this.checkOutput(j, d, pointers[j] ?? null, sizes[j]!, strides[j]!));
      } catch (e) {
        // The host owns outputs once execute returns OK: give them back before failing.
        for (const p of pointers) if (p !== null && p !== 0n) this.plugin.call('DeviceMemory_Free', p);
        throw e;
      }
      return layouts.map((l, j) => new Tensor(l.dtype, l.shape, this.memory.adopt(pointers[j]!, l.byteLength), l.strides, l.offset));
    } finally {
      w.release();
      for (const t of temporaries) if (t.storage.kind === 'device') this.memory.free(t.storage);
    }
  }

  release(): void {
    if (this.executable === null) return;
    const exe = this.executable;
    this.executable = null;
    for (const t of this.weights.values()) if (t.storage.kind === 'device') this.memory.free(t.storage);
    this.plugin.call('Executable_Release', exe);
  }

  private inputDescriptor(w: NativeWriter, i: number, v: RuntimeValue, temporaries: Tensor[]): Record<string, unknown> {
    const name = this.inputNames[i]!;
    let t = this.weights.get(i);
    if (!t) {
      if (!(v instanceof Tensor)) throw this.error(ErrorCode.InvalidInput, `input ${i} ('${name}') must be a tensor, given ${typeof v} ${String(v)}`);
      if (v.storage.kind === 'host') {
        t = this.memory.upload(v);
        temporaries.push(t);
      } else if (this.memory.tryPointerOf(v.storage) !== undefined) {
        t = v;
      } else {
        throw this.error(ErrorCode.InvalidInput, `input ${i} ('${name}') is on ${v.device.type}:${v.device.index}, not in this plugin's memory; copy it first`);
      }
    }
    if (t.storage.kind !== 'device') throw this.error(ErrorCode.Internal, `input ${i} ('${name}') was not uploaded`);
    return {
      struct_size: koffi.sizeof(NrtTensor),
      data: this.memory.tryPointerOf(t.storage),
      byte_offset: BigInt(t.offset * itemSize(t.dtype)),
      dtype: dtypeToSchema(t.dtype),
      device_index: this.memory.deviceIndex,
      rank: t.rank,
      sizes: w.int64s(t.shape),
      strides: w.int64s(t.strides),
    };
  }

  /** Reads output descriptor `j` and checks it against the partition's metadata (dtype, static dims). */
  private checkOutput(j: number, d: Record<string, unknown>, data: Address | null, sizes: BigInt64Array, strides: BigInt64Array): OutputLayout {
    const name = this.outputNames[j]!;
    const fail = (why: string): never => {
      throw this.error(ErrorCode.PluginFailure, `output ${j} ('${name}'): ${why}`);
    };
    if (data === null || data === 0n) fail('no data pointer returned');
    const rank = Number(d['rank']);
    if (rank > MAX_RANK) fail(`rank ${rank} exceeds ${MAX_RANK}`);
    const shape = Array.from(sizes.subarray(0, rank), Number);
    const dtype = dtypeFromSchema(Number(d['dtype']), `${this.plugin.name} output '${name}'`);
    const meta = this.partition.graph.tensorMeta(name);
    if (meta && meta.dtype !== dtype) fail(`dtype ${dtype}, expected ${meta.dtype}`);
    if (meta && !shapeMatches(meta.sizes, shape)) fail(`shape [${shape.join(', ')}], expected [${meta.sizes.map(dimText).join(', ')}]`);
    const size = itemSize(dtype);
    const byteOffset = Number(d['byte_offset']);
    if (byteOffset % size !== 0) fail(`byte offset ${byteOffset} is not a multiple of the ${dtype} item size`);
    const elementStrides = Array.from(strides.subarray(0, rank), Number);
    return { dtype, shape, strides: elementStrides, offset: byteOffset / size, byteLength: byteSpan(shape, elementStrides, byteOffset, size) };
  }

  private error(code: ErrorCode, message: string): NativertError {
    return new NativertError(code, `${this.plugin.name}: partition ${this.partition.id}: ${message}`);
  }
}

function dimText(d: SymDim): string {
  return typeof d === 'number' ? String(d) : d.expr;
}

/** Static dims must match exactly; symbolic ones match any size. */
function shapeMatches(expected: readonly SymDim[], given: readonly number[]): boolean {
  return expected.length === given.length && expected.every((d, i) => typeof d !== 'number' || d === given[i]);
}

/** Bytes from the allocation start to one past the last element. */
function byteSpan(shape: readonly number[], strides: readonly number[], byteOffset: number, size: number): number {
  if (numelOf(shape) === 0) return byteOffset;
  let last = 0;
  shape.forEach((n, d) => {
    last += (n - 1) * strides[d]!;
  });
  return byteOffset + (last + 1) * size;
}

/** Where and how an execute output lies in its allocation. */
interface OutputLayout {
  readonly dtype: DType;
  readonly shape: number[];
  readonly strides: number[];
  readonly offset: number;
  readonly byteLength: number;
}
