import type { PartitionReport } from '@nativert/core';

/** What the plugin did with one program, read from its partition report. */
export interface PluginPlacement {
  /** Nodes in the program's top-level graph. */
  readonly totalNodes: number;
  /** Nodes the plugin ran. */
  readonly pluginNodes: number;
  /** Op target → nodes of that op the plugin ran. */
  readonly claimed: Readonly<Record<string, number>>;
  /** Op target → reason → nodes of that op the plugin refused with that reason. */
  readonly refused: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Op target → nodes of that op in the program, whoever ran them. */
  readonly present: Readonly<Record<string, number>>;
  /** Set when the runtime left the plugin out of this program (at load, availability, capability or prepare). */
  readonly skipped?: { readonly stage: string; readonly reason: string };
}

/** One case (an archive on one input set) run with the plugin first. */
export interface PluginCaseResult {
  /** Case name; `[core]` and `[alt]` suffixes mark the core-IR archive and the second input set. */
  readonly name: string;
  readonly archive: string;
  readonly status: 'pass' | 'fail';
  /** Why it failed: the mismatch, the run error, or why the plugin was left out. */
  readonly error?: string;
  readonly maxAbsErr: number | null;
  /** Time of the run in milliseconds (load excluded). */
  readonly ms: number;
  readonly placement: PluginPlacement | null;
  /**
   * Op targets the plugin ran that fail the case when each is the only op on the plugin (an
   * allow filter of that op): the likely wrong kernels. Absent when not isolated.
   */
  readonly suspects?: readonly string[];
  /** Warnings the runtime logged while loading and running the case. */
  readonly warnings: readonly string[];
}

/** One op target across the corpus, from the plugin's point of view. */
export interface OpReport {
  readonly target: string;
  /** Nodes of this op in the corpus cases run. */
  readonly nodes: number;
  /** Nodes the plugin ran. */
  readonly claimed: number;
  /** Nodes the plugin refused with a reason. */
  readonly refused: number;
  /** Refusal reason → nodes. */
  readonly reasons: Readonly<Record<string, number>>;
  /** Failing cases in which the plugin ran this op. */
  readonly failingCases: readonly string[];
  /** Failing cases that still fail with this op alone on the plugin. */
  readonly suspectIn: readonly string[];
}

/** Totals of a conformance run. */
export interface ConformanceSummary {
  readonly cases: number;
  readonly passed: number;
  readonly failed: number;
  /** Cases in which the plugin ran at least one node. */
  readonly casesOnPlugin: number;
  readonly pluginNodes: number;
  readonly totalNodes: number;
}

/** The whole report, as written by `--json`. */
export interface ConformanceReport {
  readonly plugin: { readonly name: string; readonly kind: 'native' | 'module'; readonly source: string };
  readonly corpus: readonly string[];
  /** Delegate order used: the plugin, then the interpreter. */
  readonly order: readonly string[];
  readonly cases: readonly PluginCaseResult[];
  /** Every op target met, most claimed first. */
  readonly ops: readonly OpReport[];
  readonly summary: ConformanceSummary;
}

/** What `plugin` did in one program's partition report. */
export function placementOf(report: PartitionReport, plugin: string): PluginPlacement {
  const claimed: Record<string, number> = {};
  const present: Record<string, number> = {};
  const targetOf = new Map<string, string>();
  for (const n of report.nodes) {
    targetOf.set(n.node, n.target);
    present[n.target] = (present[n.target] ?? 0) + 1;
    if (n.delegate === plugin) claimed[n.target] = (claimed[n.target] ?? 0) + 1;
  }
  const refused: Record<string, Record<string, number>> = {};
  for (const r of report.refusals) {
    if (r.delegate !== plugin) continue;
    const target = targetOf.get(r.node) ?? r.node;
    const reasons = (refused[target] ??= {});
    reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
  }
  const skip = report.skipped.find((s) => s.delegate === plugin);
  return {
    totalNodes: report.nodes.length,
    pluginNodes: Object.values(claimed).reduce((a, b) => a + b, 0),
    claimed, refused, present,
    ...(skip ? { skipped: { stage: skip.stage, reason: skip.reason } } : {}),
  };
}

/** Per-op totals over case results: counts, refusal reasons and the failing cases each op ran in. */
export function opReports(cases: readonly PluginCaseResult[]): OpReport[] {
  const ops = new Map<string, { nodes: number; claimed: number; refused: number; reasons: Record<string, number>; failing: string[]; suspect: string[] }>();
  const get = (t: string) => {
    let o = ops.get(t);
    if (!o) ops.set(t, (o = { nodes: 0, claimed: 0, refused: 0, reasons: {}, failing: [], suspect: [] }));
    return o;
  };
  // An archive's second input set repeats its placement: count nodes once per archive.
  const counted = new Set<string>();
  for (const c of cases) {
    const p = c.placement;
    if (!p) continue;
    if (!counted.has(c.archive)) {
      counted.add(c.archive);
      for (const [t, n] of Object.entries(p.present)) get(t).nodes += n;
      for (const [t, n] of Object.entries(p.claimed)) get(t).claimed += n;
      for (const [t, reasons] of Object.entries(p.refused)) {
        const o = get(t);
        for (const [why, n] of Object.entries(reasons)) {
          o.refused += n;
          o.reasons[why] = (o.reasons[why] ?? 0) + n;
        }
      }
    }
    if (c.status === 'fail') for (const t of Object.keys(p.claimed)) get(t).failing.push(c.name);
    for (const t of c.suspects ?? []) get(t).suspect.push(c.name);
  }
  return [...ops.entries()]
    .map(([target, o]) => ({ target, nodes: o.nodes, claimed: o.claimed, refused: o.refused, reasons: o.reasons, failingCases: o.failing, suspectIn: o.suspect }))
    .sort((a, b) => b.claimed - a.claimed || b.refused - a.refused || a.target.localeCompare(b.target));
}

/** Totals over case results. */
export function summarize(cases: readonly PluginCaseResult[]): ConformanceSummary {
  const byArchive = new Map<string, PluginPlacement>();
  for (const c of cases) if (c.placement) byArchive.set(c.archive, c.placement);
  const placements = [...byArchive.values()];
  return {
    cases: cases.length,
    passed: cases.filter((c) => c.status === 'pass').length,
    failed: cases.filter((c) => c.status === 'fail').length,
    casesOnPlugin: cases.filter((c) => (c.placement?.pluginNodes ?? 0) > 0).length,
    pluginNodes: placements.reduce((a, p) => a + p.pluginNodes, 0),
    totalNodes: placements.reduce((a, p) => a + p.totalNodes, 0),
  };
}
