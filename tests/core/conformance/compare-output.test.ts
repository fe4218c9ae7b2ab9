import { expect } from 'chai';
import { Tensor, compareOutput } from '@nativert/core';

/** An int64 tensor holding `values` exactly. */
function int64(values: readonly bigint[]): Tensor {
  const t = Tensor.zeros('int64', [values.length]);
  (t.data() as BigInt64Array).set(values);
  return t;
}

describe('compareOutput on int64', () => {
  it('tells apart values a float64 cannot (2^62 + 1 vs 2^62)', () => {
    const want = int64([3n, 2n ** 62n + 1n]);
    const bad = compareOutput(int64([3n, 2n ** 62n]), want, 0, 0);
    expect(bad.ok).to.equal(false);
    expect(bad.message).to.contain('element 1').and.contain('4611686018427387905');
    expect(compareOutput(int64([3n, 2n ** 62n + 1n]), want, 0, 0).ok).to.equal(true);
  });

  it('reads both tensors through their strides', () => {
    const base = int64([1n, 2n ** 62n + 1n, 7n, -(2n ** 62n) - 3n]);
    const strided = new Tensor('int64', [2], base.storage, [2], 1);
    expect(compareOutput(strided, int64([2n ** 62n + 1n, -(2n ** 62n) - 3n]), 0, 0).ok).to.equal(true);
  });
});
