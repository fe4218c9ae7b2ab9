import type { Node, RuntimeValue, ValueInfo } from '@nativert/core';
import { argumentValueNames, Tensor } from '@nativert/core';
import type { KernelResult } from '../kernel/kernel-def.js';

/**
 * Ops whose results are views of `self` (or copies, which are not memoized) fixed by `self`'s shape
 * and strides and the node's scalar arguments; the view's offset moves with `self`'s.
 */
const VIEW_OPS: ReadonlySet<string> = new Set([
  'aten.view.default', 'aten._unsafe_view.default', 'aten.reshape.default', 'aten.alias.default',
  'aten.transpose.int', 'aten.t.default', 'aten.permute.default', 'aten.expand.default',
  'aten.unsqueeze.default', 'aten.squeeze.default', 'aten.squeeze.dim', 'aten.squeeze.dims',
  'aten.split.Tensor', 'aten.split_with_sizes.default', 'aten.unbind.int', 'aten.chunk.default',
  'aten.slice.Tensor', 'aten.select.int', 'aten.narrow.default', 'aten.unflatten.int',
]);

const SYMBOLIC: ReadonlySet<string> = new Set(['sym_int', 'sym_float', 'sym_bool']);

/** One remembered layout: `self`'s, the scalar inputs', and each output view's. */
interface Entry {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly scalars: readonly RuntimeValue[];
  readonly views: readonly { readonly shape: readonly number[]; readonly strides: readonly number[]; readonly offset: number }[];
  readonly list: boolean;
}

/**
 * Remembers the last layout a view node produced, so a run whose `self` has the same shape and
 * strides (and whose symbolic sizes are unchanged) gets its views without argument decoding or
 * size inference: a few comparisons and one `asStrided` per output.
 */
export class ViewMemo {
  private entry: Entry | null = null;

  private constructor(private readonly self: string, private readonly scalars: readonly string[]) {}

  /** A memo for `node`, or undefined when it is no view op or takes anything but symbolic scalars besides `self`. */
  static of(node: Node, values: ReadonlyMap<string, ValueInfo>): ViewMemo | undefined {
    if (!VIEW_OPS.has(node.target)) return undefined;
    const self = node.inputs.find((i) => i.name === 'self');
    if (self?.arg.kind !== 'tensor') return undefined;
    const scalars = node.inputs.filter((i) => i !== self).flatMap((i) => argumentValueNames(i.arg));
    if (!scalars.every((n) => SYMBOLIC.has(values.get(n)?.kind ?? ''))) return undefined;
    return new ViewMemo(self.arg.name, scalars);
  }

  /** The remembered views of this run's `self`, or null when its layout (or a scalar) changed. */
  replay(lookup: (name: string) => RuntimeValue): KernelResult | null {
    const e = this.entry;
    if (e === null) return null;
    const self = lookup(this.self);
    if (!(self instanceof Tensor) || !sameNumbers(self.shape, e.shape) || !sameNumbers(self.strides, e.strides)) return null;
    for (let i = 0; i < e.scalars.length; i++) if (lookup(this.scalars[i]!) !== e.scalars[i]) return null;
    if (!e.list) {
      const v = e.views[0]!;
      return self.asStrided(v.shape, v.strides, self.offset + v.offset);
    }
    return e.views.map((v) => self.asStrided(v.shape, v.strides, self.offset + v.offset));
  }

  /** Remembers `result` when it is made only of views of this run's `self`. */
  record(lookup: (name: string) => RuntimeValue, result: KernelResult): void {
    const self = lookup(this.self);
    const list = Array.isArray(result);
    const outs = (list ? result : [result]) as readonly unknown[];
    this.entry = null;
    if (!(self instanceof Tensor) || !outs.every((t) => t instanceof Tensor && t.storage === self.storage && t.dtype === self.dtype)) return;
    this.entry = {
      shape: [...self.shape], strides: [...self.strides], scalars: this.scalars.map(lookup), list,
      views: (outs as Tensor[]).map((t) => ({ shape: t.shape, strides: t.strides, offset: t.offset - self.offset })),
    };
  }
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
