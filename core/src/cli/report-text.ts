import type { PartitionReport } from '../partition/partition-report.js';

/** The partition report as a few human-readable lines. */
export function partitionSummary(report: PartitionReport): string[] {
  const lines = [`partition: ${report.delegates.map((d) => `${d.delegate} ${d.nodes} nodes in ${d.partitions} partition(s)`).join(', ')}`];
  for (const s of report.skipped) lines.push(`  skipped ${s.delegate} at ${s.stage}: ${s.reason}`);
  if (report.copies.length > 0) lines.push(`  ${report.copies.length} device copies`);
  return lines;
}

/** Every node with its delegate and partition, and every refusal with its reason. */
export function partitionDetail(report: PartitionReport): string[] {
  const lines = report.nodes.map((n) => `  ${n.node.padEnd(28)} ${n.target.padEnd(40)} -> ${n.delegate} #${n.partition}`);
  for (const r of report.refusals) lines.push(`  refused by ${r.delegate}: ${r.node}: ${r.reason}`);
  for (const c of report.copies) lines.push(`  copy ${c.value}: ${c.from} -> ${c.to} (for ${c.consumer})`);
  return lines;
}
