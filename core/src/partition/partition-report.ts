/** Which delegate and partition one node was given to. */
export interface NodeAssignment {
  readonly node: string;
  /** Op target, e.g. `aten.add.Tensor`. */
  readonly target: string;
  readonly delegate: string;
  /** Partition id (index in execution order). */
  readonly partition: number;
}

/** A node a delegate did not claim, with the delegate's reason. */
export interface Refusal {
  readonly node: string;
  readonly delegate: string;
  readonly reason: string;
}

/** A tensor the executor copies between devices at a partition boundary. */
export interface DeviceCopy {
  readonly value: string;
  /** `type:index` of the device it is produced on (`cpu:0` for inputs and weights). */
  readonly from: string;
  readonly to: string;
  /** Partition id that reads it, or `output` when it is copied to the host as a graph output. */
  readonly consumer: number | 'output';
}

/** How much of the graph one delegate got. */
export interface DelegateSummary {
  readonly delegate: string;
  readonly nodes: number;
  readonly partitions: number;
}

/** A delegate left out of this program, at which stage and why. */
export interface SkippedDelegate {
  readonly delegate: string;
  readonly stage: 'load' | 'availability' | 'capability' | 'prepare';
  readonly reason: string;
}

/** What the partitioner decided, in the style of ONNX Runtime's node-assignment report. */
export interface PartitionReport {
  /** Every node of the top-level graph, in graph order. */
  readonly nodes: readonly NodeAssignment[];
  /** Delegates that got at least one node, in priority order. */
  readonly delegates: readonly DelegateSummary[];
  readonly refusals: readonly Refusal[];
  readonly copies: readonly DeviceCopy[];
  readonly skipped: readonly SkippedDelegate[];
}
