import type { RuntimeValue } from '../delegate/executor-delegate.js';
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { Argument } from '../ir/argument.js';
import type { SymDim, TensorMeta } from '../ir/graph.js';
import type { ExportedProgram } from '../ir/program.js';
import { Tensor } from '../tensor/tensor.js';
import { evaluateSymExpr, isSymbol } from './sym-eval.js';

/** Where a symbol's value was first seen, for consistency messages. */
interface SymbolSource {
  readonly value: number;
  readonly where: string;
}

function dimText(d: SymDim): string {
  return typeof d === 'number' ? String(d) : d.expr;
}

function describe(v: unknown): string {
  if (v instanceof Tensor) return `${v.dtype} tensor [${v.shape.join(', ')}]`;
  return `${typeof v} ${String(v)}`;
}

/**
 * Checks user-input leaves against the program signature and binds them to graph value names.
 * Tensors must match the recorded dtype, rank and static dims exactly; symbolic dims must lie in
 * their range constraint and agree wherever the same symbol appears; symbolic scalar inputs take
 * numbers (or booleans); inputs specialised to a constant at export must equal it. `labels`
 * name each leaf in messages. Returns the graph inputs the leaves feed, by value name.
 */
export function bindUserInputs(program: ExportedProgram, leaves: readonly unknown[], labels: readonly string[]): Map<string, RuntimeValue> {
  const specs = program.inputSpecs.flatMap((s) => (s.kind === 'user_input' ? [s.arg] : []));
  if (leaves.length !== specs.length) {
    throw new NativertError(ErrorCode.InvalidInput, `expected ${specs.length} input values (${labels.join(', ')}), given ${leaves.length}`);
  }
  const symbols = new Map<string, SymbolSource>();
  const deferred: { label: string; dim: number; expr: string; given: number }[] = [];
  const bindSymbol = (sym: string, value: number, where: string) => {
    const seen = symbols.get(sym);
    if (seen && seen.value !== value) {
      throw new NativertError(ErrorCode.InvalidInput, `${where} = ${value}, but ${sym} = ${seen.value} from ${seen.where}`);
    }
    const range = program.rangeConstraints.get(sym);
    if (range && (value < range.min || value > range.max)) {
      throw new NativertError(ErrorCode.InvalidInput, `${where} = ${value} is outside ${sym} ∈ [${range.min}, ${range.max === Infinity ? '∞' : range.max}]`);
    }
    if (!seen) symbols.set(sym, { value, where });
  };
  const bound = new Map<string, RuntimeValue>();
  specs.forEach((arg, i) => {
    const label = `input '${labels[i] ?? i}'`;
    const v = leaves[i];
    const value = bindLeaf(program, arg, v, label, bindSymbol, deferred);
    if (value !== undefined) bound.set(value.name, value.value);
  });
  const values = new Map([...symbols].map(([k, s]) => [k, s.value]));
  for (const d of deferred) {
    const want = evaluateSymExpr(d.expr, values);
    if (want !== undefined && want !== d.given) {
      throw new NativertError(ErrorCode.InvalidInput, `${d.label} dim ${d.dim} = ${d.given}, expected ${d.expr} = ${want}`);
    }
  }
  return bound;
}

type BindSymbol = (sym: string, value: number, where: string) => void;

function bindLeaf(
  program: ExportedProgram,
  arg: Argument,
  v: unknown,
  label: string,
  bindSymbol: BindSymbol,
  deferred: { label: string; dim: number; expr: string; given: number }[],
): { name: string; value: RuntimeValue } | undefined {
  const fail = (expected: string) => new NativertError(ErrorCode.InvalidInput, `${label}: expected ${expected}, given ${describe(v)}`);
  switch (arg.kind) {
    case 'tensor': {
      const meta = program.graph.tensorMeta(arg.name);
      if (!(v instanceof Tensor)) throw fail(meta ? `a ${meta.dtype} tensor [${meta.sizes.map(dimText).join(', ')}]` : 'a tensor');
      if (meta) checkTensor(v, meta, label, bindSymbol, deferred);
      return { name: arg.name, value: v };
    }
    case 'sym_int': case 'sym_float': case 'sym_bool': {
      if (arg.value.kind === 'literal') return checkConstant(arg.value.value, v, label);
      const want = arg.kind === 'sym_bool' ? 'boolean' : 'number';
      const scalar = v instanceof Tensor && v.numel === 1 ? (arg.kind === 'sym_bool' ? v.item() !== 0 : v.item()) : v;
      if (typeof scalar !== want) throw fail(`a ${want}`);
      if (arg.kind === 'sym_int' && !Number.isInteger(scalar)) throw fail('an integer');
      const info = program.graph.values.get(arg.value.name);
      if (info?.kind === 'sym_int' && typeof info.value !== 'number' && isSymbol(info.value.expr)) bindSymbol(info.value.expr, scalar as number, label);
      return { name: arg.value.name, value: scalar as number | boolean };
    }
    case 'int': case 'float': case 'bool': case 'string':
      return checkConstant(arg.value, v, label);
    case 'none':
      return checkConstant(null, v, label);
    default:
      throw new NativertError(ErrorCode.UnsupportedOperator, `${label}: user inputs of kind '${arg.kind}' are not supported`);
  }
}

/** Inputs specialised at export are not graph values: the given value must equal the constant. */
function checkConstant(constant: unknown, v: unknown, label: string): undefined {
  const given = v instanceof Tensor && v.numel === 1 ? v.item() : v;
  const same = given === constant || (constant === null && given === undefined) || (typeof constant === 'boolean' && given === Number(constant));
  if (!same) {
    throw new NativertError(ErrorCode.InvalidInput, `${label} was specialised to ${JSON.stringify(constant)} at export, given ${describe(v)}`);
  }
  return undefined;
}

function checkTensor(
  t: Tensor,
  meta: TensorMeta,
  label: string,
  bindSymbol: BindSymbol,
  deferred: { label: string; dim: number; expr: string; given: number }[],
): void {
  const expected = `${meta.dtype} [${meta.sizes.map(dimText).join(', ')}]`;
  if (t.dtype !== meta.dtype) {
    throw new NativertError(ErrorCode.InvalidInput, `${label}: expected dtype ${meta.dtype}, given ${t.dtype} (expected ${expected}, given ${describe(t)})`);
  }
  if (t.rank !== meta.sizes.length) {
    throw new NativertError(ErrorCode.InvalidInput, `${label}: expected rank ${meta.sizes.length} (${expected}), given rank ${t.rank} [${t.shape.join(', ')}]`);
  }
  meta.sizes.forEach((d, k) => {
    const given = t.shape[k]!;
    if (typeof d === 'number') {
      if (d !== given) throw new NativertError(ErrorCode.InvalidInput, `${label} dim ${k} = ${given}, expected ${d} (expected ${expected}, given [${t.shape.join(', ')}])`);
    } else if (isSymbol(d.expr)) {
      bindSymbol(d.expr, given, `${label} dim ${k}`);
    } else {
      deferred.push({ label, dim: k, expr: d.expr, given });
    }
  });
}
