// Complex and int64 paths of the elementwise kernels that the PyTorch difftest fixtures (families
// `complex`, `int64`) do not reach: in-place forms and refusals.
import { NativertError, Tensor } from '@nativert/core';
import { expect } from 'chai';
import { runOp } from '../linalg/run-op.js';

/** A complex64 tensor from (re, im) pairs. */
function c64(pairs: [number, number][]): Tensor {
  const t = Tensor.zeros('complex64', [pairs.length]);
  (t.data() as Float32Array).set(pairs.flat());
  return t;
}

function int64(values: bigint[]): Tensor {
  const t = Tensor.zeros('int64', [values.length]);
  (t.data() as BigInt64Array).set(values);
  return t;
}

describe('elementwise kernels: complex and int64 beyond the fixtures', () => {
  it('mul_ on a complex tensor writes both parts in place ((1+2j)*(3-1j) = 5+5j)', () => {
    const self = c64([[1, 2], [0, 1]]);
    const out = runOp('aten.mul_.Tensor', { self, other: c64([[3, -1], [0, 1]]) });
    expect(out).to.equal(self);
    expect([...(self.data() as Float32Array)]).to.deep.equal([5, 5, -1, 0]);
  });

  it('refuses complex operands of an op without a complex path, naming the op, instead of dropping the imaginary part', () => {
    const x = c64([[1, 2]]);
    for (const [target, args] of [['aten.exp.default', { self: x }], ['aten.maximum.default', { self: x, other: x }]] as const) {
      expect(() => runOp(target, args)).to.throw(NativertError, /complex/);
    }
  });

  it('refuses an in-place complex result into a real tensor (as PyTorch does)', () => {
    expect(() => runOp('aten.add_.Tensor', { self: Tensor.fromNumbers('float32', [1], [1]), other: c64([[1, 1]]) })).to.throw(NativertError, /complex64/);
  });

  it('add_ and neg_ on int64 stay exact past 2^53', () => {
    const self = int64([2n ** 62n + 1n, -(2n ** 53n) - 1n]);
    runOp('aten.add_.Tensor', { self, other: int64([2n, 2n ** 53n]) });
    expect([...(self.data() as BigInt64Array)]).to.deep.equal([2n ** 62n + 3n, -1n]);
    runOp('aten.neg_.default', { self });
    expect([...(self.data() as BigInt64Array)]).to.deep.equal([-(2n ** 62n) - 3n, 1n]);
  });

  it('sum of int64 over more than 2^20 elements (partial sums flushed) is exact and wraps like PyTorch', () => {
    const n = 2 ** 20 + 3;
    const x = Tensor.zeros('int64', [n]);
    const d = x.data() as BigInt64Array;
    let want = 0n;
    for (let i = 0; i < n; i++) {
      d[i] = BigInt(i % 3 === 0 ? -1 : 1) * (2n ** 45n + BigInt(i) * 7919n) + (i === 5 ? 2n ** 62n : 0n);
      want += d[i]!;
    }
    const got = runOp('aten.sum.default', { self: x }) as Tensor;
    expect((got.data() as BigInt64Array)[0]).to.equal(BigInt.asIntN(64, want));
    d.fill(2n ** 62n, 0, 8);
    expect(((runOp('aten.sum.default', { self: Tensor.zeros('int64', [0]) }) as Tensor).data() as BigInt64Array)[0]).to.equal(0n);
    // 8 * 2^62 wraps to 0 in int64, as torch.full([8], 2**62).sum() gives.
    expect(((runOp('aten.sum.default', { self: new Tensor('int64', [8], x.storage) }) as Tensor).data() as BigInt64Array)[0]).to.equal(0n);
  });
});
