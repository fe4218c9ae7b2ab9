// Python callables the exporter records on SymInt/SymFloat/SymBool values (`_operator.add`,
// `torch.sym_max`, `math.ceil`). Their arguments are positional; values are numbers or booleans.
import type { RuntimeValue } from '@nativert/core';
import { Tensor } from '@nativert/core';
import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';

type Sym = number | boolean;

function symArg(args: KernelArgs, i: number): Sym {
  const v = args.resolve(args.at(i));
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Tensor && v.numel === 1) return v.item();
  throw args.error(`argument ${i}: expected a symbolic int, float or bool, given ${v === null ? 'None' : Array.isArray(v) ? 'a list' : String(v)}`);
}

const num = (v: Sym): number => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

/** Python's floor division and modulo (the result takes the divisor's sign). */
function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}
function pyMod(a: number, b: number): number {
  return a - b * Math.floor(a / b);
}

const BINARY: Readonly<Record<string, (a: Sym, b: Sym) => Sym>> = {
  add: (a, b) => num(a) + num(b),
  sub: (a, b) => num(a) - num(b),
  mul: (a, b) => num(a) * num(b),
  floordiv: (a, b) => floorDiv(num(a), num(b)),
  truediv: (a, b) => num(a) / num(b),
  mod: (a, b) => pyMod(num(a), num(b)),
  pow: (a, b) => num(a) ** num(b),
  eq: (a, b) => num(a) === num(b),
  ne: (a, b) => num(a) !== num(b),
  lt: (a, b) => num(a) < num(b),
  le: (a, b) => num(a) <= num(b),
  gt: (a, b) => num(a) > num(b),
  ge: (a, b) => num(a) >= num(b),
  and_: (a, b) => (typeof a === 'boolean' && typeof b === 'boolean' ? a && b : Number(BigInt(num(a)) & BigInt(num(b)))),
  or_: (a, b) => (typeof a === 'boolean' && typeof b === 'boolean' ? a || b : Number(BigInt(num(a)) | BigInt(num(b)))),
  lshift: (a, b) => num(a) * 2 ** num(b),
  rshift: (a, b) => Math.floor(num(a) / 2 ** num(b)),
};

const UNARY: Readonly<Record<string, (a: Sym) => Sym>> = {
  '_operator.neg': (a) => -num(a),
  '_operator.pos': (a) => num(a),
  '_operator.not_': (a) => !num(a),
  'torch.sym_not': (a) => !num(a),
  'torch.sym_float': (a) => num(a),
  'torch.sym_int': (a) => Math.trunc(num(a)),
  'torch.sym_sqrt': (a) => Math.sqrt(num(a)),
  'torch._sym_sqrt': (a) => Math.sqrt(num(a)),
  'math.sqrt': (a) => Math.sqrt(num(a)),
  'math.ceil': (a) => Math.ceil(num(a)),
  'math.floor': (a) => Math.floor(num(a)),
  'math.trunc': (a) => Math.trunc(num(a)),
};

const MINMAX: Readonly<Record<string, (a: number, b: number) => number>> = {
  'torch.sym_max': Math.max,
  'torch.sym_min': Math.min,
};

/** `_operator.<op>` on two symbolic values. */
export const SYM_BINARY_KERNEL: KernelDef = {
  ops: Object.keys(BINARY).map((k) => `_operator.${k}`),
  run: (args): RuntimeValue => BINARY[args.node.target.slice('_operator.'.length)]!(symArg(args, 0), symArg(args, 1)),
};

/** Unary symbolic callables: neg, pos, not, sym_not, sym_float, sym_int, sqrt, ceil, floor, trunc. */
export const SYM_UNARY_KERNEL: KernelDef = {
  ops: Object.keys(UNARY),
  run: (args): RuntimeValue => UNARY[args.node.target]!(symArg(args, 0)),
};

/** `torch.sym_max` / `torch.sym_min`. */
export const SYM_MINMAX_KERNEL: KernelDef = {
  ops: Object.keys(MINMAX),
  run: (args): RuntimeValue => MINMAX[args.node.target]!(num(symArg(args, 0)), num(symArg(args, 1))),
};

/** `torch.sym_ite(cond, then, else)`. */
export const SYM_ITE_KERNEL: KernelDef = {
  ops: ['torch.sym_ite'],
  run: (args): RuntimeValue => (num(symArg(args, 0)) ? symArg(args, 1) : symArg(args, 2)),
};
