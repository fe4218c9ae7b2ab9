// The dedicated float32 loops (unary activations, pow by a scalar, broadcast arithmetic) against
// values printed by torch 2.13 (CPU) for the expressions named beside each case.
import { Tensor } from '@nativert/core';
import { expect } from 'chai';
import { runOp } from '../linalg/run-op.js';

const X = [-5, -3, -1.5, -0.5, -1e-3, 0, 1e-3, 0.7, 1.5, 3, 4.5, Infinity, -Infinity, NaN];
const x = (): Tensor => Tensor.fromNumbers('float32', [X.length], X);
/** torch.arange(12.).reshape(3, 4) / 3 */
const a = (): Tensor => Tensor.fromNumbers('float32', [3, 4], Array.from({ length: 12 }, (_, i) => Math.fround(i / 3)));

/** Asserts a float32 result: NaN where `want` is null, else |got - want| <= atol + rtol |want|. */
function expectF32(got: unknown, want: (number | null)[], rtol = 0, atol = 0): void {
  expect(got).to.be.instanceOf(Tensor);
  const t = got as Tensor;
  expect(t.dtype).to.equal('float32');
  const g = [...t.toFloat64()];
  expect(g.length).to.equal(want.length);
  g.forEach((v, i) => {
    const w = want[i]!;
    if (w === null) expect(Number.isNaN(v), `element ${i}: got ${v}, want NaN`).to.equal(true);
    else if (!Number.isFinite(w)) expect(v, `element ${i}`).to.equal(w);
    else expect(Math.abs(v - w), `element ${i}: got ${v}, want ${w}`).to.be.at.most(atol + rtol * Math.abs(w));
  });
}

describe('elementwise float32 loops vs PyTorch', () => {
  // PyTorch's vectorized float erf is itself an approximation (off by ~2e-7 from exact at x = -3).
  it('gelu (erf form, F.gelu(x)) within the error of float erf approximations', () => {
    expectF32(runOp('aten.gelu.default', { self: x() }), [
      -1.4901161193847656e-06, -0.004049867391586304, -0.10021086037158966, -0.1542687863111496, -0.0004996011266484857, 0,
      0.0005003989208489656, 0.5306254625320435, 1.3997890949249268, 2.995950222015381, 4.4999847412109375, Infinity, null, null,
    ], 1e-6, 5e-7);
  });

  it('gelu tanh form (F.gelu(x, approximate="tanh"))', () => {
    expectF32(runOp('aten.gelu.default', { self: x(), approximate: 'tanh' }), [
      -2.980232238769531e-07, -0.0036374330520629883, -0.10042843222618103, -0.1542859971523285, -0.0004996010684408247, 0,
      0.0005003989790566266, 0.5305701494216919, 1.3995715379714966, 2.9963626861572266, 4.49999475479126, Infinity, null, null,
    ], 1e-6, 1e-7);
  });

  it('hardswish rounds each step in float32, exactly as PyTorch (F.hardswish(x))', () => {
    const want = [-0, -0, -0.375, -0.2083333283662796, -0.0004998333752155304, 0, 0.0005001666722819209, 0.43166664242744446, 1.125, 3, 4.5, Infinity, null, null];
    expectF32(runOp('aten.hardswish.default', { self: x() }), want);
    const t = x();
    expect(runOp('aten.hardswish_.default', { self: t })).to.equal(t);
    expectF32(t, want);
  });

  it('silu and sigmoid (F.silu(x), torch.sigmoid(x))', () => {
    expectF32(runOp('aten.silu.default', { self: x() }), [
      -0.033464252948760986, -0.14227761328220367, -0.2736382782459259, -0.1887703388929367, -0.0004997500218451023, 0,
      0.000500250025652349, 0.46773141622543335, 1.226361632347107, 2.857722520828247, 4.450558662414551, Infinity, null, null,
    ], 1e-6, 1e-7);
    expectF32(runOp('aten.sigmoid.default', { self: x() }), [
      0.006692850962281227, 0.04742587357759476, 0.18242552876472473, 0.3775406777858734, 0.499750018119812, 0.5,
      0.500249981880188, 0.6681877374649048, 0.8175744414329529, 0.9525741338729858, 0.9890130758285522, 1, 0, null,
    ], 1e-6, 1e-7);
  });

  it('pow by 3 and -2 as products in float32 (x ** 3, x ** -2), rsqrt', () => {
    expectF32(runOp('aten.pow.Tensor_Scalar', { self: x(), exponent: 3 }), [
      -125, -27, -3.375, -0.125, -1.0000001937626735e-09, 0, 1.0000001937626735e-09, 0.34299999475479126, 3.375, 27, 91.125, Infinity, -Infinity, null,
    ]);
    expectF32(runOp('aten.pow.Tensor_Scalar', { self: x(), exponent: -2 }), [
      0.03999999910593033, 0.1111111119389534, 0.4444444477558136, 4, 999999.875, Infinity, 999999.875, 2.040816307067871,
      0.4444444477558136, 0.1111111119389534, 0.04938271641731262, 0, 0, null,
    ]);
    expectF32(runOp('aten.rsqrt.default', { self: x() }), [
      null, null, null, null, null, Infinity, 31.622774124145508, 1.1952285766601562, 0.8164965510368347, 0.5773502588272095, 0.4714045524597168, 0, null, null,
    ], 1e-7);
  });

  it('broadcast row, column, transposed operand and scalars (a / b, a - c, a.t().contiguous().t() * b, a + 0.1, rsub(a, 0.1))', () => {
    const b = Tensor.fromNumbers('float32', [4], [0.5, -1, 2, 3]);
    const c = Tensor.fromNumbers('float32', [3, 1], [2, -0.5, 4]);
    expectF32(runOp('aten.div.Tensor', { self: a(), other: b }), [
      0, -0.3333333432674408, 0.3333333432674408, 0.3333333432674408, 2.6666667461395264, -1.6666666269302368, 1, 0.7777777314186096,
      5.333333492279053, -3, 1.6666666269302368, 1.2222222089767456,
    ]);
    expectF32(runOp('aten.sub.Tensor', { self: a(), other: c }), [
      -2, -1.6666666269302368, -1.3333332538604736, -1, 1.8333333730697632, 2.1666665077209473, 2.5, 2.8333332538604736,
      -1.3333332538604736, -1, -0.6666667461395264, -0.33333325386047363,
    ]);
    const at = a();
    const transposedLayout = Tensor.fromNumbers('float32', [4, 3], [...at.toFloat64()].map((_, i) => at.toFloat64()[(i % 3) * 4 + Math.floor(i / 3)]!));
    const strided = transposedLayout.asStrided([3, 4], [1, 3]);
    expectF32(runOp('aten.mul.Tensor', { self: strided, other: b }), [
      0, -0.3333333432674408, 1.3333333730697632, 3, 0.6666666865348816, -1.6666666269302368, 4, 7, 1.3333333730697632, -3, 6.666666507720947, 11,
    ]);
    expectF32(runOp('aten.add.Tensor', { self: a(), other: { float: 0.1 } }), [
      0.10000000149011612, 0.4333333373069763, 0.7666667103767395, 1.100000023841858, 1.433333396911621, 1.7666666507720947,
      2.0999999046325684, 2.433333158493042, 2.7666666507720947, 3.0999999046325684, 3.433333158493042, 3.7666666507720947,
    ]);
    expectF32(runOp('aten.rsub.Scalar', { self: a(), other: { float: 0.1 } }), [
      0.10000000149011612, -0.23333334922790527, -0.5666666626930237, -0.8999999761581421, -1.2333333492279053, -1.566666603088379,
      -1.899999976158142, -2.2333333492279053, -2.566666841506958, -2.9000000953674316, -3.2333333492279053, -3.566666841506958,
    ]);
  });

  it('in-place add_ writes through self, including a non-contiguous self (a.t().add_(1))', () => {
    const t = a();
    expect(runOp('aten.add_.Tensor', { self: t, other: Tensor.fromNumbers('float32', [4], [0.5, -1, 2, 3]) })).to.equal(t);
    expectF32(t.asStrided([4], [1], 0), [0.5, -1 + Math.fround(1 / 3), 2 + Math.fround(2 / 3), 4].map(Math.fround));
    const u = a(), ut = u.asStrided([4, 3], [1, 4]);
    runOp('aten.add_.Tensor', { self: ut, other: 1 });
    expectF32(u, Array.from({ length: 12 }, (_, i) => Math.fround(Math.fround(i / 3) + 1)));
  });

  it('where and masked_fill with broadcast bool conditions (torch.where(r, a, -1.5), torch.where(m, 0.1, a_strided), a.masked_fill(...))', () => {
    const r = Tensor.fromNumbers('bool', [4], [1, 0, 0, 1]);
    const m = Tensor.fromNumbers('bool', [3, 1], [1, 0, 1]);
    const third = (i: number): number => Math.fround(i / 3);
    expectF32(runOp('aten.where.ScalarOther', { condition: r, self: a(), other: -1.5 }), [0, -1.5, -1.5, 1, third(4), -1.5, -1.5, third(7), third(8), -1.5, -1.5, third(11)]);
    const strided = Tensor.fromNumbers('float32', [4, 3], Array.from({ length: 12 }, (_, i) => third((i % 3) * 4 + Math.floor(i / 3)))).asStrided([3, 4], [1, 3]);
    const p1 = Math.fround(0.1);
    expectF32(runOp('aten.where.ScalarSelf', { condition: m, self: { float: 0.1 }, other: strided }), [p1, p1, p1, p1, third(4), third(5), third(6), third(7), p1, p1, p1, p1]);
    expectF32(runOp('aten.masked_fill.Scalar', { self: a(), mask: r, value: { float: -Infinity } }), [-Infinity, third(1), third(2), -Infinity, -Infinity, third(5), third(6), -Infinity, -Infinity, third(9), third(10), -Infinity]);
    const p3 = Math.fround(0.3);
    expectF32(runOp('aten.masked_fill.Tensor', { self: a(), mask: m, value: Tensor.scalar('float64', 0.3) }), [p3, p3, p3, p3, third(4), third(5), third(6), third(7), p3, p3, p3, p3]);
  });
});
