import type { Graph, Node, Tensor } from '@nativert/core';
import { tryGetInput } from '@nativert/core';
import type { KernelArgs } from '@nativert/interpreter';
import type { CudaOpContext, CudaOpDef } from './cuda-op.js';
import { float32Only } from './cuda-op.js';
import { broadcastShapes, empty, launchElementwise } from './launch-helpers.js';

/** An operand of an elementwise expression: a device tensor or a number baked in as a scalar slot. */
type Operand = { readonly tensor: Tensor } | { readonly scalar: number };

function operand(args: KernelArgs, name: string, dflt?: number): Operand {
  const a = args.raw(name);
  if (a?.kind === 'tensor') return { tensor: args.tensor(name) };
  return { scalar: args.scalar(name, dflt) };
}

/**
 * Runs `template` (operands written `X0, X1, ...`, extra scalars `S0, S1, ...`) over `operands`,
 * into a fresh tensor of the broadcast shape, or into the first operand for in-place ops.
 */
function run(ctx: CudaOpContext, template: string, operands: readonly Operand[], extra: readonly number[], inPlace: boolean): Tensor {
  const tensors: Tensor[] = [];
  const scalars: number[] = [];
  let expr = template;
  operands.forEach((o, i) => {
    const ref = 'tensor' in o ? `a${tensors.push(o.tensor) - 1}` : `s${scalars.push(o.scalar) - 1}`;
    expr = expr.replaceAll(`X${i}`, ref);
  });
  extra.forEach((v, i) => {
    expr = expr.replaceAll(`S${i}`, `s${scalars.push(v) - 1}`);
  });
  let shape: number[] = [];
  for (const t of tensors) shape = broadcastShapes(shape, t.shape);
  const out = inPlace ? tensors[0]! : empty(ctx, 'float32', shape);
  launchElementwise(ctx.cuda, expr, out, tensors, scalars);
  return out;
}

/** A unary op `f(X0, S...)` on `self`, with scalar attributes read by `attrs`. */
function unary(ops: readonly string[], template: string | ((args: KernelArgs) => string), attrs: (args: KernelArgs) => number[] = () => []): CudaOpDef {
  return {
    ops,
    check: (node, graph) => float32Only(node, graph),
    run: (args, ctx) => {
      const t = typeof template === 'string' ? template : template(args);
      return run(ctx, t, [operand(args, 'self')], attrs(args), args.node.target.split('.')[1]!.endsWith('_'));
    },
  };
}

/** A binary op `f(X0, X1, S...)` on `self` and `other`, either of which may be a scalar. */
function binary(ops: readonly string[], template: string, otherName = 'other', attrs: (args: KernelArgs) => number[] = () => []): CudaOpDef {
  return {
    ops,
    check: (node, graph) => float32Only(node, graph),
    run: (args, ctx) =>
      run(ctx, template, [operand(args, 'self'), operand(args, otherName)], attrs(args), args.node.target.split('.')[1]!.endsWith('_')),
  };
}

/** `div` without rounding only: floor/trunc division stays on the CPU. */
function checkDiv(node: Node, graph: Graph): string | undefined {
  const mode = tryGetInput(node, 'rounding_mode');
  if (mode && mode.kind === 'string') return `cuda: div with rounding_mode '${mode.value}' is not implemented`;
  return float32Only(node, graph);
}

const alpha = (args: KernelArgs) => [args.scalar('alpha', 1)];

/** Elementwise ops generated as CUDA C, float32 only. */
export const ELEMENTWISE_OPS: readonly CudaOpDef[] = [
  binary(['aten.add.Tensor', 'aten.add_.Tensor', 'aten.add.Scalar', 'aten.add_.Scalar'], 'X0 + S0 * X1', 'other', alpha),
  binary(['aten.sub.Tensor', 'aten.sub_.Tensor', 'aten.sub.Scalar', 'aten.sub_.Scalar'], 'X0 - S0 * X1', 'other', alpha),
  binary(['aten.rsub.Tensor', 'aten.rsub.Scalar'], 'X1 - S0 * X0', 'other', alpha),
  binary(['aten.mul.Tensor', 'aten.mul_.Tensor', 'aten.mul.Scalar', 'aten.mul_.Scalar'], 'X0 * X1'),
  { ...binary(['aten.div.Tensor', 'aten.div_.Tensor', 'aten.div.Scalar', 'aten.div_.Scalar'], 'X0 / X1'), check: checkDiv },
  binary(['aten.pow.Tensor_Scalar', 'aten.pow.Tensor_Tensor'], 'powf(X0, X1)', 'exponent'),
  binary(['aten.maximum.default'], '(X0 != X0 || X1 != X1) ? (X0 + X1) : fmaxf(X0, X1)'),
  binary(['aten.minimum.default'], '(X0 != X0 || X1 != X1) ? (X0 + X1) : fminf(X0, X1)'),
  unary(['aten.relu.default', 'aten.relu_.default'], 'nrt_relu(X0)'),
  unary(['aten.gelu.default', 'aten.gelu_.default'], (a) => (a.string('approximate', 'none') === 'tanh' ? 'nrt_gelu_tanh(X0)' : 'nrt_gelu(X0)')),
  unary(['aten.silu.default', 'aten.silu_.default'], 'X0 * nrt_sigmoid(X0)'),
  unary(['aten.sigmoid.default', 'aten.sigmoid_.default'], 'nrt_sigmoid(X0)'),
  unary(['aten.tanh.default', 'aten.tanh_.default'], 'tanhf(X0)'),
  unary(['aten.exp.default'], 'expf(X0)'),
  unary(['aten.log.default'], 'logf(X0)'),
  unary(['aten.log1p.default'], 'log1pf(X0)'),
  unary(['aten.expm1.default'], 'expm1f(X0)'),
  unary(['aten.sqrt.default'], 'sqrtf(X0)'),
  unary(['aten.rsqrt.default'], 'rsqrtf(X0)'),
  unary(['aten.neg.default'], '-X0'),
  unary(['aten.abs.default'], 'fabsf(X0)'),
  unary(['aten.sin.default'], 'sinf(X0)'),
  unary(['aten.cos.default'], 'cosf(X0)'),
  unary(['aten.erf.default'], 'erff(X0)'),
  unary(['aten.sign.default'], 'nrt_sign(X0)'),
  unary(['aten.reciprocal.default'], '1.f / X0'),
  unary(['aten.hardswish.default', 'aten.hardswish_.default'], 'nrt_hardswish(X0)'),
  unary(['aten.hardsigmoid.default', 'aten.hardsigmoid_.default'], 'nrt_hardsigmoid(X0)'),
  unary(['aten.hardtanh.default', 'aten.hardtanh_.default'], 'nrt_clamp(X0, S0, S1)', (a) => [a.scalar('min_val', -1), a.scalar('max_val', 1)]),
  unary(['aten.clamp.default', 'aten.clamp_.default'], 'nrt_clamp(X0, S0, S1)', (a) => [a.optScalar('min') ?? -Infinity, a.optScalar('max') ?? Infinity]),
  unary(['aten.leaky_relu.default', 'aten.leaky_relu_.default'], 'X0 > 0.f ? X0 : X0 * S0', (a) => [a.scalar('negative_slope', 0.01)]),
  unary(['aten.elu.default', 'aten.elu_.default'], 'X0 > 0.f ? X0 * S1 : S0 * S1 * expm1f(X0 * S2)', (a) => [a.scalar('alpha', 1), a.scalar('scale', 1), a.scalar('input_scale', 1)]),
  unary(['aten.softplus.default'], 'nrt_softplus(X0, S0, S1)', (a) => [a.scalar('beta', 1), a.scalar('threshold', 20)]),
];
