// output_mask handling of the backward kernels (PyTorch returns undefined tensors for masked-off
// outputs, which its Python API cannot return, so the difftest fixtures cannot cover them).
import { Tensor } from '@nativert/core';
import { expect } from 'chai';
import { arange, expectTensor, runKernel } from '../shape/run-kernel.js';

describe('backward kernels: output_mask', () => {
  it('convolution_backward returns null for masked-off outputs and grad_bias as grad_output channel sums', () => {
    const go = arange([1, 2, 2, 2]), x = arange([1, 1, 3, 3]), w = arange([2, 1, 2, 2]);
    const common: [string, Tensor | number[] | boolean | number | null][] = [
      ['grad_output', go], ['input', x], ['weight', w], ['bias_sizes', [2]], ['stride', [1, 1]], ['padding', [0, 0]],
      ['dilation', [1, 1]], ['transposed', false], ['output_padding', [0, 0]], ['groups', 1],
    ];
    const r = runKernel('aten.convolution_backward.default', [...common, ['output_mask', [false, false, true]]] as never) as (Tensor | null)[];
    expect(r[0]).to.equal(null);
    expect(r[1]).to.equal(null);
    // torch: convolution_backward(arange(8.).reshape(1,2,2,2), arange(9.).reshape(1,1,3,3), arange(8.).reshape(2,1,2,2), [2], ..., [False,False,True])[2]
    expectTensor(r[2], [2], [6, 22]);
  });

  it('native_layer_norm_backward: grad_weight and grad_bias need weight and bias; masked outputs are null', () => {
    const g = arange([2, 3]), x = arange([2, 3]), mean = Tensor.fromNumbers('float32', [2, 1], [1, 4]), rstd = Tensor.fromNumbers('float32', [2, 1], [1, 1]);
    const r = runKernel('aten.native_layer_norm_backward.default', [
      ['grad_out', g], ['input', x], ['normalized_shape', [3]], ['mean', mean], ['rstd', rstd], ['weight', null], ['bias', null], ['output_mask', [true, true, true]],
    ] as never) as (Tensor | null)[];
    // torch.ops.aten.native_layer_norm_backward.default(x, x, [3], tensor([[1.],[4.]]), ones(2,1), None, None, [True,False,False])[0]
    // with x = torch.arange(6.).reshape(2,3)
    expectTensor(r[0], [2, 3], [-1 / 3, 0, 1 / 3, -1 / 3, 0, 1 / 3]);
    expect(r[1]).to.equal(null);
    expect(r[2]).to.equal(null);
  });

  it('native_group_norm_backward: only the requested outputs', () => {
    const x = arange([1, 2, 2]);
    const r = runKernel('aten.native_group_norm_backward.default', [
      ['grad_out', x], ['input', x], ['mean', Tensor.fromNumbers('float32', [1, 1], [1.5])], ['rstd', Tensor.fromNumbers('float32', [1, 1], [2])],
      ['weight', null], ['N', 1], ['C', 2], ['HxW', 2], ['group', 1], ['output_mask', [false, false, true]],
    ] as never) as (Tensor | null)[];
    expect(r[0]).to.equal(null);
    expect(r[1]).to.equal(null);
    // torch: native_group_norm_backward(x, x, [[1.5]], [[2.]], ones(2), 1, 2, 2, 1, [False,False,True])[2], x = arange(4.).reshape(1,2,2)
    expectTensor(r[2], [2], [1, 5]);
  });
});
