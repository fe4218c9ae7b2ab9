/** Where a tensor's storage lives: a device type (`cpu`, `cuda`, `mtia`, ...) and an index. */
export interface Device {
  readonly type: string;
  readonly index: number;
}

/** The host CPU. */
export const CPU: Device = Object.freeze({ type: 'cpu', index: 0 });

/** Parses `cpu`, `cuda`, `cuda:1`, `mtia:0`. */
export function parseDevice(spec: string): Device {
  const [type, idx] = spec.split(':');
  return { type: type!, index: idx === undefined ? 0 : Number(idx) };
}

/** `type:index` form, as PyTorch prints it. */
export function deviceToString(d: Device): string {
  return `${d.type}:${d.index}`;
}

/** Same device type and index. */
export function sameDevice(a: Device, b: Device): boolean {
  return a.type === b.type && a.index === b.index;
}
