import { Tensor } from '../tensor/tensor.js';

/** One line describing an output: shape, dtype and the first `count` values. */
export function describeValue(label: string, value: unknown, count = 6): string {
  if (value instanceof Tensor) {
    const vals = value.device.type === 'cpu' ? Array.from(value.toFloat64().subarray(0, count), fmt) : [];
    const more = value.numel > count ? ', ...' : '';
    return `${label}: ${value.dtype}[${value.shape.join(', ')}] [${vals.join(', ')}${more}]`;
  }
  return `${label}: ${value === null ? 'None' : String(value)}`;
}

/** Labelled leaves of a nested output value (arrays and objects), e.g. `out['h']`, `out[1]`. */
export function outputLeaves(value: unknown, label = 'out'): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => outputLeaves(v, `${label}[${i}]`));
  if (value !== null && typeof value === 'object' && !(value instanceof Tensor)) {
    return Object.entries(value).flatMap(([k, v]) => outputLeaves(v, `${label}['${k}']`));
  }
  return [[label, value]];
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(5);
}
