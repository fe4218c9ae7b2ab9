// Structural checks on untyped JSON with errors that name the file and the JSON path at fault.
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';

/** A plain JSON object. */
export type JsonObject = { readonly [key: string]: unknown };

/** Short description of a JSON value's kind for messages (`array of 3`, `string 'x'`). */
export function describeJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `array of ${v.length}`;
  if (typeof v === 'object') return `object with keys [${Object.keys(v).join(', ')}]`;
  if (typeof v === 'string') return `string '${v.length > 40 ? `${v.slice(0, 40)}...` : v}'`;
  return `${typeof v} ${String(v)}`;
}

/** Throws InvalidArchive `path: expected X, given Y`. */
export function malformed(path: string, expected: string, given: unknown): never {
  throw new NativertError(ErrorCode.InvalidArchive, `${path}: expected ${expected}, given ${describeJson(given)}`);
}

/** `v` as an object (not an array, not null). */
export function asObject(v: unknown, path: string): JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) malformed(path, 'an object', v);
  return v as JsonObject;
}

/** `v` as an array. */
export function asArray(v: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(v)) malformed(path, 'an array', v);
  return v;
}

/** `v` as a string. */
export function asString(v: unknown, path: string): string {
  if (typeof v !== 'string') malformed(path, 'a string', v);
  return v;
}

/** `v` as a boolean. */
export function asBool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') malformed(path, 'a boolean', v);
  return v;
}

/** `v` as an integer (JSON numbers beyond 2^53 arrive rounded, as JSON.parse reads them). */
export function asInt(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) malformed(path, 'an integer', v);
  return v;
}

/** `v` as a float; PyTorch writes non-finite floats as the strings `Infinity`, `-Infinity`, `NaN`. */
export function asFloat(v: unknown, path: string): number {
  if (typeof v === 'number') return v;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (v === 'NaN') return NaN;
  return malformed(path, 'a number', v);
}

/** Field `key` of `obj`, which must be present. */
export function field(obj: JsonObject, key: string, path: string): unknown {
  if (!(key in obj)) throw new NativertError(ErrorCode.InvalidArchive, `${path}: missing field '${key}' (fields present: ${Object.keys(obj).join(', ') || 'none'})`);
  return obj[key];
}

/** Decodes each element of array `v` with `fn`, passing the element's path. */
export function mapArray<T>(v: unknown, path: string, fn: (x: unknown, path: string) => T): T[] {
  return asArray(v, path).map((x, i) => fn(x, `${path}[${i}]`));
}

/** Decodes each value of object `v` with `fn` into a Map keyed like the object. */
export function mapObject<T>(v: unknown, path: string, fn: (x: unknown, path: string, key: string) => T): Map<string, T> {
  const out = new Map<string, T>();
  for (const [k, x] of Object.entries(asObject(v, path))) out.set(k, fn(x, `${path}.${k}`, k));
  return out;
}

/** A schema tagged union `{tag: value}`: returns the single tag and its value. */
export function unionTag(v: unknown, path: string): [tag: string, value: unknown] {
  const obj = asObject(v, path);
  const keys = Object.keys(obj);
  if (keys.length !== 1) malformed(path, 'a tagged union with exactly one field', v);
  return [keys[0]!, obj[keys[0]!]];
}
