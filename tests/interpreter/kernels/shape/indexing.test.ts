import { Tensor } from '@nativert/core';
import { expect } from 'chai';
import { arange, expectTensor, runKernel } from './run-kernel.js';

const i64 = (shape: number[], v: number[]) => Tensor.fromNumbers('int64', shape, v);
const f32 = (shape: number[], v: number[]) => Tensor.fromNumbers('float32', shape, v);

describe('shape kernels: indexing', () => {
  const x = arange([2, 3, 4]);

  it('index.Tensor puts broadcast indices first when separated by a slice', () => {
    // x = torch.arange(24.).reshape(2,3,4); x[torch.tensor([[0],[1]]), :, torch.tensor([1,3])]
    const got = runKernel('aten.index.Tensor', [['self', x], ['indices', { opt: [i64([2, 1], [0, 1]), null, i64([2], [1, 3])] }]]);
    expectTensor(got, [2, 2, 3], [1, 5, 9, 3, 7, 11, 13, 17, 21, 15, 19, 23]);
  });

  it('index.Tensor keeps adjacent indexed dims in place, wraps negatives, and expands bool masks', () => {
    // x[:, torch.tensor([2,0]), torch.tensor([-1,1])]
    expectTensor(runKernel('aten.index.Tensor', [['self', x], ['indices', { opt: [null, i64([2], [2, 0]), i64([2], [-1, 1])] }]]), [2, 2], [11, 1, 23, 13]);
    // x[torch.tensor([[True,False,True],[False,True,False]])]
    const mask = Tensor.fromNumbers('bool', [2, 3], [1, 0, 1, 0, 1, 0]);
    expectTensor(runKernel('aten.index.Tensor', [['self', x], ['indices', { opt: [mask] }]]), [3, 4], [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19]);
    expect(() => runKernel('aten.index.Tensor', [['self', x], ['indices', { opt: [i64([1], [2])] }]])).to.throw(/out of bounds/);
  });

  it('index_put accumulates duplicates; index_put_ writes through a view', () => {
    // torch.ops.aten.index_put(torch.zeros(5), [torch.tensor([0,2,0,4])], torch.tensor([1.,2.,3.,4.]), True)
    expectTensor(runKernel('aten.index_put.default', [['self', Tensor.zeros('float32', [5])], ['indices', { opt: [i64([4], [0, 2, 0, 4])] }], ['values', f32([4], [1, 2, 3, 4])], ['accumulate', true]]),
      [5], [4, 0, 2, 0, 4]);
    const base = Tensor.zeros('float32', [2, 3]);
    const row = runKernel('aten.select.int', [['self', base], ['dim', 0], ['index', 1]]) as Tensor;
    runKernel('aten.index_put_.default', [['self', row], ['indices', { opt: [i64([1], [2])] }], ['values', f32([], [9])]]);
    expectTensor(base, [2, 3], [0, 0, 0, 0, 0, 9]);
  });

  it('scatter_reduce mean/amax with and without self, integer mean rounds down, scatter multiply', () => {
    const s = f32([2, 3], [1, 2, 3, 4, 5, 6]);
    const idx = i64([2, 3], [0, 1, 0, 1, 1, 0]);
    const src = f32([2, 3], [10, 20, 30, 40, 50, 60]);
    const run = (reduce: string, dim: number, self: Tensor, source: Tensor, includeSelf: boolean) =>
      runKernel('aten.scatter_reduce.two', [['self', self], ['dim', dim], ['index', idx], ['src', source], ['reduce', reduce], ['include_self', includeSelf]]);
    // s.scatter_reduce(0, idx, src, 'mean', include_self=False) / default / amax on dim 1
    expectTensor(run('mean', 0, s, src, false), [2, 3], [10, 2, 45, 40, 35, 6]);
    expectTensor(run('mean', 0, s, src, true), [2, 3], [5.5, 2, 31, 22, 25, 6]);
    expectTensor(run('amax', 1, s, src, false), [2, 3], [30, 20, 3, 60, 50, 6]);
    // si = [[1,2,3],[4,5,6]]; si.scatter_reduce(0, idx, si*7, 'mean')
    expectTensor(run('mean', 0, i64([2, 3], [1, 2, 3, 4, 5, 6]), i64([2, 3], [7, 14, 21, 28, 35, 42]), true), [2, 3], [4, 2, 22, 16, 18, 6], 'int64');
    // torch.ops.aten.scatter.value_reduce(s, 1, idx, 2.0, reduce='multiply')
    expectTensor(runKernel('aten.scatter.value_reduce', [['self', s], ['dim', 1], ['index', idx], ['value', { float: 2 }], ['reduce', 'multiply']]), [2, 3], [4, 4, 3, 8, 20, 6]);
  });

  it('index_add (alpha), index_copy, index_fill, take_along_dim', () => {
    const ones = Tensor.fromNumbers('float32', [3, 2], [1, 1, 1, 1, 1, 1]);
    // torch.ops.aten.index_add(torch.ones(3,2), 0, torch.tensor([2,0,2]), torch.tensor([[1.,2.],[3.,4.],[5.,6.]]), alpha=2)
    expectTensor(runKernel('aten.index_add.default', [['self', ones], ['dim', 0], ['index', i64([3], [2, 0, 2])], ['source', f32([3, 2], [1, 2, 3, 4, 5, 6])], ['alpha', 2]]), [3, 2], [7, 9, 1, 1, 13, 17]);
    expectTensor(runKernel('aten.index_copy.default', [['self', ones], ['dim', 1], ['index', i64([1], [1])], ['source', f32([3, 1], [7, 8, 9])]]), [3, 2], [1, 7, 1, 8, 1, 9]);
    expectTensor(runKernel('aten.index_fill.int_Scalar', [['self', ones], ['dim', 1], ['index', i64([1], [0])], ['value', -1.5]]), [3, 2], [-1.5, 1, -1.5, 1, -1.5, 1]);
    // torch.take_along_dim(torch.tensor([[10.,30.,20.],[60.,40.,50.]]), torch.tensor([[0],[2]]), dim=1)
    expectTensor(runKernel('aten.take_along_dim.default', [['self', f32([2, 3], [10, 30, 20, 60, 40, 50])], ['indices', i64([2, 1], [0, 2])], ['dim', 1]]), [2, 1], [10, 50]);
  });

  it('searchsorted (batched, right, sorter) and bucketize (int32)', () => {
    const seq = f32([2, 4], [1, 3, 5, 7, 2, 4, 6, 8]), v = f32([2, 2], [3, 6, 1, 9]);
    // torch.searchsorted(seq, v) / right=True
    expectTensor(runKernel('aten.searchsorted.Tensor', [['sorted_sequence', seq], ['self', v]]), [2, 2], [1, 3, 0, 4], 'int64');
    expectTensor(runKernel('aten.searchsorted.Tensor', [['sorted_sequence', seq], ['self', v], ['right', true]]), [2, 2], [2, 3, 0, 4]);
    // torch.searchsorted(torch.tensor([5.,1.,3.]), torch.tensor([3.,4.,0.]), sorter=torch.tensor([1,2,0]), side='right')
    expectTensor(runKernel('aten.searchsorted.Tensor', [['sorted_sequence', f32([3], [5, 1, 3])], ['self', f32([3], [3, 4, 0])], ['side', 'right'], ['sorter', i64([3], [1, 2, 0])]]), [3], [2, 2, 0]);
    // torch.bucketize(torch.tensor([[1.,5.],[7.5,0.]]), torch.tensor([1.,5.,7.]), right=True)
    expectTensor(runKernel('aten.bucketize.Tensor', [['self', f32([2, 2], [1, 5, 7.5, 0])], ['boundaries', f32([3], [1, 5, 7])], ['right', true], ['out_int32', true]]), [2, 2], [1, 2, 3, 0], 'int32');
  });

  it('masked_scatter, one_hot, nonzero and where(condition)', () => {
    // torch.masked_scatter(torch.zeros(2,3), torch.tensor([True,False,True]), torch.arange(1.,7.).reshape(2,3))
    expectTensor(runKernel('aten.masked_scatter.default', [['self', Tensor.zeros('float32', [2, 3])], ['mask', Tensor.fromNumbers('bool', [3], [1, 0, 1])], ['source', f32([2, 3], [1, 2, 3, 4, 5, 6])]]),
      [2, 3], [1, 0, 2, 3, 0, 4]);
    expectTensor(runKernel('aten.one_hot.default', [['self', i64([2], [2, 0])]]), [2, 3], [0, 0, 1, 1, 0, 0], 'int64');
    const m = Tensor.fromNumbers('bool', [2, 2], [0, 1, 1, 1]);
    expectTensor(runKernel('aten.nonzero.default', [['self', m]]), [3, 2], [0, 1, 1, 0, 1, 1], 'int64');
    const w = runKernel('aten.where.default', [['condition', m]]) as Tensor[];
    expect(w.map((t) => [...t.toFloat64()])).to.deep.equal([[0, 1, 1], [1, 0, 1]]);
  });

  it('embedding_dense_backward sums rows by index, skipping padding_idx or scaling by frequency', () => {
    const g = arange([3, 2]), idx = i64([3], [1, 0, 1]);
    // torch.ops.aten.embedding_dense_backward(torch.arange(6.).reshape(3,2), torch.tensor([1,0,1]), 3, 0, False) and (..., 3, -1, True)
    expectTensor(runKernel('aten.embedding_dense_backward.default', [['grad_output', g], ['indices', idx], ['num_weights', 3], ['padding_idx', 0], ['scale_grad_by_freq', false]]), [3, 2], [0, 0, 4, 6, 0, 0]);
    expectTensor(runKernel('aten.embedding_dense_backward.default', [['grad_output', g], ['indices', idx], ['num_weights', 3], ['padding_idx', -1], ['scale_grad_by_freq', true]]), [3, 2], [2, 3, 2, 3, 0, 0]);
  });
});
