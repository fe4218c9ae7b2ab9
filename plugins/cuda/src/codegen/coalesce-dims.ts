/** A loop nest over `shape` with one stride list per operand (the output first). */
export interface StridedLoop {
  readonly shape: readonly number[];
  readonly strides: readonly (readonly number[])[];
}

/**
 * The same loop with size-1 dims dropped and neighbouring dims merged wherever every operand
 * steps through them as one (stride[i] == stride[i+1] * shape[i+1]), so a contiguous
 * same-shape elementwise op becomes a rank-1 loop and kernels index with fewer divisions.
 */
export function coalesceDims(loop: StridedLoop): StridedLoop {
  const keep = loop.shape.map((d, i) => (d !== 1 ? i : -1)).filter((i) => i >= 0);
  const shape: number[] = [];
  const strides: number[][] = loop.strides.map(() => []);
  for (const i of keep) {
    const d = loop.shape[i]!;
    const last = shape.length - 1;
    const mergeable = last >= 0 && loop.strides.every((s, k) => strides[k]![last] === s[i]! * d);
    if (mergeable) {
      shape[last] = shape[last]! * d;
      loop.strides.forEach((s, k) => (strides[k]![last] = s[i]!));
    } else {
      shape.push(d);
      loop.strides.forEach((s, k) => strides[k]!.push(s[i]!));
    }
  }
  return { shape, strides };
}
