import { availableParallelism } from 'node:os';
import { loadModel } from '../archive/load-model.js';
import type { PluginHost } from '../delegate/delegate-plugin.js';
import type { ExecutorDelegate } from '../delegate/executor-delegate.js';
import { defaultLogger } from '../delegate/logger.js';
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { ExportedProgram } from '../ir/program.js';
import type { LoadedModel } from '../model/loaded-model.js';
import type { PartitionReport } from '../partition/partition-report.js';
import { flattenInputs } from '../pytree/flatten.js';
import { unflattenOutputs } from '../pytree/unflatten.js';
import { Tensor } from '../tensor/tensor.js';
import { copyInto } from './copy-into.js';
import { resolveDelegates } from './delegate-setup.js';
import type { Executor } from './executor.js';
import { bindUserInputs } from './input-binding.js';
import { describePositional, userInputLabels } from './input-labels.js';
import { ModelState } from './model-state.js';
import { planAndPrepare } from './prepare-plan.js';
import type { RunnerOptions } from './runner-options.js';
import type { WorkerLoadOptions, WorkerOptions } from './worker-options.js';
import { WorkerRunner } from './worker-runner.js';

/** Per-run options of {@link ModelRunner.run}. */
export interface RunOptions {
  /** Aborts the run between partitions. */
  readonly signal?: AbortSignal;
}

function isLoadedModel(x: unknown): x is LoadedModel {
  return typeof x === 'object' && x !== null && !(x instanceof Uint8Array) && 'program' in x && 'state' in x;
}

/**
 * Runs one model of a PT2 archive, as PyTorch's nativert `ModelRunner` does: loads it, partitions
 * its graph among the delegates and prepares the partitions once; `run` may then be called many
 * times, concurrently. The runner owns its prepared partitions and the delegates it created from
 * plugins; {@link ModelRunner.dispose} frees them.
 */
export class ModelRunner {
  private disposed = false;
  private readonly labels: string[];

  private constructor(
    /** The loaded model (program and initial state). */
    readonly model: LoadedModel,
    private readonly executor: Executor,
    private readonly state: ModelState,
    /** Which delegate runs which node, refusals, copies and skipped delegates. */
    readonly partitionReport: PartitionReport,
    private readonly created: readonly ExecutorDelegate[],
    private readonly threads: number,
  ) {
    this.labels = userInputLabels(model.program);
  }

  /**
   * Loads a model from a PT2 file path, its bytes, or an already loaded model, and prepares it on
   * the delegates the options name. Throws `UnsupportedOperator` when no delegate can run some
   * node (listing them all), `NotFound` when no delegate is available. With `worker` set, the
   * model is loaded and run in worker threads instead and a {@link WorkerRunner} is returned.
   */
  static load(source: string | Uint8Array, options: WorkerLoadOptions): Promise<WorkerRunner>;
  static load(source: string | Uint8Array | LoadedModel, options?: RunnerOptions & { readonly worker?: false }): Promise<ModelRunner>;
  static load(source: string | Uint8Array | LoadedModel, options: RunnerOptions & { readonly worker?: boolean | WorkerOptions }): Promise<ModelRunner | WorkerRunner>;
  static async load(source: string | Uint8Array | LoadedModel, options: RunnerOptions & { readonly worker?: boolean | WorkerOptions } = {}): Promise<ModelRunner | WorkerRunner> {
    if (options.worker) return WorkerRunner.load(source, { ...options, worker: options.worker });
    const logger = options.logger ?? defaultLogger;
    const threads = options.threads ?? availableParallelism();
    const host: PluginHost = { logger, allowNativeCode: options.allowNativeCode ?? false, threads };
    // Plugins load (module compilation on this thread) while the archive is read (off it).
    const [loaded, delegates] = await Promise.allSettled([
      isLoadedModel(source) ? source : loadModel(source, { modelName: options.modelName }),
      resolveDelegates(options, host),
    ]);
    if (loaded.status === 'rejected') {
      if (delegates.status === 'fulfilled') await disposeAll(delegates.value.created);
      throw loaded.reason;
    }
    if (delegates.status === 'rejected') throw delegates.reason;
    const model = loaded.value, resolved = delegates.value;
    try {
      const state = new ModelState(model);
      const { executor, report } = await planAndPrepare(model.program, resolved.delegates, state.constants(), {
        archive: { source: model.source, entries: model.entries },
        strict: options.strict, placement: options.placement, pluginOptions: options.pluginOptions, threads, logger, skipped: resolved.skipped,
      });
      return new ModelRunner(model, executor, state, report, resolved.created, threads);
    } catch (e) {
      await disposeAll(resolved.created);
      throw e;
    }
  }

  /** The exported program being run. */
  get program(): ExportedProgram {
    return this.model.program;
  }

  /**
   * Runs the model on positional `args` and keyword `kwargs` (tensors, or numbers for symbolic
   * scalar inputs, nested as the forward takes them) and returns its output shaped by `out_spec`:
   * tensors in arrays/objects, null for None. Buffer mutations are kept for the next run; user
   * inputs the program mutates are written back into the given tensors.
   */
  async run(args: readonly unknown[] = [], kwargs: Readonly<Record<string, unknown>> = {}, options: RunOptions = {}): Promise<unknown> {
    if (this.disposed) throw new NativertError(ErrorCode.InvalidArgument, `runner for '${this.model.source}' was disposed`);
    const program = this.program;
    const argCount = program.inSpec.children[0]?.children.length;
    if (argCount !== undefined && args.length !== argCount) {
      throw new NativertError(ErrorCode.InvalidInput, `expected ${describePositional(program)} positional input(s), given ${args.length}`);
    }
    const leaves = flattenInputs(program.inSpec, args, kwargs);
    const inputs = this.state.inputs();
    for (const [name, value] of bindUserInputs(program, leaves, this.labels)) inputs.set(name, value);
    const outputs = await this.executor.run(inputs, { threads: this.threads, signal: options.signal });

    const userLeaves: unknown[] = [];
    program.outputSpecs.forEach((spec, i) => {
      const value = outputs[i]!;
      switch (spec.kind) {
        case 'user_output': case 'loss_output': userLeaves.push(value); break;
        case 'buffer_mutation': case 'parameter_mutation': this.state.update(spec.target, value!); break;
        case 'user_input_mutation': this.writeBack(spec.target, value, leaves); break;
        default: break;
      }
    });
    return unflattenOutputs(program.outSpec, userLeaves);
  }

  /** Releases the prepared partitions and the delegates the runner created. Idempotent. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    try {
      await this.executor.release();
    } finally {
      await disposeAll(this.created);
    }
  }

  /** Copies the new value of mutated user input `target` (a graph input name) into the caller's tensor. */
  private writeBack(target: string, value: unknown, leaves: readonly unknown[]): void {
    const index = this.program.inputSpecs.filter((s) => s.kind === 'user_input').findIndex((s) => s.kind === 'user_input' && s.arg.kind === 'tensor' && s.arg.name === target);
    const dst = leaves[index];
    if (!(dst instanceof Tensor) || !(value instanceof Tensor)) {
      throw new NativertError(ErrorCode.Internal, `user input mutation of '${target}' has no tensor input or value to write back`);
    }
    if (dst !== value) copyInto(dst, value, `input '${this.labels[index] ?? target}'`);
  }
}

async function disposeAll(delegates: readonly ExecutorDelegate[]): Promise<void> {
  for (const d of delegates) await d.dispose?.();
}
