// A delegate for view tests: claims nodes by op target on a fake accelerator device (so the
// partitioner inserts copies), prepares nothing it could run. Views only need the partition.
import type { Availability, Capability, ExecutorDelegate, Graph, PreparedPartition } from '@nativert/core';
import { FakeDevice } from '../partition/toy-delegate.js';

/** Claims every node whose target is in `targets`; refuses the rest with a reason naming the op. */
export class ClaimingDelegate implements ExecutorDelegate {
  private readonly fake = new FakeDevice('accel');
  readonly device = this.fake.device;
  readonly transfer = this.fake;

  constructor(readonly name: string, private readonly targets: ReadonlySet<string>) {}

  availability(): Availability {
    return { available: true };
  }

  getCapability(graph: Graph): Capability {
    const refused = new Map<string, string>();
    const groups: string[][] = [];
    for (const n of graph.nodes) {
      if (this.targets.has(n.target)) groups.push([n.name]);
      else refused.set(n.name, `${this.name} has no kernel for ${n.target}`);
    }
    return { groups, refused };
  }

  async prepare(): Promise<PreparedPartition> {
    return {
      execute: () => Promise.reject(new Error(`${this.name} is a view-test delegate and does not run`)),
      release: () => {},
    };
  }
}
