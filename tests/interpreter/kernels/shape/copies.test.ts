import { Tensor } from '@nativert/core';
import { expect } from 'chai';
import { arange, expectTensor, runKernel } from './run-kernel.js';

const f32 = (shape: number[], v: number[]) => Tensor.fromNumbers('float32', shape, v);
const i64 = (shape: number[], v: number[]) => Tensor.fromNumbers('int64', shape, v);

describe('shape kernels: copies, pads, repeats', () => {
  const p = arange([1, 3, 4]);

  it('pad modes: reflect, circular, replicate, reflection_pad2d and cropping constant pads', () => {
    // p = torch.arange(12.).reshape(1,3,4); F.pad(p, (2,1), mode='reflect')
    expectTensor(runKernel('aten.pad.default', [['self', p], ['pad', [2, 1]], ['mode', 'reflect']]), [1, 3, 7],
      [2, 1, 0, 1, 2, 3, 2, 6, 5, 4, 5, 6, 7, 6, 10, 9, 8, 9, 10, 11, 10]);
    // F.pad(p, (1,2), mode='circular')
    expectTensor(runKernel('aten.pad.default', [['self', p], ['pad', [1, 2]], ['mode', 'circular']]), [1, 3, 7],
      [3, 0, 1, 2, 3, 0, 1, 7, 4, 5, 6, 7, 4, 5, 11, 8, 9, 10, 11, 8, 9]);
    // torch.ops.aten.replication_pad1d(p, [2,1])
    expectTensor(runKernel('aten.replication_pad1d.default', [['self', p], ['padding', [2, 1]]]), [1, 3, 7],
      [0, 0, 0, 1, 2, 3, 3, 4, 4, 4, 5, 6, 7, 7, 8, 8, 8, 9, 10, 11, 11]);
    // torch.ops.aten.reflection_pad2d(p, [1,1,2,0])
    expectTensor(runKernel('aten.reflection_pad2d.default', [['self', p], ['padding', [1, 1, 2, 0]]]), [1, 5, 6],
      [9, 8, 9, 10, 11, 10, 5, 4, 5, 6, 7, 6, 1, 0, 1, 2, 3, 2, 5, 4, 5, 6, 7, 6, 9, 8, 9, 10, 11, 10]);
    // torch.ops.aten.constant_pad_nd(p, [-1,2,1,-2], 9.)
    expectTensor(runKernel('aten.constant_pad_nd.default', [['self', p], ['pad', [-1, 2, 1, -2]], ['value', { float: 9 }]]), [1, 2, 5], [9, 9, 9, 9, 9, 1, 2, 3, 9, 9]);
  });

  it('repeat_interleave, tile, roll, pixel_unshuffle', () => {
    // torch.repeat_interleave(torch.tensor([[1,2],[3,4]]), torch.tensor([1,2]), dim=0)
    expectTensor(runKernel('aten.repeat_interleave.self_Tensor', [['self', i64([2, 2], [1, 2, 3, 4])], ['repeats', i64([2], [1, 2])], ['dim', 0]]), [3, 2], [1, 2, 3, 4, 3, 4]);
    // torch.repeat_interleave(torch.tensor([2,0,1]))
    expectTensor(runKernel('aten.repeat_interleave.Tensor', [['repeats', i64([3], [2, 0, 1])]]), [3], [0, 0, 2], 'int64');
    // torch.tile(torch.tensor([1,2]), (2,2))
    expectTensor(runKernel('aten.tile.default', [['self', i64([2], [1, 2])], ['dims', [2, 2]]]), [2, 4], [1, 2, 1, 2, 1, 2, 1, 2]);
    // torch.roll(torch.arange(6).reshape(2,3), (1,-1), (0,1)) and torch.roll(..., 2)
    expectTensor(runKernel('aten.roll.default', [['self', arange([2, 3], 'int64')], ['shifts', [1, -1]], ['dims', [0, 1]]]), [2, 3], [4, 5, 3, 1, 2, 0]);
    expectTensor(runKernel('aten.roll.default', [['self', arange([2, 3], 'int64')], ['shifts', [2]]]), [2, 3], [4, 5, 0, 1, 2, 3]);
    // torch.pixel_unshuffle(torch.arange(16.).reshape(1,1,4,4), 2)
    expectTensor(runKernel('aten.pixel_unshuffle.default', [['self', arange([1, 1, 4, 4])], ['downscale_factor', 2]]), [1, 4, 2, 2],
      [0, 2, 8, 10, 1, 3, 9, 11, 4, 6, 12, 14, 5, 7, 13, 15]);
  });

  it('diff (n=2 with prepend, bool), tril/triu, tril_ in place', () => {
    // torch.diff(torch.tensor([[1.,4.,9.,16.],[2.,3.,5.,7.]]), n=2, dim=1, prepend=torch.tensor([[0.],[1.]]))
    expectTensor(runKernel('aten.diff.default', [['self', f32([2, 4], [1, 4, 9, 16, 2, 3, 5, 7])], ['n', 2], ['dim', 1], ['prepend', f32([2, 1], [0, 1])]]), [2, 3], [2, 2, 2, 0, 1, 0]);
    expectTensor(runKernel('aten.diff.default', [['self', Tensor.fromNumbers('bool', [4], [1, 0, 0, 1])]]), [3], [1, 0, 1], 'bool');
    const m = Tensor.fromNumbers('float32', [3, 4], Array.from({ length: 12 }, (_, i) => i + 1));
    // torch.tril(torch.arange(1.,13.).reshape(3,4), -1); torch.triu(..., 1)
    expectTensor(runKernel('aten.tril.default', [['self', m], ['diagonal', -1]]), [3, 4], [0, 0, 0, 0, 5, 0, 0, 0, 9, 10, 0, 0]);
    expectTensor(runKernel('aten.triu.default', [['self', m], ['diagonal', 1]]), [3, 4], [0, 2, 3, 4, 0, 0, 7, 8, 0, 0, 0, 12]);
    const r = runKernel('aten.tril_.default', [['self', m], ['diagonal', -1]]);
    expect(r).to.equal(m);
    expectTensor(m, [3, 4], [0, 0, 0, 0, 5, 0, 0, 0, 9, 10, 0, 0]);
  });

  it('cat promotes dtypes and skips legacy empty 1-d inputs; copy casts and broadcasts', () => {
    const c = runKernel('aten.cat.default', [['tensors', [i64([1, 2], [1, 2]), Tensor.zeros('float32', [0]), f32([1, 2], [0.5, 1.5])]], ['dim', 0]]);
    expectTensor(c, [2, 2], [1, 2, 0.5, 1.5], 'float32');
    const dst = Tensor.zeros('int32', [2, 3]);
    const t = runKernel('aten.transpose.int', [['self', dst], ['dim0', 0], ['dim1', 1]]) as Tensor;
    runKernel('aten.copy_.default', [['self', t], ['src', f32([2], [1.9, -2.7])]]);
    // torch.zeros(2,3,dtype=torch.int32).t().copy_(torch.tensor([1.9,-2.7])) -> base [[1,1,1],[-2,-2,-2]]
    expectTensor(dst, [2, 3], [1, 1, 1, -2, -2, -2], 'int32');
  });
});
