import { ErrorCode, NativertError } from '@nativert/core';
import type { FloatView } from './float-view.js';
import { contiguousOf, contiguousView, materialize } from './float-view.js';
import { broadcastMatmul } from './matmul-core.js';

/** A tensor whose dims carry labels (einsum subscripts as numbers). Labels may repeat (a diagonal). */
export interface Labelled {
  readonly view: FloatView;
  readonly labels: readonly number[];
}

/**
 * Contracts labelled operands into a result with labels `out`, with einsum semantics: repeated
 * labels in one operand take its diagonal, labels absent from `out` are summed, size-1 dims
 * broadcast. Operands are reduced left to right, each pair as one batched GEMM after a permute.
 */
export function contract(operands: readonly Labelled[], out: readonly number[], threads: number, where: string): FloatView {
  const sizes = labelSizes(operands, where);
  for (const l of out) if (!sizes.has(l)) throw new NativertError(ErrorCode.InvalidArgument, `${where}: output subscript ${l} appears in no operand`);
  let ops = operands.map((o) => broadcastLabels(diagonal(o), sizes));
  // Labels used by no other operand and not in the output are summed out up front.
  ops = ops.map((o, i) => {
    const elsewhere = new Set([...out, ...ops.filter((_, j) => j !== i).flatMap((p) => p.labels)]);
    return sumOut(o, o.labels.filter((l) => !elsewhere.has(l)));
  });
  let acc = ops[0]!;
  for (let i = 1; i < ops.length; i++) {
    const keep = new Set([...out, ...ops.slice(i + 1).flatMap((p) => p.labels)]);
    acc = pair(acc, ops[i]!, keep, threads, where);
  }
  acc = sumOut(acc, acc.labels.filter((l) => !out.includes(l)));
  const perm = out.map((l) => acc.labels.indexOf(l));
  return materialize({ ...acc.view, shape: perm.map((p) => acc.view.shape[p]!), strides: perm.map((p) => acc.view.strides[p]!) });
}

function labelSizes(ops: readonly Labelled[], where: string): Map<number, number> {
  const sizes = new Map<number, number>();
  for (const o of ops) {
    o.labels.forEach((l, d) => {
      const s = o.view.shape[d]!, prev = sizes.get(l);
      if (prev === undefined || prev === 1) sizes.set(l, s);
      else if (s !== 1 && s !== prev) throw new NativertError(ErrorCode.InvalidArgument, `${where}: subscript ${l} has size ${prev} in one operand and ${s} in another`);
    });
  }
  return sizes;
}

// Merges repeated labels into one dim whose stride is the sum (the diagonal).
function diagonal(o: Labelled): Labelled {
  const labels: number[] = [], shape: number[] = [], strides: number[] = [];
  o.labels.forEach((l, d) => {
    const at = labels.indexOf(l);
    if (at >= 0) strides[at]! += o.view.strides[d]!;
    else {
      labels.push(l);
      shape.push(o.view.shape[d]!);
      strides.push(o.view.strides[d]!);
    }
  });
  return { labels, view: { ...o.view, shape, strides } };
}

function broadcastLabels(o: Labelled, sizes: Map<number, number>): Labelled {
  const shape = o.labels.map((l) => sizes.get(l)!);
  const strides = o.view.strides.map((s, d) => (o.view.shape[d] === 1 ? 0 : s));
  return { labels: o.labels, view: { ...o.view, shape, strides } };
}

function permuted(o: Labelled, order: readonly number[]): FloatView {
  const idx = order.map((l) => o.labels.indexOf(l));
  return contiguousView({ ...o.view, shape: idx.map((d) => o.view.shape[d]!), strides: idx.map((d) => o.view.strides[d]!) });
}

function sumOut(o: Labelled, drop: readonly number[]): Labelled {
  if (drop.length === 0) return o;
  const kept = o.labels.filter((l) => !drop.includes(l));
  const v = permuted(o, [...kept, ...drop]);
  const keptShape = v.shape.slice(0, kept.length);
  const outer = keptShape.reduce((x, y) => x * y, 1), inner = v.shape.slice(kept.length).reduce((x, y) => x * y, 1);
  const data = v.data instanceof Float32Array ? new Float32Array(outer) : new Float64Array(outer);
  for (let i = 0; i < outer; i++) {
    let s = 0;
    for (let j = 0; j < inner; j++) s += v.data[i * inner + j]!;
    data[i] = s;
  }
  return { labels: kept, view: { data, offset: 0, shape: keptShape, strides: contiguousOf(keptShape) } };
}

function pair(a: Labelled, b: Labelled, keep: ReadonlySet<number>, threads: number, where: string): Labelled {
  const batch = a.labels.filter((l) => b.labels.includes(l) && keep.has(l));
  const summed = a.labels.filter((l) => b.labels.includes(l) && !keep.has(l));
  const aOnly = a.labels.filter((l) => !b.labels.includes(l));
  const bOnly = b.labels.filter((l) => !a.labels.includes(l));
  const size = (o: Labelled, ls: readonly number[]) => ls.reduce((x, l) => x * o.view.shape[o.labels.indexOf(l)]!, 1);
  const bt = size(a, batch), m = size(a, aOnly), k = size(a, summed), n = size(b, bOnly);
  const va = permuted(a, [...batch, ...aOnly, ...summed]), vb = permuted(b, [...batch, ...summed, ...bOnly]);
  const data = va.data instanceof Float32Array ? new Float32Array(bt * m * n) : new Float64Array(bt * m * n);
  broadcastMatmul({ ...va, shape: [bt, m, k], strides: [m * k, k, 1] }, { ...vb, shape: [bt, k, n], strides: [k * n, n, 1] },
    { data, offset: 0 }, { threads }, where);
  const labels = [...batch, ...aOnly, ...bOnly];
  const shape = [...batch.map((l) => a.view.shape[a.labels.indexOf(l)]!), ...aOnly.map((l) => a.view.shape[a.labels.indexOf(l)]!), ...bOnly.map((l) => b.view.shape[b.labels.indexOf(l)]!)];
  return { labels, view: { data, offset: 0, shape, strides: contiguousOf(shape) } };
}
