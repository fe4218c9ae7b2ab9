import type { Tensor } from '@nativert/core';
import { expect } from 'chai';
import { fixtureCase } from './fixture-cases.js';
import type { OpArg } from './run-op.js';
import { expectClose, runOp } from './run-op.js';

function check(got: unknown, want: Tensor, rtol = 1e-4, atol = 1e-5): void {
  expect((got as Tensor).dtype).to.equal(want.dtype);
  expectClose(got, [...want.shape], want.toFloat64(), rtol, atol);
}

function conv(caseName: string, op: string, args: Record<string, OpArg>, rtol?: number, atol?: number): void {
  const c = fixtureCase(caseName);
  const bias = ['groups', 'transpose', 'f16', 'depthwise', 'blocks'].some((part) => caseName.includes(part));
  check(runOp(op, { input: c.input('input'), weight: c.input('weight'), bias: bias ? c.input('bias') : null, ...args }), c.outputs[0]!, rtol, atol);
}

describe('interpreter linalg: convolutions (fixtures from torch.nn.functional)', () => {
  it('conv3d with groups, stride, padding, dilation and bias', () => conv('conv3d_groups', 'aten.conv3d.default', { stride: [1, 2, 1], padding: [1, 0, 2], dilation: [2, 1, 1], groups: 2 }));
  it("conv1d with padding='same' and dilation 2 (asymmetric pad)", () => conv('conv1d_same', 'aten.conv1d.padding', { padding: 'same', dilation: [2] }));
  it('conv_transpose1d with groups, stride, padding, output_padding, dilation', () =>
    conv('conv_transpose1d', 'aten.conv_transpose1d.default', { stride: [3], padding: [1], output_padding: [1], groups: 2, dilation: [2] }));
  it('conv_transpose3d through aten.convolution', () =>
    conv('conv_transpose3d', 'aten.convolution.default', { stride: [2, 2, 2], padding: [1, 1, 1], dilation: [1, 1, 1], transposed: true, output_padding: [0, 0, 0], groups: 1 }));
  it('conv2d in float16 computes in float32 and rounds once', () => conv('conv2d_f16', 'aten.conv2d.default', { padding: [1, 1] }, 1e-3, 1e-2));
  it('conv2d in float64, depthwise with channel multiplier 2', () => conv('conv2d_f64_dw_mult2', 'aten.conv2d.default', { stride: [2, 2], padding: [1, 1], groups: 3 }, 1e-12, 1e-12));
  it('conv2d depthwise direct path with dilation', () => conv('conv2d_depthwise', 'aten.conv2d.default', { padding: [2, 2], dilation: [2, 2], groups: 3 }));
  it('conv2d depthwise on short rows (channel-last blocks of 64 + 6 channels, stride 2, 5x5)', () =>
    conv('conv2d_depthwise_blocks', 'aten.conv2d.default', { stride: [2, 2], padding: [2, 2], groups: 70 }));
  it('conv2d depthwise plane kernel, stride 2 (both column phases)', () =>
    conv('conv2d_depthwise_plane_s2', 'aten.conv2d.default', { stride: [2, 2], padding: [1, 1], groups: 4 }));
  it('conv2d 3x3 over im2col blocks that start mid-row', () => conv('conv2d_pixel_blocks', 'aten.conv2d.default', { padding: [1, 1] }));
  it('conv2d 1x1 of 1x1 planes (matrix-vector path), grouped', () =>
    conv('conv2d_groups_gemv', 'aten.conv2d.default', { groups: 2 }));
  it('conv2d on an unbatched input', () => conv('conv2d_unbatched', 'aten.conv2d.default', { stride: [2, 2] }));
  it('names both shapes when channels do not fit', () => {
    const x = fixtureCase('conv_transpose1d').input('input'), w = fixtureCase('conv1d_same').input('weight');
    expect(() => runOp('aten.conv1d.default', { input: x, weight: w })).to.throw(/input \[2, 4, 6\] with 4 channels does not fit weight \[4, 3, 4\]/);
  });
});

describe('interpreter linalg: recurrent layers (fixtures from torch.ops.aten.*.input)', () => {
  const flags = (layers: number, bidir: boolean, batchFirst: boolean, bias = true): Record<string, OpArg> =>
    ({ has_biases: bias, num_layers: layers, dropout: { float: 0 }, train: false, bidirectional: bidir, batch_first: batchFirst });
  const rnn = (name: string, op: string, f: Record<string, OpArg>, lstm: boolean): void => {
    const c = fixtureCase(name);
    const hx = c.inputs('hx');
    const got = runOp(op, { input: c.input('input'), hx: lstm ? hx : hx[0]!, params: c.inputs('params'), ...f }) as Tensor[];
    expect(got.length).to.equal(c.outputs.length);
    c.outputs.forEach((w, i) => check(got[i], w));
  };
  it('lstm: 2 layers, bidirectional, batch_first -> (output, h_n, c_n)', () => rnn('lstm_bidir', 'aten.lstm.input', flags(2, true, true), true));
  it('lstm with proj_size', () => rnn('lstm_proj', 'aten.lstm.input', flags(1, false, false), true));
  it('gru: 2 layers, bidirectional', () => rnn('gru_bidir', 'aten.gru.input', flags(2, true, false), false));
  it('rnn_tanh without biases', () => rnn('rnn_tanh_nobias', 'aten.rnn_tanh.input', flags(1, false, false, false), false));
  it('rnn_relu: 2 layers, batch_first', () => rnn('rnn_relu_2layer', 'aten.rnn_relu.input', flags(2, false, true), false));
});
