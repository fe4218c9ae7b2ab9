import { DEFAULT_MODEL_NAME, loadModelFromArchive } from '../archive/load-model.js';
import { BUFFER_SOURCE, Pt2Archive } from '../archive/pt2-archive.js';
import { defaultLogger } from '../delegate/logger.js';
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { ExportedProgram } from '../ir/program.js';
import type { LoadedModel } from '../model/loaded-model.js';
import type { PartitionReport } from '../partition/partition-report.js';
import { flattenInputs } from '../pytree/flatten.js';
import { unflattenOutputs } from '../pytree/unflatten.js';
import type { Tensor } from '../tensor/tensor.js';
import { copyInto } from './copy-into.js';
import { userInputLabels } from './input-labels.js';
import type { RunOptions } from './model-runner.js';
import type { WorkerLoadOptions } from './worker-options.js';
import { workerCount, workerRunnerOptions } from './worker-options.js';
import { WorkerPool } from './worker-pool.js';
import { readShared, toShared } from './worker-shared.js';
import { decodeTensor, decodeTree, encodeTree } from './worker-wire.js';

/**
 * A {@link ModelRunner} whose model is loaded, prepared and run in `worker_threads` workers, so
 * `run` never blocks the calling thread. Made by `ModelRunner.load(source, { worker: true })`.
 * The archive is read once into shared memory: every worker, and {@link WorkerRunner.model} here,
 * use its weights in place. Inputs in shared memory (see `sharedZeros`) are passed without a copy,
 * others are copied once; outputs are copied once. Results and errors are those of the in-thread
 * runner: same tensors, pytree shapes, error codes and messages.
 */
export class WorkerRunner {
  private disposed = false;

  private constructor(
    /** The model as read in the calling thread (its weights are shared with the workers). */
    readonly model: LoadedModel,
    /** Which delegate runs which node, as decided in a worker. */
    readonly partitionReport: PartitionReport,
    private readonly pool: WorkerPool,
  ) {}

  /**
   * Reads the archive (a path or its bytes) into shared memory and starts the workers, each
   * loading it with the same options. Throws `InvalidArgument` when given a LoadedModel or
   * delegate objects (they live in this thread), else what the in-thread load throws.
   */
  static async load(source: string | Uint8Array | LoadedModel, options: WorkerLoadOptions): Promise<WorkerRunner> {
    if (typeof source !== 'string' && !(source instanceof Uint8Array)) {
      throw new NativertError(ErrorCode.InvalidArgument, `options.worker needs the archive as a path or bytes; a LoadedModel ('${source.source}') lives in the calling thread`);
    }
    const runnerOptions = workerRunnerOptions(options);
    const count = workerCount(options);
    const bytes = typeof source === 'string' ? await readShared(source) : toShared(source);
    const where = typeof source === 'string' ? source : BUFFER_SOURCE;
    const model = loadModelFromArchive(Pt2Archive.fromBytes(bytes, where), options.modelName ?? DEFAULT_MODEL_NAME);
    const init = { bytes, source: where, modelName: model.name, options: runnerOptions };
    const { pool, report } = await WorkerPool.start(init, count, options.logger ?? defaultLogger);
    return new WorkerRunner(model, report, pool);
  }

  /** The exported program being run. */
  get program(): ExportedProgram {
    return this.model.program;
  }

  /**
   * {@link ModelRunner.run} in a worker. Aborting `options.signal` rejects at once; the worker
   * still finishes that run and its result is dropped.
   */
  async run(args: readonly unknown[] = [], kwargs: Readonly<Record<string, unknown>> = {}, options: RunOptions = {}): Promise<unknown> {
    if (this.disposed) throw new NativertError(ErrorCode.InvalidArgument, `runner for '${this.model.source}' was disposed`);
    options.signal?.throwIfAborted();
    const transfer: ArrayBuffer[] = [];
    const result = await abortable(this.pool.run(encodeTree(args, transfer, 'args'), encodeTree(kwargs, transfer, 'kwargs'), transfer), options.signal);
    if (result.mutated.length > 0) {
      const leaves = flattenInputs(this.program.inSpec, args, kwargs);
      const labels = userInputLabels(this.program);
      for (const [i, value] of result.mutated) copyInto(leaves[i] as Tensor, decodeTensor(value), `input '${labels[i]}'`);
    }
    return unflattenOutputs(this.program.outSpec, result.leaves.map(decodeTree));
  }

  /** Terminates the workers; runs still pending are rejected. Idempotent. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.pool.close(new NativertError(ErrorCode.InvalidArgument, `runner for '${this.model.source}' was disposed while the run was pending`));
  }
}

/** `p`, or the signal's reason as soon as it aborts. */
function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
