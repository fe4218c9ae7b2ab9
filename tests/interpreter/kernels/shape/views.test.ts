import { Tensor } from '@nativert/core';
import { expect } from 'chai';
import { arange, expectTensor, runKernel } from './run-kernel.js';

describe('shape kernels: views', () => {
  it('slice shares storage: copy_ into a slice is seen by the base', () => {
    const base = Tensor.zeros('float32', [3, 4]);
    const view = runKernel('aten.slice.Tensor', [['self', base], ['dim', 1], ['start', 1], ['end', -1]]) as Tensor;
    expect(view.storage).to.equal(base.storage);
    runKernel('aten.copy_.default', [['self', view], ['src', Tensor.fromNumbers('int64', [2], [5, 7])]]);
    expectTensor(base, [3, 4], [0, 5, 7, 0, 0, 5, 7, 0, 0, 5, 7, 0]);
  });

  it('view of a contiguous tensor aliases; reshape of a transposed one copies with the right order', () => {
    const x = arange([2, 3]);
    const v = runKernel('aten.view.default', [['self', x], ['size', [3, -1]]]) as Tensor;
    expect(v.storage).to.equal(x.storage);
    const t = runKernel('aten.t.default', [['self', x]]) as Tensor;
    // torch.arange(6.).reshape(2,3).t().reshape(6) -> [0, 3, 1, 4, 2, 5]
    expectTensor(runKernel('aten.reshape.default', [['self', t], ['shape', [6]]]), [6], [0, 3, 1, 4, 2, 5]);
  });

  it('select with a negative index, narrow, expand and squeeze/unsqueeze', () => {
    const x = arange([2, 3, 4]);
    expectTensor(runKernel('aten.select.int', [['self', x], ['dim', 2], ['index', -1]]), [2, 3], [3, 7, 11, 15, 19, 23]);
    expectTensor(runKernel('aten.narrow.default', [['self', x], ['dim', 1], ['start', 1], ['length', 1]]), [2, 1, 4], [4, 5, 6, 7, 16, 17, 18, 19]);
    const e = runKernel('aten.expand.default', [['self', arange([3, 1])], ['size', [2, -1, 2]]]) as Tensor;
    expect([...e.strides]).to.deep.equal([0, 1, 0]);
    expectTensor(e, [2, 3, 2], [0, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2]);
    expect([...(runKernel('aten.squeeze.dims', [['self', Tensor.zeros('float32', [1, 3, 1])], ['dim', [0, 1]]]) as Tensor).shape]).to.deep.equal([3, 1]);
    expect([...(runKernel('aten.unsqueeze.default', [['self', x], ['dim', -1]]) as Tensor).shape]).to.deep.equal([2, 3, 4, 1]);
  });

  it('diagonal (both offsets), unfold, movedim, as_strided', () => {
    const m = arange([3, 4]);
    // torch.arange(12.).reshape(3,4).diagonal(1) -> [1, 6, 11]; diagonal(-1) -> [4, 9]
    expectTensor(runKernel('aten.diagonal.default', [['self', m], ['offset', 1]]), [3], [1, 6, 11]);
    expectTensor(runKernel('aten.diagonal.default', [['self', m], ['offset', -1]]), [2], [4, 9]);
    // torch.arange(7.).unfold(0, 3, 2)
    expectTensor(runKernel('aten.unfold.default', [['self', arange([7])], ['dimension', 0], ['size', 3], ['step', 2]]), [3, 3], [0, 1, 2, 2, 3, 4, 4, 5, 6]);
    // torch.movedim(torch.zeros(2,3,4,5), [0,1], [3,0]).shape -> [3, 4, 5, 2]
    expect([...(runKernel('aten.movedim.intlist', [['self', Tensor.zeros('float32', [2, 3, 4, 5])], ['source', [0, 1]], ['destination', [3, 0]]]) as Tensor).shape]).to.deep.equal([3, 4, 5, 2]);
    expectTensor(runKernel('aten.as_strided.default', [['self', arange([6])], ['size', [2, 2]], ['stride', [1, 2]], ['storage_offset', 1]]), [2, 2], [1, 3, 2, 4]);
  });

  it('tensor_split by sections and indices, chunk and unbind', () => {
    const x = arange([7], 'int64');
    // torch.tensor_split(torch.arange(7), 3) -> [0,1,2], [3,4], [5,6]
    const s = runKernel('aten.tensor_split.sections', [['self', x], ['sections', 3]]) as Tensor[];
    expect(s.map((t) => [...t.toFloat64()])).to.deep.equal([[0, 1, 2], [3, 4], [5, 6]]);
    const i = runKernel('aten.tensor_split.indices', [['self', x], ['indices', [1, 5]]]) as Tensor[];
    expect(i.map((t) => [...t.toFloat64()])).to.deep.equal([[0], [1, 2, 3, 4], [5, 6]]);
    expect((runKernel('aten.chunk.default', [['self', x], ['chunks', 3]]) as Tensor[]).map((t) => t.numel)).to.deep.equal([3, 3, 1]);
    expect((runKernel('aten.unbind.int', [['self', arange([2, 3])], ['dim', 1]]) as Tensor[]).length).to.equal(3);
  });

  it('diag_embed and slice_scatter write into fresh copies', () => {
    // torch.diag_embed(torch.tensor([[1.,2.],[3.,4.]]), offset=1)
    expectTensor(runKernel('aten.diag_embed.default', [['self', Tensor.fromNumbers('float32', [2, 2], [1, 2, 3, 4])], ['offset', 1]]), [2, 3, 3],
      [0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0]);
    const base = Tensor.zeros('float32', [2, 4]);
    const out = runKernel('aten.slice_scatter.default', [['self', base], ['src', Tensor.fromNumbers('float32', [2, 2], [1, 2, 3, 4])], ['dim', 1], ['start', 0], ['end', null], ['step', 2]]);
    expectTensor(out, [2, 4], [1, 0, 2, 0, 3, 0, 4, 0]);
    expectTensor(base, [2, 4], [0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
