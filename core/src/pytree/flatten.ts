// Flattening user values against a TreeSpec, as PyTorch's tree_flatten does, with path-naming errors.
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { TreeSpec } from '../ir/tree-spec.js';
import { describeValue, isPlainObject, keyPath } from './describe-value.js';
import { DICT_TYPES, NAMEDTUPLE_TYPE, NONE_TYPE, SEQUENCE_TYPES } from './tree-spec-types.js';

function mismatch(path: string, expected: string, given: unknown): never {
  throw new NativertError(ErrorCode.InvalidInput, `${path}: expected ${expected}, given ${describeValue(given)}`);
}

function keyList(keys: readonly unknown[]): string {
  return keys.map((k) => (typeof k === 'string' ? `'${k}'` : String(k))).join(', ');
}

/** A dict value's entries by key: plain objects are keyed by string, Maps by their own keys. */
function dictLookup(value: unknown, path: string, keys: readonly unknown[]): (key: unknown) => { found: boolean; value: unknown } {
  if (value instanceof Map) return (k) => ({ found: value.has(k) || value.has(String(k)), value: value.has(k) ? value.get(k) : value.get(String(k)) });
  if (!isPlainObject(value)) return mismatch(path, `a dict with keys [${keyList(keys)}]`, value);
  return (k) => ({ found: Object.hasOwn(value, String(k)), value: value[String(k)] });
}

function givenKeys(value: unknown): string[] {
  return value instanceof Map ? [...value.keys()].map(String) : Object.keys(value as object);
}

/**
 * Appends the leaves of `value` to `out` following `spec`. Sequences must be arrays of the spec's
 * length, dicts plain objects (or Maps) with exactly the spec's keys, namedtuples arrays or objects
 * with their fields, None null. `path` names the value in errors (`args[1]`, `kwargs['y']`).
 */
export function flattenInto(spec: TreeSpec, value: unknown, path: string, out: unknown[]): void {
  const { type, children } = spec;
  if (type === null) {
    if (value === undefined) mismatch(path, 'a value', value);
    out.push(value);
    return;
  }
  if (type === NONE_TYPE) {
    if (value !== null && value !== undefined) mismatch(path, 'None (null)', value);
    return;
  }
  if (SEQUENCE_TYPES.has(type) || (type === NAMEDTUPLE_TYPE && Array.isArray(value))) {
    const what = `${type === 'builtins.list' ? 'a list' : 'a tuple'} of ${children.length}`;
    if (!Array.isArray(value) || value.length !== children.length) mismatch(path, what, value);
    children.forEach((c, i) => flattenInto(c, value[i], `${path}[${i}]`, out));
    return;
  }
  if (DICT_TYPES.has(type) || type === NAMEDTUPLE_TYPE) {
    const keys = (spec.context as readonly unknown[] | null) ?? [];
    if (type === NAMEDTUPLE_TYPE && spec.context === null) mismatch(path, `a tuple of ${children.length}`, value);
    const lookup = dictLookup(value, path, keys);
    const wanted = new Set(keys.map(String));
    const extra = givenKeys(value).filter((k) => !wanted.has(k));
    if (extra.length > 0) {
      throw new NativertError(ErrorCode.InvalidInput, `${path}: unexpected key(s) ${keyList(extra)} (expected keys [${keyList(keys)}])`);
    }
    keys.forEach((k, i) => {
      const { found, value: v } = lookup(k);
      if (!found) throw new NativertError(ErrorCode.InvalidInput, `${keyPath(path, k)}: missing (expected keys [${keyList(keys)}], given [${keyList(givenKeys(value))}])`);
      flattenInto(children[i]!, v, keyPath(path, k), out);
    });
    return;
  }
  throw new NativertError(ErrorCode.UnsupportedVersion, `${path}: pytree type '${type}' is not supported`);
}

/** Leaves of `value` in `spec` order. */
export function flattenTree(spec: TreeSpec, value: unknown, path = 'value'): unknown[] {
  const out: unknown[] = [];
  flattenInto(spec, value, path, out);
  return out;
}

/**
 * Flattens a call's `(args, kwargs)` against the program's `in_spec` into its leaves. They pair,
 * in order, with the program's `user_input` and `constant_input` specs (a `None` kwarg is a leaf
 * fed to its `constant_input`). Mismatches throw InvalidInput naming the path (`args[1]`, `kwargs['y']`) with
 * the expected and given structure.
 */
export function flattenInputs(inSpec: TreeSpec, args: readonly unknown[], kwargs: Readonly<Record<string, unknown>> = {}): unknown[] {
  if (inSpec.children.length !== 2) {
    throw new NativertError(ErrorCode.InvalidArgument, `in_spec must be a tuple of (args, kwargs), given a ${inSpec.type ?? 'leaf'} of ${inSpec.children.length}`);
  }
  const out: unknown[] = [];
  const [argSpec, kwSpec] = inSpec.children as [TreeSpec, TreeSpec];
  if (argSpec.type !== null && SEQUENCE_TYPES.has(argSpec.type) && args.length !== argSpec.children.length) {
    throw new NativertError(ErrorCode.InvalidInput, `args: expected ${argSpec.children.length} positional argument(s), given ${args.length}`);
  }
  flattenInto(argSpec, args, 'args', out);
  flattenInto(kwSpec, kwargs, 'kwargs', out);
  return out;
}
