// PyTorch semantics of the elementwise kernels that are easy to get wrong: promotion, integer
// division signs, NaN handling, f16/bf16 rounding, wide-int bit ops. Every expected value was
// printed by torch 2.13 (CPU) from the expression named beside it.
import type { DType, Node } from '@nativert/core';
import { NativertError, Tensor } from '@nativert/core';
import type { KernelContext } from '@nativert/interpreter';
import { ALL_KERNELS, KernelArgs, KernelRegistry } from '@nativert/interpreter';
import { expect } from 'chai';
import { expectClose, runOp } from '../linalg/run-op.js';

const f32 = (shape: number[], v: number[]): Tensor => Tensor.fromNumbers('float32', shape, v);
const f64 = (v: number[]): Tensor => Tensor.fromNumbers('float64', [v.length], v);
const i64 = (v: number[]): Tensor => Tensor.fromNumbers('int64', [v.length], v);

/** Asserts dtype and exact values (ints, bools, raw f16 bits). */
function expectExact(got: unknown, dtype: DType, want: number[]): void {
  expect(got).to.be.instanceOf(Tensor);
  const t = got as Tensor;
  expect(t.dtype).to.equal(dtype);
  expect([...t.toFloat64()]).to.deep.equal(want);
}

/** Raw storage bits of a contiguous f16/bf16 tensor. */
function bits(got: unknown): number[] {
  return [...((got as Tensor).data() as Uint16Array)];
}

describe('elementwise kernels: PyTorch semantics', () => {
  describe('type promotion', () => {
    it('int tensor + 2.5 is float32; f32 tensor + 0-d f64 stays float32; f16 tensor * 0.1 stays float16', () => {
      expect((runOp('aten.add.Tensor', { self: i64([1, 2]), other: 2.5 }) as Tensor).dtype).to.equal('float32');
      expect((runOp('aten.add.Tensor', { self: f32([2], [1, 2]), other: Tensor.scalar('float64', 0.1) }) as Tensor).dtype).to.equal('float32');
      const h = Tensor.fromNumbers('float16', [3], [1, 3, 0.3]);
      // (torch.tensor([1., 3., .3], dtype=torch.float16) * 0.1).view(torch.int16): scalar kept in float32
      expect(bits(runOp('aten.mul.Tensor', { self: h, other: 0.1 }))).to.deep.equal([11878, 13517, 10158]);
    });

    it('compares float32 against a float scalar in float32 (torch.tensor([0.1, 0.2]) == 0.1)', () => {
      expectExact(runOp('aten.eq.Scalar', { self: f32([2], [0.1, 0.2]), other: 0.1 }), 'bool', [1, 0]);
    });

    it('where(cond, 1.0, 0) is float32 and where(cond, 2, t) takes t dtype', () => {
      const cond = Tensor.fromNumbers('bool', [2], [1, 0]);
      expectExact(runOp('aten.where.Scalar', { condition: cond, self: { float: 1 }, other: 0 }), 'float32', [1, 0]);
      expectExact(runOp('aten.where.ScalarSelf', { condition: cond, self: 2, other: f32([2], [1.5, 2.5]) }), 'float32', [2, 2.5]);
    });
  });

  describe('division', () => {
    const a = i64([5, -5, 7, -7]), b = i64([3, 3, -2, -2]);
    it('integer remainder/floor_divide follow Python, fmod and trunc follow C', () => {
      expectExact(runOp('aten.remainder.Tensor', { self: a, other: b }), 'int64', [2, 1, -1, -1]);
      expectExact(runOp('aten.floor_divide.default', { self: a, other: b }), 'int64', [1, -2, -4, 3]);
      expectExact(runOp('aten.fmod.Tensor', { self: a, other: b }), 'int64', [2, -2, 1, -1]);
      expectExact(runOp('aten.div.Tensor_mode', { self: a, other: b, rounding_mode: 'trunc' }), 'int64', [1, -1, -3, 3]);
      expectClose(runOp('aten.div.Tensor', { self: a, other: b }), [4], [1.6666666269302368, -1.6666666269302368, -3.5, 3.5], 0, 0);
    });

    it('float remainder/floor/trunc with a zero divisor', () => {
      const x = f32([5], [5.5, -5.5, 7, -7, 1]), y = f32([5], [2, 2, -0.5, -2.5, 0]);
      expectClose(runOp('aten.remainder.Tensor', { self: x, other: y }), [5], [1.5, 0.5, 0, -2, NaN], 0, 0);
      expectClose(runOp('aten.div.Tensor_mode', { self: x, other: y, rounding_mode: 'floor' }), [5], [2, -3, -14, 2, Infinity], 0, 0);
      expectClose(runOp('aten.div.Tensor_mode', { self: x, other: y, rounding_mode: 'trunc' }), [5], [2, -2, -14, 2, Infinity], 0, 0);
      expectClose(runOp('aten.fmod.Tensor', { self: x, other: y }), [5], [1.5, -1.5, 0, -2, NaN], 0, 0);
    });

    it('integer division by zero raises an error naming the node', () => {
      expect(() => runOp('aten.remainder.Tensor', { self: a, other: i64([0, 1, 1, 1]) })).to.throw(NativertError, /test_aten.remainder.Tensor.*ZeroDivisionError/);
    });
  });

  describe('NaN handling', () => {
    const x = f32([3], [1, NaN, 3]), y = f32([3], [NaN, 2, 1]);
    it('maximum/minimum propagate NaN, fmax/fmin ignore it, clamp keeps it', () => {
      expectClose(runOp('aten.maximum.default', { self: x, other: y }), [3], [NaN, NaN, 3], 0, 0);
      expectClose(runOp('aten.fmax.default', { self: x, other: y }), [3], [1, 2, 3], 0, 0);
      expectClose(runOp('aten.minimum.default', { self: x, other: y }), [3], [NaN, NaN, 1], 0, 0);
      expectClose(runOp('aten.fmin.default', { self: x, other: y }), [3], [1, 2, 1], 0, 0);
      expectClose(runOp('aten.clamp.default', { self: x, min: 1.5, max: 2.5 }), [3], [1.5, NaN, 2.5], 0, 0);
    });

    it('sign(NaN) is 0; nan_to_num uses the dtype range', () => {
      expectClose(runOp('aten.sign.default', { self: f32([4], [-2, 0, NaN, 3]) }), [4], [-1, 0, 0, 1], 0, 0);
      expectClose(runOp('aten.nan_to_num.default', { self: f32([4], [NaN, Infinity, -Infinity, 1]) }), [4], [0, 3.4028234663852886e38, -3.4028234663852886e38, 1], 0, 0);
      const h = Tensor.fromNumbers('float16', [3], [NaN, Infinity, -Infinity]);
      expectClose(runOp('aten.nan_to_num.default', { self: h, posinf: { float: 7 } }), [3], [0, 7, -65504], 0, 0);
    });
  });

  describe('rounding and casts', () => {
    it('round is half-to-even, with decimals computed in float32', () => {
      expectClose(runOp('aten.round.default', { self: f32([6], [0.5, 1.5, 2.5, -0.5, -1.5, 2.6]) }), [6], [0, 2, 2, -0, -2, 3], 0, 0);
      expectClose(runOp('aten.round.decimals', { self: f32([3], [1.2345, 2.5e-3, 123.456]), decimals: 2 }), [3], [1.2300000190734863, 0, 123.45999908447266], 0, 0);
      expectClose(runOp('aten.round.decimals', { self: f32([2], [1234.5, 1250]), decimals: -2 }), [2], [1200, 1200], 0, 0);
    });

    it('float casts truncate and wrap; NaN casts to true', () => {
      // torch.tensor([-1.7, 2.9, 300.5, -0.0]).to(torch.int32); torch.tensor([-1., 2.9, 300.5]).to(torch.uint8)
      expectExact(castTo(f32([4], [-1.7, 2.9, 300.5, -0]), 'int32'), 'int32', [-1, 2, 300, 0]);
      expectExact(castTo(f32([3], [-1, 2.9, 300.5]), 'uint8'), 'uint8', [255, 2, 44]);
      expectExact(castTo(f32([3], [0, NaN, -0.5]), 'bool'), 'bool', [0, 1, 1]);
    });
  });

  describe('integers', () => {
    it('bitwise ops are exact beyond 32 bits; shifts past the width give 0 or the sign', () => {
      const x = i64([2 ** 40 + 3, -(2 ** 35) - 1]), y = i64([2 ** 40 + 5, 2 ** 33 + 7]);
      expectExact(runOp('aten.bitwise_and.Tensor', { self: x, other: y }), 'int64', [1099511627777, 8589934599]);
      expectExact(runOp('aten.bitwise_or.Tensor', { self: x, other: y }), 'int64', [1099511627783, -34359738369]);
      expectExact(runOp('aten.__xor__.Tensor', { self: x, other: y }), 'int64', [6, -42949672968]);
      expectExact(runOp('aten.bitwise_not.default', { self: x }), 'int64', [-1099511627780, 34359738368]);
      expectExact(runOp('aten.__lshift__.Scalar', { self: Tensor.fromNumbers('int32', [1], [5]), other: 40 }), 'int32', [0]);
      expectExact(runOp('aten.__rshift__.Tensor', { self: i64([-5, -16, 9]), other: i64([70, 2, 1]) }), 'int64', [-1, -4, 4]);
      expectExact(runOp('aten.bitwise_left_shift.Tensor', { self: Tensor.fromNumbers('int32', [1], [3]), other: Tensor.fromNumbers('int32', [1], [30]) }), 'int32', [-1073741824]);
    });

    it('integer pow wraps and handles negative exponents; float pow follows C for 1^NaN', () => {
      const base = Tensor.fromNumbers('int32', [5], [2, -3, 5, 1, -1]), exp = Tensor.fromNumbers('int32', [5], [10, 3, -1, -5, -3]);
      expectExact(runOp('aten.pow.Tensor_Tensor', { self: base, exponent: exp }), 'int32', [1024, -27, 0, 1, -1]);
      expectExact(runOp('aten.pow.Tensor_Scalar', { self: Tensor.fromNumbers('uint8', [1], [3]), exponent: 5 }), 'uint8', [243]);
      expectClose(runOp('aten.pow.Tensor_Tensor', { self: f32([3], [1, -1, 2]), exponent: f32([3], [NaN, Infinity, 0.5]) }), [3], [1, 1, 1.4142135381698608], 0, 0);
    });
  });

  describe('float math', () => {
    const g = f64([-3, -1, -0.1, 0, 0.5, 2, 4]);
    it('gelu (erf and tanh) and erfinv match float64 to 1e-14', () => {
      expectClose(runOp('aten.gelu.default', { self: g }), [7], [-0.00404969409489031, -0.15865525393145702, -0.0460172162722971, 0, 0.34573123063700656, 1.9544997361036416, 3.9998733150326675], 1e-14, 1e-15);
      expectClose(runOp('aten.gelu.default', { self: g, approximate: 'tanh' }), [7], [-0.0036373920817729943, -0.15880800939172324, -0.04601724895456484, 0, 0.34571400982514394, 1.954597694087775, 3.9999297540518075], 1e-14, 1e-15);
      expectClose(runOp('aten.erfinv.default', { self: f64([-0.9, 0, 0.3, 0.999]) }), [4], [-1.1630871536766743, 0, 0.2724627147267543, 2.3267537655135246], 1e-14, 1e-15);
    });

    it('mish, softplus(beta, threshold), elu(alpha), selu, hardswish, logit(eps)', () => {
      expectClose(runOp('aten.mish.default', { self: g }), [7], [-0.1456474612756246, -0.30340146137410895, -0.05678857521284473, 0, 0.3752452113048951, 1.9439589595339946, 3.9974128069762385], 1e-14, 1e-15);
      expectClose(runOp('aten.softplus.default', { self: g, beta: 2, threshold: 3 }), [7], [0.0012378425688652247, 0.06346400552148625, 0.2990694346907959, 0.34657359027997264, 0.6566308437591114, 2, 4], 1e-14, 1e-15);
      expectClose(runOp('aten.elu.default', { self: g, alpha: 0.5 }), [7], [-0.475106465816068, -0.31606027941427883, -0.04758129098202021, 0, 0.5, 2, 4], 1e-14, 1e-15);
      expectClose(runOp('aten.selu.default', { self: g }), [7], [-1.6705687287671118, -1.1113307378125625, -0.16730527262431394, 0, 0.5253504936777402, 2.101401974710961, 4.202803949421922], 1e-14, 1e-15);
      expectClose(runOp('aten.hardswish.default', { self: g }), [7], [-0, -0.3333333333333333, -0.04833333333333333, 0, 0.2916666666666667, 1.6666666666666667, 4], 1e-14, 1e-15);
      expectClose(runOp('aten.logit.default', { self: f64([0, 0.25, 0.9]), eps: 0.1 }), [3], [-2.197224577336219, -1.0986122886681098, 2.1972245773362196], 1e-14, 1e-15);
    });

    it('bf16 and f16 results round once from float32', () => {
      // (torch.tensor([1., 3., .3], dtype=torch.bfloat16) * 0.1).view(torch.int16), torch.sigmoid(...)
      const b = Tensor.fromNumbers('bfloat16', [3], [1, 3, 0.3]);
      expect(bits(runOp('aten.mul.Tensor', { self: b, other: 0.1 }))).to.deep.equal([15821, 16026, 15606]);
      expect(bits(runOp('aten.sigmoid.default', { self: b }))).to.deep.equal([16187, 16244, 16147]);
      const h = Tensor.fromNumbers('float16', [3], [1, 3, 0.3]);
      expect(bits(runOp('aten.div.Tensor', { self: h, other: 3 }))).to.deep.equal([13653, 15360, 11879]);
      expect(bits(runOp('aten.exp.default', { self: h }))).to.deep.equal([16752, 19717, 15718]);
    });

    it('lerp, addcdiv, xlogy', () => {
      expectClose(runOp('aten.lerp.Scalar', { self: f32([2], [1, 2]), end: f32([2], [3, -2]), weight: 0.75 }), [2], [2.5, -1], 0, 0);
      expectClose(runOp('aten.addcdiv.default', { self: f32([2], [1, 2]), tensor1: f32([2], [3, 1]), tensor2: f32([2], [2, 4]), value: 0.5 }), [2], [1.75, 2.125], 0, 0);
      expectClose(runOp('aten.xlogy.Tensor', { self: f32([3], [0, 0, 2]), other: f32([3], [0, NaN, 3]) }), [3], [0, NaN, 2.1972246170043945], 1e-7, 0);
    });

    it('atan2.out writes into out and returns it', () => {
      // o = torch.empty(3); torch.atan2(torch.tensor([1., -1., 0.]), torch.tensor([2., -3., -1.]), out=o)
      const out = Tensor.zeros('float32', [3]);
      const got = runOp('aten.atan2.out', { self: f32([3], [1, -1, 0]), other: f32([3], [2, -3, -1]), out });
      expect(got).to.equal(out);
      expectClose(out, [3], [0.46364760398864746, -2.8198421001434326, 3.1415927410125732], 1e-7, 0);
    });

    it('prelu per channel and glu', () => {
      expectClose(runOp('aten.prelu.default', { self: f32([2, 3], [-1, 2, -3, 4, -5, -6]), weight: f32([3], [0.1, 0.2, 0.3]) }), [2, 3], [-0.10000000149011612, 2, -0.9000000357627869, 4, -1, -1.8000000715255737], 1e-7, 0);
      expectClose(runOp('aten.glu.default', { self: f32([1, 4], [1, 2, -1, 0.5]), dim: -1 }), [1, 2], [0.2689414322376251, 1.244918704032898], 1e-6, 0);
    });
  });

  describe('factories and ranges', () => {
    it('arange infers float32/int64 and computes start + i*step in double', () => {
      const r = runOp('aten.arange.start_step', { start: 0, end: 1, step: 0.1 });
      expectExact(r, 'float32', [0, 0.10000000149011612, 0.20000000298023224, 0.30000001192092896, 0.4000000059604645, 0.5, 0.6000000238418579, 0.699999988079071, 0.800000011920929, 0.8999999761581421]);
      expectExact(runOp('aten.arange.start_step', { start: 10, end: 0, step: -3 }), 'int64', [10, 7, 4, 1]);
    });

    it('linspace matches the CPU kernel to the last bit', () => {
      expectExact(runOp('aten.linspace.default', { start: -1, end: 1, steps: 7 }), 'float32', [-1, -0.6666666269302368, -0.3333333134651184, -2.9802322387695312e-8, 0.3333333134651184, 0.6666666269302368, 1]);
    });
  });

  describe('strided operands', () => {
    it('add_ writes through a transposed view and broadcasts a row', () => {
      const base = f32([2, 3], [0, 1, 2, 3, 4, 5]);
      const t = base.asStrided([3, 2], [1, 3]); // base.t()
      const out = runOp('aten.add_.Tensor', { self: t, other: f32([2], [10, 20]) });
      expect(out).to.equal(t);
      // b = torch.arange(6.).reshape(2, 3); b.t().add_(torch.tensor([10., 20.])); b
      expectClose(base, [2, 3], [10, 11, 12, 23, 24, 25], 0, 0);
    });
  });
});

/** `t.to(dtype)` through the `_to_copy` kernel (runOp has no ScalarType literal, so the node is built here). */
function castTo(t: Tensor, dtype: DType): Tensor {
  const node: Node = {
    name: 'cast',
    target: 'aten._to_copy.default',
    inputs: [
      { name: 'self', arg: { kind: 'tensor', name: 'x' }, kwOnly: false },
      { name: 'dtype', arg: { kind: 'scalar_type', dtype }, kwOnly: true },
    ],
    outputs: [],
    metadata: {},
  };
  const def = new KernelRegistry(ALL_KERNELS).tryGet(node.target)!;
  const ctx: KernelContext = { node, threads: 1, runSubgraph: () => [] };
  return def.run(new KernelArgs(node, () => t), ctx) as Tensor;
}
