import type { Capability, ExecutorDelegate } from '../delegate/executor-delegate.js';
import type { Graph } from '../ir/graph.js';
import type { OpFilter } from './op-filter.js';
import { opFilterRefusal } from './op-filter.js';

/**
 * `delegate` with its capability claims narrowed by the integrator's `filter`: a claimed group
 * holding a forbidden op is dropped whole (a fused group cannot run in part), and its nodes get a
 * refusal reason starting with `denied by integrator op filter`. Everything else is forwarded;
 * the wrapper owns nothing, so disposing stays with whoever owns `delegate`.
 */
export function withOpFilter(delegate: ExecutorDelegate, filter: OpFilter): ExecutorDelegate {
  return {
    name: delegate.name,
    device: delegate.device,
    ...(delegate.transfer ? { transfer: delegate.transfer } : {}),
    availability: () => delegate.availability(),
    getCapability: (graph, context) => filterCapability(graph, delegate.getCapability(graph, context), filter),
    prepare: (partition, context) => delegate.prepare(partition, context),
  };
}

/** `capability` without the groups `filter` forbids, their nodes refused with the filter's reason. */
export function filterCapability(graph: Graph, capability: Capability, filter: OpFilter): Capability {
  const refused = new Map(capability.refused ?? []);
  const groups = capability.groups.filter((group) => {
    const reasons = group.map((n) => {
      const node = graph.tryGetNode(n);
      return node === undefined ? undefined : opFilterRefusal(filter, node.target);
    });
    const denied = reasons.findIndex((r) => r !== undefined);
    if (denied < 0) return true;
    group.forEach((n, i) => refused.set(n, reasons[i] ?? `${reasons[denied]!} for '${group[denied]!}' in its fused group`));
    return false;
  });
  return { groups, refused };
}
