import type { Graph } from '../ir/graph.js';
import { CPU, deviceToString } from '../tensor/device.js';
import type { DeviceCopy } from './partition-report.js';
import type { PlannedPartition } from './partitioner.js';

/**
 * The tensor copies partition boundaries need: a partition reading a tensor made on another
 * device (graph inputs and weights start on the host), and device-made graph outputs, which
 * return to the host.
 */
export function collectCopies(graph: Graph, partitions: readonly PlannedPartition[]): DeviceCopy[] {
  const madeOn = new Map<string, string>();
  const copies: DeviceCopy[] = [];
  const cpu = deviceToString(CPU);
  for (const p of partitions) {
    const here = deviceToString(p.delegate.device);
    for (const v of p.graph.inputs) {
      if (v.kind !== 'tensor') continue;
      const from = madeOn.get(v.name) ?? cpu;
      if (from !== here) copies.push({ value: v.name, from, to: here, consumer: p.id });
    }
    for (const v of p.graph.outputs) if (v.kind === 'tensor') madeOn.set(v.name, here);
  }
  for (const v of graph.outputs) {
    if (v.kind !== 'tensor') continue;
    const from = madeOn.get(v.name) ?? cpu;
    if (from !== cpu) copies.push({ value: v.name, from, to: cpu, consumer: 'output' });
  }
  return copies;
}
