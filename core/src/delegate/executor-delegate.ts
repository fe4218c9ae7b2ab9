import type { Graph } from '../ir/graph.js';
import type { ExportedProgram } from '../ir/program.js';
import type { ArchiveContents } from '../model/loaded-model.js';
import type { Device } from '../tensor/device.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Logger } from './logger.js';

/** A value bound to a graph value name at run time: a tensor, or a symbolic int/float/bool. */
export type RuntimeValue = Tensor | number | boolean;

/** Whether a delegate can run on this host; `reason` says why not (no GPU, library missing). */
export type Availability = { readonly available: true } | { readonly available: false; readonly reason: string };

/** What the partitioner tells a delegate when asking what it claims. */
export interface CapabilityContext {
  /** The whole program, for delegates that look at the signature or range constraints. */
  readonly program: ExportedProgram;
  /** The archive the program was read from: its path and other files (AOTInductor blobs). */
  readonly archive: ArchiveContents;
  /** Node names already given to higher-priority delegates; claims on them are ignored. */
  readonly taken: ReadonlySet<string>;
  /** This delegate's options from the integrator (`pluginOptions[name]`). */
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * A delegate's answer to a capability query, in the style of ONNX Runtime's `GetCapability`:
 * each group is a set of node names; a one-node group means "I have a kernel for this node",
 * a larger group means "these must run together, fused". The partitioner merges groups into
 * maximal connected, cycle-free partitions. `refused` gives the reason for nodes not claimed
 * (shown in the partition report); nodes absent from both were not considered.
 */
export interface Capability {
  readonly groups: readonly (readonly string[])[];
  readonly refused?: ReadonlyMap<string, string>;
}

/**
 * A closed piece of the program given to one delegate. `graph.inputs` are the values the
 * partition reads from outside (user inputs, weights, other partitions' outputs), `graph.outputs`
 * the values read outside it. Tensor inputs arrive on `device` (the executor inserts copies).
 */
export interface Partition {
  readonly id: number;
  readonly delegate: string;
  readonly device: Device;
  readonly graph: Graph;
  /**
   * Constant tensors among `graph.inputs` (parameters, constants, buffers the program never
   * mutates), by value name. The same tensors are passed to every `execute`, so a delegate may
   * prepack or upload them in `prepare`. The runtime owns them; do not write to them.
   */
  readonly weights: ReadonlyMap<string, Tensor>;
}

/** What `prepare` may use besides the partition. */
export interface PrepareContext {
  readonly program: ExportedProgram;
  /** The archive the program was read from: its path and other files (AOTInductor blobs). */
  readonly archive: ArchiveContents;
  readonly options: Readonly<Record<string, unknown>>;
  /** Intra-op threads the integrator allows. */
  readonly threads: number;
  readonly logger: Logger;
}

/** Per-run context passed to `execute`. */
export interface RunContext {
  readonly threads: number;
  /** Aborted when the caller gives up on the run. */
  readonly signal?: AbortSignal;
}

/**
 * A partition after `prepare`. `execute` may be called concurrently from several runs: keep
 * per-run state on the stack, not in the object.
 */
export interface PreparedPartition {
  /**
   * Runs the partition. `inputs` follow `partition.graph.inputs` (weights included); the result
   * follows `partition.graph.outputs`. Output tensors become the caller's; input tensors stay
   * the caller's, except where the graph mutates them in place (in-place ops, buffer mutations).
   */
  execute(inputs: readonly RuntimeValue[], context: RunContext): Promise<RuntimeValue[]>;
  /** Frees everything `prepare` made. Called once; `execute` is not called afterwards. */
  release(): Promise<void> | void;
}

/** Moves tensors between host memory and a delegate's device. Required for non-CPU devices. */
export interface DataTransfer {
  /** A copy of host tensor `t` on `device`. */
  toDevice(t: Tensor, device: Device): Promise<Tensor>;
  /** A host copy of device tensor `t`. */
  toHost(t: Tensor): Promise<Tensor>;
}

/**
 * A backend that runs parts of a graph. Lifecycle: the runtime checks `availability()`, asks
 * `getCapability` once per loaded program, calls `prepare` once per partition it was given,
 * `execute` per run, `release` per prepared partition on unload, and `dispose` when the
 * delegate itself is dropped. A delegate that throws from `getCapability` or `prepare` is
 * skipped for that program (its nodes fall to the next delegate) with a warning; one that throws
 * from `execute` fails that run with an error naming the delegate, and the runner stays usable.
 */
export interface ExecutorDelegate {
  /** Unique name used in priority lists and reports (`interpreter`, `mtia-stub`). */
  readonly name: string;
  /** Device its partitions run on. */
  readonly device: Device;
  /** Present when `device` is not the CPU. */
  readonly transfer?: DataTransfer;
  availability(): Availability;
  getCapability(graph: Graph, context: CapabilityContext): Capability;
  prepare(partition: Partition, context: PrepareContext): Promise<PreparedPartition>;
  dispose?(): Promise<void> | void;
}
