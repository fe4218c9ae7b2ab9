// Messages between a WorkerRunner's slots (calling thread) and worker-main (worker thread).
import type { PartitionReport } from '../partition/partition-report.js';
import type { WireError, WireTensor } from './worker-wire.js';
import type { WorkerRunnerOptions } from './worker-options.js';

/** `workerData` of a worker: the archive's bytes (a SharedArrayBuffer view) and what to load. */
export interface WorkerInit {
  readonly bytes: Uint8Array;
  /** The archive's path, or `<buffer>`; for messages. */
  readonly source: string;
  readonly modelName: string;
  readonly options: WorkerRunnerOptions;
}

/** Calling thread → worker: one run, inputs encoded with `encodeTree`. */
export interface RunRequest {
  readonly id: number;
  readonly args: unknown;
  readonly kwargs: unknown;
}

/** What one run gives back: encoded output leaves (out_spec order) and mutated unshared inputs. */
export interface RunResult {
  readonly leaves: readonly unknown[];
  /** Index among the flat user inputs → its new value, for inputs the worker had a copy of. */
  readonly mutated: readonly (readonly [number, WireTensor])[];
}

/** Worker → calling thread. */
export type WorkerReply =
  | { readonly type: 'ready'; readonly report: PartitionReport }
  | { readonly type: 'loadError'; readonly error: WireError }
  | ({ readonly type: 'result'; readonly id: number } & RunResult)
  | { readonly type: 'runError'; readonly id: number; readonly error: WireError }
  | { readonly type: 'log'; readonly level: 'warn' | 'info' | 'debug'; readonly message: string };
