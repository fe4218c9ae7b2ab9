import type { ConformanceReport, OpReport, PluginCaseResult } from './conformance-report.js';

/** One line for a case: status, name, nodes on the plugin, time, and why it failed. */
export function formatCaseLine(r: PluginCaseResult, plugin: string): string {
  const p = r.placement;
  const nodes = p ? `${plugin} ${p.pluginNodes}/${p.totalNodes} nodes` : `${plugin} -`;
  const err = r.error ? `: ${r.error.split('\n')[0]}` : '';
  const suspects = r.suspects && r.suspects.length > 0 ? ` [suspect: ${r.suspects.join(', ')}]` : '';
  return `${r.status.toUpperCase().padEnd(4)} ${r.name.padEnd(34)} ${nodes.padEnd(28)} ${r.ms.toFixed(1).padStart(8)} ms${err}${suspects}`;
}

/**
 * The per-op view: a table of the ops the plugin ran (claimed, refused and corpus node counts,
 * failing and suspect cases, why it refused the rest), then the ops it refused everywhere,
 * grouped by reason, then a count of the ops it never mentioned.
 */
export function formatOpTable(ops: readonly OpReport[], plugin: string): string[] {
  const ran = ops.filter((o) => o.claimed > 0);
  const width = Math.max(9, ...ran.map((o) => o.target.length));
  const lines = [`Ops ${plugin} ran (${ran.length}):`];
  if (ran.length > 0) lines.push(`  ${'op target'.padEnd(width)} claimed refused corpus`);
  for (const o of ran) {
    const counts = `${String(o.claimed).padStart(7)} ${String(o.refused).padStart(7)} ${String(o.nodes).padStart(6)}`;
    const failing = o.failingCases.length > 0 ? `  FAILING in ${o.failingCases.length}: ${list(o.failingCases)}` : '';
    const suspect = o.suspectIn.length > 0 ? `  SUSPECT in ${o.suspectIn.length}: ${list(o.suspectIn)}` : '';
    lines.push(`  ${o.target.padEnd(width)} ${counts}${failing}${suspect}`);
    for (const [why, n] of Object.entries(o.reasons).sort((a, b) => b[1] - a[1])) lines.push(`  ${' '.repeat(width)}   refused x${n}: ${why}`);
  }
  const byReason = new Map<string, { nodes: number; ops: string[] }>();
  for (const o of ops) {
    if (o.claimed > 0) continue;
    for (const [why, n] of Object.entries(o.reasons)) {
      const r = byReason.get(why) ?? { nodes: 0, ops: [] };
      r.nodes += n;
      r.ops.push(o.target);
      byReason.set(why, r);
    }
  }
  if (byReason.size > 0) lines.push(`Ops ${plugin} refused everywhere, by reason:`);
  for (const [why, r] of [...byReason.entries()].sort((a, b) => b[1].nodes - a[1].nodes)) {
    lines.push(`  ${r.ops.length} ops, ${r.nodes} nodes: ${why}`, `    ${list(r.ops, 10)}`);
  }
  const unseen = ops.filter((o) => o.claimed === 0 && o.refused === 0).length;
  if (unseen > 0) lines.push(`${unseen} more op targets in the corpus were neither claimed nor refused with a reason (see --json)`);
  return lines;
}

/** The closing summary line. */
export function formatSummary(report: ConformanceReport): string {
  const s = report.summary;
  return `${s.passed} passed, ${s.failed} failed of ${s.cases}; ${report.plugin.name} ran ${s.pluginNodes} of ${s.totalNodes} nodes, in ${s.casesOnPlugin} of ${s.cases} cases`;
}

/** Up to `max` names, then how many more. */
function list(names: readonly string[], max = 4): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')}, ... (${names.length - max} more)`;
}
