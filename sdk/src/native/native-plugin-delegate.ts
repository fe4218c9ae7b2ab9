import type {
  Availability, Capability, CapabilityContext, Device, ExecutorDelegate, Graph, Partition, PrepareContext, PreparedPartition, Tensor,
} from '@nativert/core';
import { argumentValueNames } from '@nativert/core';
import koffi from 'koffi';
import { NrtCapability } from './abi.js';
import { NativeDeviceMemory } from './device-memory.js';
import { encodeGraph } from './graph-encoding.js';
import { NativePlugin } from './native-plugin.js';
import { NativePreparedPartition } from './native-prepared-partition.js';
import type { NativePluginLibrary } from './plugin-library.js';
import type { Address } from './native-writer.js';
import { NativeWriter } from './native-writer.js';

/**
 * An {@link ExecutorDelegate} over a native plugin's function table: capability queries and
 * prepare pass the graph in its C form; execute passes tensor descriptors of device memory;
 * {@link transfer} copies through the plugin's DeviceMemory_* calls. Failures come back as status
 * codes and are thrown as typed errors naming the plugin; nothing native unwinds through here.
 * Owns one plugin instance, destroyed by {@link dispose}.
 */
export class NativePluginDelegate implements ExecutorDelegate {
  readonly name: string;
  readonly device: Device;
  readonly transfer: NativeDeviceMemory;
  private readonly plugin: NativePlugin;
  private readonly deviceCount: number;

  private constructor(plugin: NativePlugin, name: string) {
    this.plugin = plugin;
    this.name = name;
    const devices = plugin.devices();
    this.deviceCount = devices.length;
    const first = devices[0];
    this.device = Object.freeze({ type: first?.type ?? 'unknown', index: first?.index ?? 0 });
    this.transfer = new NativeDeviceMemory(plugin, this.device);
  }

  /**
   * Creates a plugin instance from `library` with the integrator's `options`.
   * `name` overrides the name the plugin reports (a package may publish it under another name).
   */
  static create(library: NativePluginLibrary, options: Readonly<Record<string, unknown>>, name?: string): NativePluginDelegate {
    const plugin = NativePlugin.create(library, options);
    return new NativePluginDelegate(plugin, name ?? plugin.name);
  }

  availability(): Availability {
    if (!this.plugin.alive) return { available: false, reason: `${this.name} was disposed` };
    return this.deviceCount > 0 ? { available: true } : { available: false, reason: `${this.name} reports no devices` };
  }

  getCapability(graph: Graph, context: CapabilityContext): Capability {
    const w = new NativeWriter();
    const encoded = encodeGraph(w, graph, context.taken);
    let capAddr: Address;
    try {
      capAddr = this.plugin.callForPointer('Plugin_GetCapability', encoded.address);
    } finally {
      w.release();
    }
    try {
      return decodeCapability(capAddr, encoded.nodeNames);
    } finally {
      this.plugin.call('Capability_Release', capAddr);
    }
  }

  async prepare(partition: Partition, _context: PrepareContext): Promise<PreparedPartition> {
    const w = new NativeWriter();
    let executable: Address;
    try {
      executable = this.plugin.callForPointer('Plugin_Prepare', encodeGraph(w, partition.graph).address, this.device.index);
    } finally {
      w.release();
    }
    const weights = new Map<number, Tensor>();
    try {
      partition.graph.inputs.flatMap(argumentValueNames).forEach((name, i) => {
        const weight = partition.weights.get(name);
        if (weight) weights.set(i, weight.storage.kind === 'host' ? this.transfer.upload(weight) : weight);
      });
    } catch (e) {
      for (const t of weights.values()) if (t.storage.kind === 'device') this.transfer.free(t.storage);
      this.plugin.call('Executable_Release', executable);
      throw e;
    }
    return new NativePreparedPartition(this.plugin, this.transfer, partition, executable, weights);
  }

  /** Destroys the plugin instance; its device memory goes with it. */
  dispose(): void {
    this.plugin.destroy();
  }
}

/** Reads an `NrtCapability` into node-name groups and refusal notes. */
function decodeCapability(addr: Address, nodeNames: readonly string[]): Capability {
  const cap = koffi.decode(addr, NrtCapability) as Record<string, Address | number | null>;
  const numGroups = Number(cap['num_groups']);
  const numIndices = Number(cap['num_node_indices']);
  const indices = numIndices > 0 ? Array.from(koffi.decode(cap['node_indices'], 'int32_t', numIndices) as Int32Array) : [];
  const offsets = numGroups > 0 ? Array.from(koffi.decode(cap['group_offsets'], 'size_t', numGroups + 1) as ArrayLike<number | bigint>, Number) : [0];
  const name = (i: number) => nodeNames[i] ?? `#${i}`;
  const groups = Array.from({ length: numGroups }, (_, g) => indices.slice(offsets[g]!, offsets[g + 1]!).map(name));
  const refused = new Map<string, string>();
  const numNotes = Number(cap['num_node_notes']);
  if (numNotes > 0 && cap['node_notes']) {
    (koffi.decode(cap['node_notes'], 'const char *', numNotes) as (string | null)[]).forEach((note, i) => {
      if (note) refused.set(name(i), note);
    });
  }
  return { groups, refused };
}
