import { performance } from 'node:perf_hooks';

/** Accumulated wall time and call count of one op target. */
interface OpTotals { ms: number; calls: number }

/**
 * Per-op timing of the graph loop, on when the environment sets `NATIVERT_PROFILE=1`. Totals are
 * process-wide and printed to stderr (slowest first) when the process exits.
 */
export class OpProfile {
  private static instance: OpProfile | null | undefined;
  private readonly totals = new Map<string, OpTotals>();

  private constructor() {
    process.once('exit', () => this.print());
  }

  /** The profile when profiling is on, else null (checked once per process). */
  static active(): OpProfile | null {
    if (OpProfile.instance === undefined) {
      OpProfile.instance = process.env['NATIVERT_PROFILE'] === '1' ? new OpProfile() : null;
    }
    return OpProfile.instance;
  }

  /** A timestamp to pass back to {@link OpProfile.record}. */
  now(): number {
    return performance.now();
  }

  /** Adds the time since `start` to `target`'s totals. */
  record(target: string, start: number): void {
    const t = this.totals.get(target) ?? { ms: 0, calls: 0 };
    t.ms += performance.now() - start;
    t.calls += 1;
    this.totals.set(target, t);
  }

  private print(): void {
    const rows = [...this.totals].sort((a, b) => b[1].ms - a[1].ms);
    const all = rows.reduce((s, [, t]) => s + t.ms, 0);
    process.stderr.write(`op profile: ${all.toFixed(1)} ms in kernels\n`);
    for (const [op, t] of rows) {
      process.stderr.write(`${t.ms.toFixed(2).padStart(10)} ms ${(100 * t.ms / all).toFixed(1).padStart(5)}% ${String(t.calls).padStart(7)}x  ${op}\n`);
    }
  }
}
