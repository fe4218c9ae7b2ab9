import { Worker } from 'node:worker_threads';
import type { Logger } from '../delegate/logger.js';
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { PartitionReport } from '../partition/partition-report.js';
import type { RunResult, WorkerInit, WorkerReply } from './worker-protocol.js';
import { decodeError } from './worker-wire.js';

interface Pending {
  resolve(result: RunResult): void;
  reject(e: unknown): void;
}

/** A started worker: the thread and how its load ends. */
interface Live {
  readonly worker: Worker;
  readonly ready: Promise<PartitionReport>;
  readonly settle: { resolve(r: PartitionReport): void; reject(e: unknown): void };
  crash?: Error;
}

/**
 * One worker thread of a pool and the runs posted to it. A worker that exits or crashes rejects
 * its pending runs; the next run starts a new one (loading and preparing the model again).
 */
export class WorkerSlot {
  private live: Live | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Set by {@link WorkerSlot.close}: the error of runs that were waiting for the worker to start. */
  private closedWith: Error | null = null;

  constructor(private readonly init: WorkerInit, private readonly logger: Logger, private readonly index: number) {}

  /** Runs posted and not yet answered. */
  get busy(): number {
    return this.pending.size;
  }

  /** True while a worker thread is running (or loading). */
  get alive(): boolean {
    return this.live !== null;
  }

  /** Starts the worker unless one is running; resolves with its partition report once it has prepared the model. */
  start(): Promise<PartitionReport> {
    if (this.live) return this.live.ready;
    let settle!: Live['settle'];
    const ready = new Promise<PartitionReport>((resolve, reject) => { settle = { resolve, reject }; });
    let worker: Worker;
    try {
      worker = new Worker(new URL('./worker-main.js', import.meta.url), { workerData: this.init });
    } catch (e) {
      throw new NativertError(ErrorCode.InvalidArgument, `options for '${this.init.source}' cannot be sent to a worker thread: ${(e as Error).message}`, { cause: e });
    }
    const live: Live = { worker, ready, settle };
    worker.on('message', (m: WorkerReply) => this.onMessage(live, m));
    worker.on('error', (e) => { live.crash = e; });
    worker.on('exit', (code) => this.onExit(live, code));
    this.live = live;
    return ready;
  }

  /** Posts one run (inputs encoded, their copied buffers in `transfer`); starts the worker first if needed. */
  async run(args: unknown, kwargs: unknown, transfer: ArrayBuffer[]): Promise<RunResult> {
    await this.start();
    const live = this.live;
    if (!live) throw this.closedWith ?? new NativertError(ErrorCode.Internal, `worker thread ${this.index} for '${this.init.source}' stopped before the run was posted`);
    const id = this.nextId++;
    return new Promise<RunResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        live.worker.postMessage({ id, args, kwargs }, transfer);
      } catch (e) {
        this.pending.delete(id);
        reject(new NativertError(ErrorCode.InvalidInput, `inputs cannot be posted to the worker thread: ${(e as Error).message}`, { cause: e }));
      }
    });
  }

  /** Terminates the worker; pending runs are rejected with `reason`. */
  async close(reason: Error): Promise<void> {
    const live = this.live;
    this.live = null;
    this.closedWith = reason;
    this.rejectAll(reason);
    if (live) await live.worker.terminate();
  }

  private onMessage(live: Live, m: WorkerReply): void {
    switch (m.type) {
      case 'ready': live.settle.resolve(m.report); break;
      case 'loadError': live.settle.reject(decodeError(m.error)); break;
      case 'result': this.settle(m.id)?.resolve(m); break;
      case 'runError': this.settle(m.id)?.reject(decodeError(m.error)); break;
      case 'log': this.logger[m.level](m.message); break;
    }
  }

  private onExit(live: Live, code: number): void {
    if (this.live !== live) return;
    this.live = null;
    const why = live.crash ? `crashed (${live.crash.name}: ${live.crash.message})` : `exited with code ${code}`;
    const error = new NativertError(
      ErrorCode.Internal,
      `worker thread ${this.index} running '${this.init.source}' ${why}; ${this.pending.size} pending run(s) rejected, the next run starts a new worker`,
      { cause: live.crash },
    );
    live.settle.reject(error);
    this.rejectAll(error);
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    return p;
  }

  private rejectAll(reason: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(reason);
  }
}
