import type { Argument, DType, Graph, Node, RuntimeValue, SymRef } from '@nativert/core';
import { ErrorCode, NativertError, Tensor, tryGetInput } from '@nativert/core';

/** Looks up the run-time value bound to a graph value name. */
export type ValueLookup = (name: string) => RuntimeValue;

/**
 * Typed access to a node's arguments by schema name. Each getter takes an optional default used
 * when the exporter omitted the argument; without one, a missing or mistyped argument throws an
 * error naming the node, the argument, and what was expected and given.
 */
export class KernelArgs {
  constructor(readonly node: Node, private readonly lookup: ValueLookup) {}

  /** True when the node carries argument `name` and it is not None. */
  has(name: string): boolean {
    const a = tryGetInput(this.node, name);
    return a !== undefined && a.kind !== 'none' && !(a.kind === 'optional_tensor' && a.name === null);
  }

  /** The raw decoded argument, or undefined when absent. */
  raw(name: string): Argument | undefined {
    return tryGetInput(this.node, name);
  }

  tensor(name: string): Tensor {
    const t = this.optTensor(name);
    if (t === null) throw this.fail(name, 'a tensor', 'none');
    return t;
  }

  optTensor(name: string): Tensor | null {
    const a = this.raw(name);
    if (a === undefined || a.kind === 'none') return null;
    if (a.kind === 'tensor') return this.tensorValue(name, a.name);
    if (a.kind === 'optional_tensor') return a.name === null ? null : this.tensorValue(name, a.name);
    throw this.fail(name, 'a tensor', a.kind);
  }

  tensors(name: string): Tensor[] {
    const a = this.raw(name);
    if (a?.kind === 'tensors') return a.names.map((n) => this.tensorValue(name, n));
    throw this.fail(name, 'a tensor list', a?.kind ?? 'nothing');
  }

  optTensors(name: string): (Tensor | null)[] {
    const a = this.raw(name);
    if (a?.kind === 'optional_tensors') return a.names.map((n) => (n === null ? null : this.tensorValue(name, n)));
    if (a?.kind === 'tensors') return a.names.map((n) => this.tensorValue(name, n));
    throw this.fail(name, 'a list of optional tensors', a?.kind ?? 'nothing');
  }

  /** An int (literal, SymInt, or bool as 0/1). */
  int(name: string, dflt?: number): number {
    const v = this.optScalar(name);
    if (v === null) return this.orDefault(name, 'an int', dflt);
    return v;
  }

  optInt(name: string): number | null {
    return this.optScalar(name);
  }

  /** An int list; SymInt entries are resolved. A single int is broadcast to `[v]`. */
  ints(name: string, dflt?: readonly number[]): number[] {
    const a = this.raw(name);
    if (a === undefined || a.kind === 'none') {
      if (dflt !== undefined) return [...dflt];
      throw this.fail(name, 'an int list', 'nothing');
    }
    switch (a.kind) {
      case 'ints': return [...a.values];
      case 'sym_ints': return a.values.map((r) => this.symNumber(name, r));
      case 'int': return [a.value];
      case 'sym_int': return [this.symNumber(name, a.value)];
      default: throw this.fail(name, 'an int list', a.kind);
    }
  }

  optInts(name: string): number[] | null {
    return this.has(name) ? this.ints(name) : null;
  }

  float(name: string, dflt?: number): number {
    const v = this.optScalar(name);
    if (v === null) return this.orDefault(name, 'a float', dflt);
    return v;
  }

  floats(name: string, dflt?: readonly number[]): number[] {
    const a = this.raw(name);
    if (a === undefined || a.kind === 'none') {
      if (dflt !== undefined) return [...dflt];
      throw this.fail(name, 'a float list', 'nothing');
    }
    if (a.kind === 'floats' || a.kind === 'ints') return [...a.values];
    if (a.kind === 'sym_floats' || a.kind === 'sym_ints') return a.values.map((r) => this.symNumber(name, r));
    throw this.fail(name, 'a float list', a.kind);
  }

  /** A Scalar argument (int, float, bool, or symbolic) as a number; bool as 0/1. */
  scalar(name: string, dflt?: number): number {
    const v = this.optScalar(name);
    if (v === null) return this.orDefault(name, 'a scalar', dflt);
    return v;
  }

  /** True when the scalar argument `name` was given as a float (matters for type promotion). */
  isFloatScalar(name: string): boolean {
    const a = this.raw(name);
    return a?.kind === 'float' || a?.kind === 'sym_float';
  }

  /** True when the scalar argument `name` was given as a bool. */
  isBoolScalar(name: string): boolean {
    const a = this.raw(name);
    return a?.kind === 'bool' || a?.kind === 'sym_bool';
  }

  optScalar(name: string): number | null {
    const a = this.raw(name);
    if (a === undefined) return null;
    switch (a.kind) {
      case 'none': return null;
      case 'int': case 'float': return a.value;
      case 'bool': return a.value ? 1 : 0;
      case 'sym_int': case 'sym_float': return this.symNumber(name, a.value);
      case 'sym_bool': return this.symNumber(name, a.value);
      case 'complex': return a.real;
      case 'tensor': return this.tensorValue(name, a.name).item();
      default: throw this.fail(name, 'a scalar', a.kind);
    }
  }

  bool(name: string, dflt?: boolean): boolean {
    const v = this.optScalar(name);
    if (v === null) {
      if (dflt !== undefined) return dflt;
      throw this.fail(name, 'a bool', 'nothing');
    }
    return v !== 0;
  }

  bools(name: string, dflt?: readonly boolean[]): boolean[] {
    const a = this.raw(name);
    if (a === undefined || a.kind === 'none') {
      if (dflt !== undefined) return [...dflt];
      throw this.fail(name, 'a bool list', 'nothing');
    }
    if (a.kind === 'bools') return [...a.values];
    throw this.fail(name, 'a bool list', a.kind);
  }

  string(name: string, dflt?: string): string {
    const a = this.raw(name);
    if (a === undefined || a.kind === 'none') {
      if (dflt !== undefined) return dflt;
      throw this.fail(name, 'a string', 'nothing');
    }
    if (a.kind === 'string') return a.value;
    throw this.fail(name, 'a string', a.kind);
  }

  /** A ScalarType argument, or null when absent/None. */
  dtype(name: string): DType | null {
    const a = this.raw(name);
    if (a === undefined || a.kind === 'none') return null;
    if (a.kind === 'scalar_type') return a.dtype;
    throw this.fail(name, 'a dtype', a.kind);
  }

  graph(name: string): Graph {
    const a = this.raw(name);
    if (a?.kind === 'graph') return a.graph;
    throw this.fail(name, 'a subgraph', a?.kind ?? 'nothing');
  }

  /** The argument at schema position `i` (higher-order ops carry unnamed positional inputs). */
  at(i: number): Argument {
    const input = this.node.inputs[i];
    if (input === undefined) throw this.error(`expected an argument at position ${i}, node has ${this.node.inputs.length}`);
    return input.arg;
  }

  /** Resolves any argument to run-time values: a value, a list for list kinds, null for None. */
  resolve(arg: Argument): RuntimeValue | (RuntimeValue | null)[] | null {
    switch (arg.kind) {
      case 'none': return null;
      case 'tensor': return this.lookup(arg.name);
      case 'optional_tensor': return arg.name === null ? null : this.lookup(arg.name);
      case 'tensors': return arg.names.map((n) => this.lookup(n));
      case 'optional_tensors': return arg.names.map((n) => (n === null ? null : this.lookup(n)));
      case 'int': case 'float': case 'bool': return arg.value;
      case 'ints': case 'floats': case 'bools': return [...arg.values];
      case 'sym_int': case 'sym_float': case 'sym_bool':
        return arg.value.kind === 'literal' ? arg.value.value : this.lookup(arg.value.name);
      case 'sym_ints': case 'sym_floats': case 'sym_bools':
        return arg.values.map((r) => (r.kind === 'literal' ? r.value : this.lookup(r.name)));
      default: throw this.error(`cannot resolve an argument of kind '${arg.kind}' to a value`);
    }
  }

  /** Resolves a value name to its run-time value (tensors and SymInts alike). */
  value(name: string): RuntimeValue {
    return this.lookup(name);
  }

  /** An error naming this node and argument. */
  error(message: string, code: ErrorCode = ErrorCode.InvalidArgument): NativertError {
    return new NativertError(code, `node '${this.node.name}' (${this.node.target}): ${message}`);
  }

  private tensorValue(arg: string, name: string): Tensor {
    const v = this.lookup(name);
    if (v instanceof Tensor) return v;
    throw this.fail(arg, 'a tensor', typeof v);
  }

  private symNumber(arg: string, r: SymRef<number> | SymRef<boolean>): number {
    if (r.kind === 'literal') return Number(r.value);
    const v = this.lookup(r.name);
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    throw this.fail(arg, 'a symbolic scalar', 'a tensor');
  }

  private orDefault(name: string, what: string, dflt: number | undefined): number {
    if (dflt === undefined) throw this.fail(name, what, 'nothing');
    return dflt;
  }

  private fail(arg: string, expected: string, given: string): NativertError {
    return this.error(`argument '${arg}': expected ${expected}, given ${given}`);
  }
}
