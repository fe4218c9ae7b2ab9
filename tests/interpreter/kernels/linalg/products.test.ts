import { Tensor } from '@nativert/core';
import { expect } from 'chai';
import { expectClose, ramp, runOp } from './run-op.js';

describe('interpreter linalg: matrix products', () => {
  it('matmul [2,3,4] @ [4,5] folds the batch (torch.matmul(ramp([2,3,4]), ramp([4,5])))', () => {
    expectClose(runOp('aten.matmul.default', { self: ramp([2, 3, 4]), other: ramp([4, 5]) }), [2, 3, 5],
      [0.3125, -0.0625, 0.4375, 0.0625, 0.125, 0.4375, 0.625, -0.0625, 0.125, -1.0, 0.125, 0.0, 0.3125, 0.1875, 0.0625, 0.25, 0.25, -1.0625, -1.0625, 0.25, -0.0625, 0.0625, 0.1875, 0.3125, 0.0, -0.8125, -1.0, 0.125, -0.0625, 0.625]);
  });

  it('matmul broadcasts batch dims [3,1,2,4] @ [2,4,3]', () => {
    expectClose(runOp('aten.matmul.default', { self: ramp([3, 1, 2, 4]), other: ramp([2, 4, 3]) }), [3, 2, 2, 3],
      [0.375, 0.4375, 0.0625, 0.5625, -0.5625, -0.375, -0.1875, -0.5625, 0.375, 0.625, 0.8125, 0.5625, 0.3125, 0.1875, 0.0625, -0.8125, 0.5, 0.5, -0.3125, -0.4375, 0.3125, 0.0625, 0.0625, -0.8125, 0.25, -0.0625, 0.0625, -0.875, -0.1875, -0.375, -0.4375, -0.3125, 0.25, 0.8125, 0.625, -0.875]);
  });

  it('dot, mv and vector @ matrix drop the vector dims', () => {
    expectClose(runOp('aten.dot.default', { self: ramp([5]), tensor: ramp([5], 0.5) }), [], [1.875]);
    expectClose(runOp('aten.mv.default', { self: ramp([3, 5]), vec: ramp([5]) }), [3], [0.9375, -0.625, -0.4375]);
    expectClose(runOp('aten.matmul.default', { self: ramp([5]), other: ramp([5, 2]) }), [2], [0.5, 0.1875]);
  });

  it('addmm with beta/alpha broadcasts self (torch.addmm(ramp([3],0.1), ramp([2,4]), ramp([4,3]), beta=0.5, alpha=2))', () => {
    expectClose(runOp('aten.addmm.default', { self: ramp([3], 0.1), mat1: ramp([2, 4]), mat2: ramp([4, 3]), beta: { float: 0.5 }, alpha: 2 }), [2, 3],
      [0.6000000238418579, 0.7749999761581421, 0.07500000298023224, 0.9750000238418579, -1.225000023841858, -0.800000011920929]);
  });

  it('linear reads weight transposed through strides and adds the bias', () => {
    expectClose(runOp('aten.linear.default', { input: ramp([2, 3, 4]), weight: ramp([6, 4]), bias: ramp([6], 0.1) }), [2, 3, 6],
      [0.574999988079071, -0.824999988079071, 0.4000000059604645, -0.5625, 0.22499999403953552, 0.13750000298023224, -0.925000011920929, 1.2374999523162842, -0.5375000238418579, 0.3125, -0.15000000596046448, -0.17499999701976776, 0.19999998807907104, -0.637499988079071, 0.2750000059604645, -0.5625, 0.3499999940395355, -0.04999999701976776, -0.862500011920929, 0.11249999701976776, -0.6625000238418579, 1.625, -0.4625000059604645, 0.512499988079071, -0.17500001192092896, -0.44999998807907104, 0.15000000596046448, -0.5625, 0.4749999940395355, -0.23749999701976776, -0.36250001192092896, -0.574999988079071, -0.3499999940395355, 0.3125, -0.3375000059604645, 1.6375000476837158]);
  });

  it('baddbmm, addbmm and outer', () => {
    expectClose(runOp('aten.baddbmm.default', { self: ramp([1, 2, 3]), batch1: ramp([2, 2, 4]), batch2: ramp([2, 4, 3]), beta: 2, alpha: { float: 0.5 } }), [2, 2, 3],
      [-1.3125, -0.78125, -0.46875, 0.28125, 0.21875, 0.8125, -1.65625, -1.21875, -0.34375, 0.03125, 0.53125, 0.59375]);
    expectClose(runOp('aten.addbmm.default', { self: ramp([2, 3]), batch1: ramp([2, 2, 4]), batch2: ramp([2, 4, 3]) }), [2, 3],
      [-0.6875, -0.5, 0.125, 0.625, -0.25, -0.6875]);
    expectClose(runOp('aten.outer.default', { self: ramp([3]), vec2: ramp([2], 0.5) }), [3, 2], [1.125, 0.75, 0.75, 0.5, 0.375, 0.25]);
  });

  it('mm of int64 stays int64 and exact (torch.arange(6).reshape(2,3) @ torch.arange(6).reshape(3,2))', () => {
    const a = Tensor.fromNumbers('int64', [2, 3], [0, 1, 2, 3, 4, 5]), b = Tensor.fromNumbers('int64', [3, 2], [0, 1, 2, 3, 4, 5]);
    const out = runOp('aten.mm.default', { self: a, mat2: b }) as Tensor;
    expect(out.dtype).to.equal('int64');
    expect([...out.toFloat64()]).to.deep.equal([10, 13, 28, 40]);
  });

  it('mm rejects mismatched inner dims naming both shapes', () => {
    expect(() => runOp('aten.mm.default', { self: ramp([2, 3]), mat2: ramp([4, 2]) })).to.throw(/\[2, 3\] and \[4, 2\]/);
  });
});
