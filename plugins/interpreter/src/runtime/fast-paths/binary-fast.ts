import type { Argument } from '@nativert/core';
import { Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { F32Operand } from '../../native/f32-tensor.js';
import { allocF32, f32Contiguous, f32Operand } from '../../native/f32-tensor.js';
import type { NativeAddon } from '../../native/native-addon.js';
import { BinaryOp, nativeAddon } from '../../native/native-addon.js';
import type { FastPath } from './fast-path.js';

/** An operand broadcast to the output: its data and per-output-dim strides (0 where broadcast). */
interface Broadcast { readonly src: F32Operand; readonly strides: Float64Array }

/** The broadcast shape of a and b, or null when they do not broadcast. */
function broadcastShape(a: readonly number[], b: readonly number[]): number[] | null {
  const rank = Math.max(a.length, b.length), out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1, db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return null;
    out[i] = da === 1 ? db : da;
  }
  return out;
}

function broadcastOperand(t: Tensor, src: F32Operand, shape: readonly number[]): Broadcast {
  const rank = shape.length, strides = new Float64Array(rank), lead = rank - t.rank;
  for (let i = lead; i < rank; i++) strides[i] = t.shape[i - lead] === 1 ? 0 : t.strides[i - lead]!;
  return { src, strides };
}

/** A float32 tensor operand, or a plain int/float scalar as a one-element broadcast array. */
function operand(args: KernelArgs, arg: Argument | undefined): { t: Tensor; src: F32Operand } | null {
  if (arg === undefined) return null;
  if (arg.kind === 'tensor') {
    const t = args.value(arg.name);
    const src = f32Operand(t);
    return src === null || !(t instanceof Tensor) || t.strides.some((s) => s < 0) ? null : { t, src };
  }
  if (arg.kind === 'int' || arg.kind === 'float') {
    const data = Float32Array.of(arg.value);
    return { t: Tensor.fromTyped('float32', [], data), src: { data, offset: 0 } };
  }
  return null;
}

function binary(op: BinaryOp, inPlace: boolean): FastPath {
  return (args, ctx) => {
    const native = nativeAddon();
    if (native === null) return null;
    const a = operand(args, args.raw('self')), b = operand(args, args.raw('other'));
    if (a === null || b === null || a.t.rank === 0 && b.t.rank === 0 && args.raw('self')?.kind !== 'tensor') return null;
    let alpha = 1;
    if (op === BinaryOp.Add || op === BinaryOp.Sub) {
      const al = args.raw('alpha');
      if (al !== undefined && al.kind !== 'none') {
        if (al.kind !== 'int' && al.kind !== 'float') return null;
        alpha = al.value;
      }
    } else if (op === BinaryOp.Div && args.has('rounding_mode')) {
      return null;
    }
    const shape = broadcastShape(a.t.shape, b.t.shape);
    if (shape === null) return null;
    const A = broadcastOperand(a.t, a.src, shape), B = broadcastOperand(b.t, b.src, shape);
    let out: Tensor, data: Float32Array, offset = 0;
    if (inPlace) {
      const self = f32Contiguous(a.t);
      if (self === null || shape.length !== a.t.rank || shape.some((d, i) => d !== a.t.shape[i])) return null;
      out = a.t;
      data = self.data;
      offset = self.offset;
    } else {
      ({ tensor: out, data } = allocF32(shape));
    }
    native.binaryF32(op, alpha, Float64Array.from(shape), A.src.data, A.src.offset, A.strides, B.src.data, B.src.offset, B.strides, data, offset, ctx.threads);
    return out;
  };
}

/** `aten.contiguous` / `aten.clone` of a float32 tensor: a strided copy (contiguous inputs are returned as is where the op allows). */
function copy(alwaysCopy: boolean): FastPath {
  return (args, ctx) => {
    const native = nativeAddon();
    const self = args.raw('self');
    if (native === null || self?.kind !== 'tensor') return null;
    if (args.has('memory_format')) {
      const mf = args.raw('memory_format');
      if (mf?.kind !== 'memory_format' || mf.value !== 'contiguous_format' && mf.value !== 'preserve_format') return null;
    }
    const t = args.value(self.name);
    const src = f32Operand(t);
    if (src === null || !(t instanceof Tensor) || t.strides.some((s) => s < 0)) return null;
    if (!alwaysCopy && t.isContiguous() && t.offset === 0) return t;
    return stridedCopyF32(native, t, src, ctx.threads);
  };
}

/** A contiguous copy of float32 `t` (whose storage is `src`, strides non-negative), by one native pass. */
export function stridedCopyF32(native: NativeAddon, t: Tensor, src: F32Operand, threads: number): Tensor {
  const out = allocF32(t.shape);
  native.binaryF32(BinaryOp.First, 1, Float64Array.from(t.shape), src.data, src.offset, Float64Array.from(t.strides), ZERO, 0, new Float64Array(t.rank), out.data, 0, threads);
  return out.tensor;
}

/** The unread second operand of a copy. */
const ZERO = Float32Array.of(0);

/** Fast paths of float32 add/sub/mul/div (broadcasting, scalar other, in-place) and strided copies. */
export const BINARY_FAST_PATHS: ReadonlyMap<string, FastPath> = new Map<string, FastPath>([
  ['aten.add.Tensor', binary(BinaryOp.Add, false)],
  ['aten.add_.Tensor', binary(BinaryOp.Add, true)],
  ['aten.sub.Tensor', binary(BinaryOp.Sub, false)],
  ['aten.sub_.Tensor', binary(BinaryOp.Sub, true)],
  ['aten.mul.Tensor', binary(BinaryOp.Mul, false)],
  ['aten.mul_.Tensor', binary(BinaryOp.Mul, true)],
  ['aten.div.Tensor', binary(BinaryOp.Div, false)],
  ['aten.div_.Tensor', binary(BinaryOp.Div, true)],
  ['aten.contiguous.default', copy(false)],
  ['aten.clone.default', copy(true)],
]);
