import { isDelegatePlugin } from '../registry/plugin-loader.js';
import { DelegateRegistry } from '../registry/delegate-registry.js';
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { RunnerOptions } from './runner-options.js';

/** Options of the off-thread mode of {@link ModelRunner.load}; `worker: true` takes the defaults. */
export interface WorkerOptions {
  /**
   * Worker threads in the pool (default 1). Each prepares its own copy of the plan (the archive's
   * bytes, weights included, are shared); concurrent runs go to the least busy worker. With more
   * than one, each worker keeps its own mutated buffers.
   */
  readonly workers?: number;
}

/**
 * Options of {@link ModelRunner.load} that load and run the model in `worker_threads` workers, so
 * `run` never blocks the calling thread. Delegates must be plugin package names: instances and
 * registries live in the calling thread and cannot move.
 */
export type WorkerLoadOptions = RunnerOptions & { readonly worker: true | WorkerOptions };

/** The part of {@link RunnerOptions} a worker is given: what structured clone can carry. */
export type WorkerRunnerOptions = Omit<RunnerOptions, 'delegates' | 'logger'> & { readonly delegates?: readonly string[] };

/** Worker count from `options.worker`; throws `InvalidArgument` unless a positive integer. */
export function workerCount(options: WorkerLoadOptions): number {
  const n = options.worker === true ? 1 : options.worker.workers ?? 1;
  if (!Number.isInteger(n) || n < 1) throw new NativertError(ErrorCode.InvalidArgument, `options.worker.workers must be a positive integer, given ${String(n)}`);
  return n;
}

/**
 * The options to send to a worker. Throws `InvalidArgument` naming `options.delegates` when it
 * holds a registry or delegate objects, which belong to the calling thread.
 */
export function workerRunnerOptions(options: WorkerLoadOptions): WorkerRunnerOptions {
  const { delegates, logger: _logger, worker: _worker, ...rest } = options;
  const fix = 'with options.worker, give delegates as plugin package names (e.g. \'@nativert/interpreter\') so each worker imports its own';
  if (delegates instanceof DelegateRegistry) {
    throw new NativertError(ErrorCode.InvalidArgument, `options.delegates is a DelegateRegistry, whose delegates live in the calling thread and cannot move to a worker; ${fix}`);
  }
  const names = delegates?.map((d, i) => {
    if (typeof d === 'string') return d;
    const kind = isDelegatePlugin(d) ? 'plugin object' : 'delegate instance';
    throw new NativertError(ErrorCode.InvalidArgument, `options.delegates[${i}] ('${d.name}') is a ${kind} of the calling thread, which cannot move to a worker; ${fix}`);
  });
  return names === undefined ? rest : { ...rest, delegates: names };
}
