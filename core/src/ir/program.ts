import type { Argument } from './argument.js';
import type { Graph } from './graph.js';
import type { TreeSpec } from './tree-spec.js';

/** How a graph input is fed (`InputSpec` in the schema). `name` is the graph placeholder's value name. */
export type InputSpec =
  | { readonly kind: 'user_input'; readonly arg: Argument }
  | { readonly kind: 'parameter'; readonly name: string; readonly target: string }
  | { readonly kind: 'buffer'; readonly name: string; readonly target: string; readonly persistent: boolean }
  | { readonly kind: 'tensor_constant'; readonly name: string; readonly target: string }
  | { readonly kind: 'custom_obj'; readonly name: string; readonly target: string }
  | { readonly kind: 'token'; readonly name: string }
  | { readonly kind: 'constant_input'; readonly name: string; readonly value: Argument };

/** What a graph output is (`OutputSpec` in the schema). Mutations name the state they write back. */
export type OutputSpec =
  | { readonly kind: 'user_output'; readonly arg: Argument }
  | { readonly kind: 'buffer_mutation'; readonly name: string; readonly target: string }
  | { readonly kind: 'user_input_mutation'; readonly name: string; readonly target: string }
  | { readonly kind: 'parameter_mutation'; readonly name: string; readonly target: string }
  | { readonly kind: 'loss_output'; readonly name: string }
  | { readonly kind: 'gradient_to_parameter'; readonly name: string; readonly target: string }
  | { readonly kind: 'gradient_to_user_input'; readonly name: string; readonly target: string }
  | { readonly kind: 'token'; readonly name: string };

/** Inclusive bounds of a symbolic dimension; `max` is `Infinity` when unbounded. */
export interface RangeConstraint {
  readonly min: number;
  readonly max: number;
}

/**
 * A decoded `ExportedProgram`: the graph, its signature, the pytree specs of the module call and
 * the range constraints of its symbols. Weights are not here: see `LoadedModel`.
 */
export interface ExportedProgram {
  readonly graph: Graph;
  readonly inputSpecs: readonly InputSpec[];
  readonly outputSpecs: readonly OutputSpec[];
  /** pytree spec of `(args, kwargs)`. */
  readonly inSpec: TreeSpec;
  /** pytree spec of the returned value. */
  readonly outSpec: TreeSpec;
  /** Names of the forward's positional arguments, when recorded. */
  readonly forwardArgNames: readonly string[];
  readonly rangeConstraints: ReadonlyMap<string, RangeConstraint>;
  readonly schemaVersion: { readonly major: number; readonly minor: number };
  readonly torchVersion?: string;
}
