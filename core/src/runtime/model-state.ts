import type { RuntimeValue } from '../delegate/executor-delegate.js';
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { LoadedModel } from '../model/loaded-model.js';
import { Tensor } from '../tensor/tensor.js';

/**
 * The runner's view of a model's state: parameters, buffers and constants by FQN, fed to the
 * graph through the signature. Buffers the program mutates are replaced (never written in place,
 * since archive tensors may be windows into the file) after each run, so the next run sees them.
 */
export class ModelState {
  private readonly state: Map<string, Tensor>;
  /** Graph input name → FQN, for every state-fed input. */
  private readonly feeds = new Map<string, string>();
  /** Graph input name → literal, for `constant_input` specs and effect tokens. */
  private readonly literals = new Map<string, RuntimeValue>();
  /** FQNs the program writes back (buffer and parameter mutations). */
  private readonly mutated: ReadonlySet<string>;

  constructor(model: LoadedModel) {
    const { program } = model;
    this.state = new Map(model.state);
    this.mutated = new Set(program.outputSpecs.flatMap((s) => (s.kind === 'buffer_mutation' || s.kind === 'parameter_mutation' ? [s.target] : [])));
    for (const spec of program.inputSpecs) {
      switch (spec.kind) {
        case 'parameter': case 'buffer': case 'tensor_constant':
          if (!this.state.has(spec.target)) {
            throw new NativertError(ErrorCode.NotFound, `${model.source}: ${spec.kind} '${spec.target}' (graph input '${spec.name}') is missing from the model's state`);
          }
          this.feeds.set(spec.name, spec.target);
          break;
        case 'constant_input': {
          const v = spec.value;
          if (v.kind !== 'int' && v.kind !== 'float' && v.kind !== 'bool') {
            throw new NativertError(ErrorCode.UnsupportedOperator, `${model.source}: constant input '${spec.name}' of kind '${v.kind}' is not supported`);
          }
          this.literals.set(spec.name, v.value);
          break;
        }
        case 'token':
          // Effect tokens order side effects; no delegate reads their data.
          this.literals.set(spec.name, Tensor.zeros('float32', [0]));
          break;
        case 'custom_obj':
          throw new NativertError(ErrorCode.UnsupportedOperator, `${model.source}: graph input '${spec.name}' is a custom object ('${spec.target}'), which nativert-ts cannot feed`);
        case 'user_input':
          break;
      }
    }
  }

  /** State tensors that never change (weights), by graph input name. */
  constants(): Map<string, Tensor> {
    const out = new Map<string, Tensor>();
    for (const [name, fqn] of this.feeds) if (!this.mutated.has(fqn)) out.set(name, this.state.get(fqn)!);
    return out;
  }

  /** Current values of every state-fed graph input, by graph input name. */
  inputs(): Map<string, RuntimeValue> {
    const out = new Map<string, RuntimeValue>(this.literals);
    for (const [name, fqn] of this.feeds) out.set(name, this.state.get(fqn)!);
    return out;
  }

  /** Replaces the state entry `fqn` with the program's new value for it. */
  update(fqn: string, value: RuntimeValue): void {
    if (!(value instanceof Tensor)) throw new NativertError(ErrorCode.Internal, `mutation of '${fqn}' produced ${String(value)}, not a tensor`);
    this.state.set(fqn, value);
  }

  /** The current tensor of state entry `fqn`, or undefined. */
  tryGet(fqn: string): Tensor | undefined {
    return this.state.get(fqn);
  }
}
