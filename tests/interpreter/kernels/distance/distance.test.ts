import { Tensor } from '@nativert/core';
import { expect } from 'chai';
import { expectTensor, runKernel } from '../shape/run-kernel.js';

describe('distance kernels', () => {
  it('cdist of empty row sets, and mismatched columns named in the error', () => {
    const r = runKernel('aten.cdist.default', [['x1', Tensor.zeros('float32', [0, 3])], ['x2', Tensor.zeros('float32', [2, 3])]]) as Tensor;
    expect([...r.shape]).to.deep.equal([0, 2]);
    expect(() => runKernel('aten.cdist.default', [['x1', Tensor.zeros('float32', [2, 3])], ['x2', Tensor.zeros('float32', [2, 4])]])).to.throw(/same number of columns/);
  });

  it('pdist of one row is empty; negative p is refused', () => {
    expectTensor(runKernel('aten.pdist.default', [['self', Tensor.zeros('float32', [1, 3])]]), [0], []);
    expect(() => runKernel('aten._pdist_forward.default', [['self', Tensor.zeros('float32', [3, 3])], ['p', -1.5]])).to.throw(/non-negative/);
  });
});
