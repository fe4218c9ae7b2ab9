import { Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelContext, KernelResult } from '../../kernel/kernel-def.js';
import { allocF32, f32Contiguous } from '../../native/f32-tensor.js';
import type { NativeAddon } from '../../native/native-addon.js';
import { nativeAddon, UnaryOp } from '../../native/native-addon.js';
import type { FastPath } from './fast-path.js';

/** Runs `op` on a contiguous float32 `self`, into a new tensor or (inPlace) into self. */
function runUnary(native: NativeAddon, args: KernelArgs, ctx: KernelContext, op: UnaryOp, inPlace: boolean): KernelResult | null {
  const self = args.value(inputName(args));
  const x = f32Contiguous(self);
  if (x === null || !(self instanceof Tensor)) return null;
  const n = self.numel;
  if (inPlace) {
    native.unaryF32(op, x.data, x.offset, x.data, x.offset, n, ctx.threads);
    return self;
  }
  const out = allocF32(self.shape);
  native.unaryF32(op, x.data, x.offset, out.data, 0, n, ctx.threads);
  return out.tensor;
}

function inputName(args: KernelArgs): string {
  const a = args.raw('self') ?? args.raw('input');
  if (a === undefined || a.kind !== 'tensor') return '';
  return a.name;
}

/** The unary op a node computes, or null when its attributes need the general kernel. */
type OpOf = (args: KernelArgs) => UnaryOp | null;

function unary(opOf: OpOf, inPlace: boolean): FastPath {
  return (args, ctx) => {
    const native = nativeAddon();
    if (native === null || inputName(args) === '') return null;
    const op = opOf(args);
    return op === null ? null : runUnary(native, args, ctx, op, inPlace);
  };
}

const fixed = (op: UnaryOp): OpOf => () => op;

const gelu: OpOf = (args) => {
  const approximate = args.string('approximate', 'none');
  return approximate === 'none' ? UnaryOp.Gelu : approximate === 'tanh' ? UnaryOp.GeluTanh : null;
};

const pow: OpOf = (args) => {
  const e = args.raw('exponent');
  if (e?.kind !== 'int' && e?.kind !== 'float') return null;
  return e.value === 2 ? UnaryOp.Square : e.value === 3 ? UnaryOp.Cube : null;
};

const hardtanh: OpOf = (args) => (args.float('min_val', -1) === 0 && args.float('max_val', 1) === 6 ? UnaryOp.Relu6 : null);

/** Fast paths of float32 activations and simple maps, out-of-place and in-place. */
export const UNARY_FAST_PATHS: ReadonlyMap<string, FastPath> = new Map<string, FastPath>([
  ['aten.relu.default', unary(fixed(UnaryOp.Relu), false)],
  ['aten.relu_.default', unary(fixed(UnaryOp.Relu), true)],
  ['aten.gelu.default', unary(gelu, false)],
  ['aten.gelu_.default', unary(gelu, true)],
  ['aten.hardswish.default', unary(fixed(UnaryOp.Hardswish), false)],
  ['aten.hardswish_.default', unary(fixed(UnaryOp.Hardswish), true)],
  ['aten.hardsigmoid.default', unary(fixed(UnaryOp.Hardsigmoid), false)],
  ['aten.hardsigmoid_.default', unary(fixed(UnaryOp.Hardsigmoid), true)],
  ['aten.sigmoid.default', unary(fixed(UnaryOp.Sigmoid), false)],
  ['aten.sigmoid_.default', unary(fixed(UnaryOp.Sigmoid), true)],
  ['aten.silu.default', unary(fixed(UnaryOp.Silu), false)],
  ['aten.silu_.default', unary(fixed(UnaryOp.Silu), true)],
  ['aten.tanh.default', unary(fixed(UnaryOp.Tanh), false)],
  ['aten.tanh_.default', unary(fixed(UnaryOp.Tanh), true)],
  ['aten.exp.default', unary(fixed(UnaryOp.Exp), false)],
  ['aten.pow.Tensor_Scalar', unary(pow, false)],
  ['aten.hardtanh.default', unary(hardtanh, false)],
  ['aten.hardtanh_.default', unary(hardtanh, true)],
]);
