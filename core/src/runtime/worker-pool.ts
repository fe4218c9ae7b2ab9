import type { Logger } from '../delegate/logger.js';
import type { PartitionReport } from '../partition/partition-report.js';
import type { RunResult, WorkerInit } from './worker-protocol.js';
import { WorkerSlot } from './worker-slot.js';

/** Worker threads that each hold the model prepared; a run goes to the least busy live one. */
export class WorkerPool {
  private constructor(private readonly slots: readonly WorkerSlot[]) {}

  /** Starts `count` workers and waits until all have prepared the model; returns the pool and the first's report. */
  static async start(init: WorkerInit, count: number, logger: Logger): Promise<{ pool: WorkerPool; report: PartitionReport }> {
    const pool = new WorkerPool(Array.from({ length: count }, (_, i) => new WorkerSlot(init, logger, i)));
    try {
      const reports = await Promise.all(pool.slots.map((s) => s.start()));
      return { pool, report: reports[0]! };
    } catch (e) {
      await pool.close(e as Error);
      throw e;
    }
  }

  /** Posts a run to the worker with the fewest pending runs, live ones first on ties; a dead one is restarted. */
  run(args: unknown, kwargs: unknown, transfer: ArrayBuffer[]): Promise<RunResult> {
    const pick = this.slots.reduce((a, b) => (b.busy < a.busy || (b.busy === a.busy && b.alive && !a.alive) ? b : a));
    return pick.run(args, kwargs, transfer);
  }

  /** Terminates every worker, rejecting pending runs with `reason`. */
  async close(reason: Error): Promise<void> {
    await Promise.all(this.slots.map((s) => s.close(reason)));
  }
}
