import type { ExecutorDelegate, Partition } from '../delegate/executor-delegate.js';
import type { Logger } from '../delegate/logger.js';
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import { argumentValueNames } from '../ir/argument.js';
import type { ExportedProgram } from '../ir/program.js';
import type { ArchiveContents } from '../model/loaded-model.js';
import type { PartitionReport, SkippedDelegate } from '../partition/partition-report.js';
import { partitionProgram } from '../partition/partitioner.js';
import type { PluginOptions } from '../registry/delegate-registry.js';
import type { Tensor } from '../tensor/tensor.js';
import type { PreparedStep } from './executor.js';
import { Executor } from './executor.js';

/** Everything {@link planAndPrepare} needs besides the program and delegates. */
export interface PrepareOptions {
  /** The archive the program came from, shown to delegates. */
  readonly archive: ArchiveContents;
  readonly strict?: boolean;
  readonly placement?: Readonly<Record<string, string>>;
  readonly pluginOptions?: PluginOptions;
  readonly threads: number;
  readonly logger: Logger;
  /** Delegates already left out (unavailable, failed to load), for the report. */
  readonly skipped: readonly SkippedDelegate[];
}

/**
 * Partitions the program and prepares every partition. When a delegate throws from `prepare`,
 * everything prepared so far is released and the program is partitioned again without that
 * delegate (with a warning), unless strict mode requires it. Returns the executor that owns the
 * prepared partitions, and the final report.
 */
export async function planAndPrepare(
  program: ExportedProgram,
  delegates: readonly ExecutorDelegate[],
  constants: ReadonlyMap<string, Tensor>,
  options: PrepareOptions,
): Promise<{ executor: Executor; report: PartitionReport }> {
  const skipped = [...options.skipped];
  let active = [...delegates];
  for (;;) {
    const plan = partitionProgram({ program, archive: options.archive, delegates: active, strict: options.strict, placement: options.placement, pluginOptions: options.pluginOptions, logger: options.logger });
    const steps: PreparedStep[] = [];
    let failure: { delegate: ExecutorDelegate; error: unknown } | undefined;
    for (const p of plan.partitions) {
      const weights = new Map<string, Tensor>();
      for (const name of p.graph.inputs.flatMap(argumentValueNames)) {
        const t = constants.get(name);
        if (t) weights.set(name, t);
      }
      const partition: Partition = { id: p.id, delegate: p.delegate.name, device: p.delegate.device, graph: p.graph, weights };
      try {
        const prepared = await p.delegate.prepare(partition, { program, archive: options.archive, options: options.pluginOptions?.[p.delegate.name] ?? {}, threads: options.threads, logger: options.logger });
        steps.push({ partition, delegate: p.delegate, prepared });
      } catch (error) {
        failure = { delegate: p.delegate, error };
        break;
      }
    }
    if (failure === undefined) {
      try {
        const executor = await Executor.create(program.graph, steps, constants);
        return { executor, report: { ...plan.report, skipped: [...skipped, ...plan.report.skipped] } };
      } catch (e) {
        await releaseQuietly(steps, options.logger);
        throw e;
      }
    }
    await releaseQuietly(steps, options.logger);
    const { delegate, error } = failure;
    const reason = `prepare threw: ${error instanceof Error ? error.message : String(error)}`;
    if (options.strict && delegate === active[0]) {
      throw new NativertError(ErrorCode.PluginFailure, `strict mode: delegate '${delegate.name}' failed to prepare: ${reason}`, { cause: error });
    }
    options.logger.warn(`delegate '${delegate.name}' skipped: ${reason}`);
    skipped.push({ delegate: delegate.name, stage: 'prepare', reason });
    active = active.filter((d) => d !== delegate);
    if (active.length === 0) {
      throw new NativertError(ErrorCode.PluginFailure, `no delegate could prepare the model: ${skipped.map((s) => `${s.delegate} (${s.stage}): ${s.reason}`).join('; ')}`, { cause: error });
    }
  }
}

async function releaseQuietly(steps: readonly PreparedStep[], logger: Logger): Promise<void> {
  for (const s of steps) {
    try {
      await s.prepared.release();
    } catch (e) {
      logger.warn(`delegate '${s.delegate.name}' failed to release partition ${s.partition.id}: ${(e as Error).message}`);
    }
  }
}
