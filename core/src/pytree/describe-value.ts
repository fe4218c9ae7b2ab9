// Short descriptions of user-given values for pytree mismatch messages.
import { Tensor } from '../tensor/tensor.js';

/** `Tensor(float32, [3, 4], cpu)`, `array of 2`, `object with keys [x, y]`, `number 3`, `null`. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (v instanceof Tensor) return v.toString();
  if (Array.isArray(v)) return `array of ${v.length}`;
  if (v instanceof Map) return `Map with keys [${[...v.keys()].join(', ')}]`;
  if (typeof v === 'object') return `object with keys [${Object.keys(v).join(', ')}]`;
  return `${typeof v} ${String(v)}`;
}

/** True for `{...}` objects (not arrays, tensors, maps or class instances). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Path of a dict child: `kwargs['y']`, or `out[3]` for a non-string key. */
export function keyPath(path: string, key: unknown): string {
  return typeof key === 'string' ? `${path}['${key}']` : `${path}[${String(key)}]`;
}
