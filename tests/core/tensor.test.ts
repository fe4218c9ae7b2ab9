import { expect } from 'chai';
import { Tensor, floatToHalf, halfToFloat, floatToBf16, bf16ToFloat } from '@nativert/core';

describe('Tensor', () => {
  it('reads a strided view in row-major order', () => {
    const t = Tensor.fromNumbers('float32', [2, 3], [1, 2, 3, 4, 5, 6]);
    const tr = t.asStrided([3, 2], [1, 3]);
    expect(Array.from(tr.toFloat64())).to.deep.equal([1, 4, 2, 5, 3, 6]);
    expect(tr.isContiguous()).to.equal(false);
    expect(Array.from(tr.contiguous().toFloat64())).to.deep.equal([1, 4, 2, 5, 3, 6]);
  });

  it('converts to int64 and bool as PyTorch casts do', () => {
    expect(Array.from(Tensor.fromNumbers('int64', [3], [1.7, -1.7, 3]).toFloat64())).to.deep.equal([1, -1, 3]);
    expect(Array.from(Tensor.fromNumbers('bool', [3], [0, -2, 0.5]).toFloat64())).to.deep.equal([0, 1, 1]);
  });

  it('rounds float16 and bfloat16 to nearest even', () => {
    expect(halfToFloat(floatToHalf(1 + 2 ** -11))).to.equal(1);
    expect(halfToFloat(floatToHalf(65504))).to.equal(65504);
    expect(halfToFloat(floatToHalf(1e6))).to.equal(Infinity);
    expect(halfToFloat(floatToHalf(2 ** -24))).to.equal(2 ** -24);
    expect(bf16ToFloat(floatToBf16(1 + 2 ** -8))).to.equal(1);
    expect(Number.isNaN(bf16ToFloat(floatToBf16(NaN)))).to.equal(true);
  });
});
