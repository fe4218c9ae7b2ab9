// item / _local_scalar_dense; expected values from torch 2.13: torch.tensor([7]).item() == 7,
// torch.tensor(2.5).item() == 2.5, torch.tensor([True]).item() is True.
import { NativertError, Tensor } from '@nativert/core';
import { expect } from 'chai';
import { runOp } from '../linalg/run-op.js';

describe('elementwise: item and _local_scalar_dense', () => {
  it('returns the single element as a number, a bool tensor as a boolean', () => {
    expect(runOp('aten.item.default', { self: Tensor.fromNumbers('int64', [1], [7]) })).to.equal(7);
    expect(runOp('aten._local_scalar_dense.default', { self: Tensor.scalar('float32', 2.5) })).to.equal(2.5);
    expect(runOp('aten.item.default', { self: Tensor.fromNumbers('bool', [1, 1], [1]) })).to.equal(true);
    const view = Tensor.fromNumbers('float64', [3], [1, 2, 3]).asStrided([1], [1], 2);
    expect(runOp('aten.item.default', { self: view })).to.equal(3);
  });

  it('rejects a tensor of several elements, naming its shape', () => {
    expect(() => runOp('aten.item.default', { self: Tensor.zeros('float32', [2]) })).to.throw(NativertError, /shape \[2\]/);
  });
});
