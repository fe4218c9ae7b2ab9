import type { Argument, Node, ValueInfo } from '@nativert/core';
import { ErrorCode, Graph, NativertError, Tensor } from '@nativert/core';
import { expect } from 'chai';
import { expectTensor, runKernel } from './run-kernel.js';

const f32 = (shape: number[], v: number[]) => Tensor.fromNumbers('float32', shape, v);
const t = (name: string): Argument => ({ kind: 'tensor', name });
const node = (name: string, target: string, inputs: [string, Argument][], outputs: Argument[]): Node =>
  ({ name, target, inputs: inputs.map(([n, arg]) => ({ name: n, arg, kwOnly: false })), outputs, metadata: {} });
const graph = (inputs: Argument[], outputs: Argument[], nodes: Node[]) => new Graph(inputs, outputs, nodes, new Map<string, ValueInfo>());

/** A graph whose output is `size(a, 0) < limit` (sym_size then _operator.lt). */
function sizeBelow(limit: number, extraInputs: Argument[] = []): Graph {
  return graph([t('a'), ...extraInputs], [{ kind: 'sym_bool', value: { kind: 'name', name: 'lt' } }], [
    node('sym_size', 'aten.sym_size.int', [['self', t('a')], ['dim', { kind: 'int', value: 0 }]], [{ kind: 'sym_int', value: { kind: 'name', name: 's' } }]),
    node('lt', '_operator.lt', [['a', { kind: 'sym_int', value: { kind: 'name', name: 's' } }], ['b', { kind: 'int', value: limit }]], [{ kind: 'sym_bool', value: { kind: 'name', name: 'lt' } }]),
  ]);
}

describe('shape kernels: symbolic ops, runtime checks, control flow', () => {
  it('Python operators follow Python semantics (floor division, modulo sign, true division)', () => {
    const op = (target: string, ...xs: (number | boolean)[]) => runKernel(target, xs.map((x) => ['', { sym: x }]));
    // operator.floordiv(-7,2), operator.mod(-7,3), operator.mod(7,-3), operator.truediv(1,2)
    expect(op('_operator.floordiv', -7, 2)).to.equal(-4);
    expect(op('_operator.mod', -7, 3)).to.equal(2);
    expect(op('_operator.mod', 7, -3)).to.equal(-2);
    expect(op('_operator.truediv', 1, 2)).to.equal(0.5);
    expect(op('_operator.and_', 6, 3)).to.equal(2);
    expect(op('_operator.pow', 2, 10)).to.equal(1024);
    expect(op('_operator.ge', 3, 3)).to.equal(true);
    expect(op('math.ceil', 2.1)).to.equal(3);
    expect(op('torch.sym_max', 3, 5)).to.equal(5);
    expect(op('torch.sym_ite', false, 1, 2)).to.equal(2);
    expect(op('torch.sym_not', true)).to.equal(false);
  });

  it('_assert_scalar throws AssertionFailed with the exporter message; metadata and range checks', () => {
    const msg = "Runtime assertion failed for expression u0 <= 36 on node 'le'";
    expect(runKernel('aten._assert_scalar.default', [['self', { sym: true }], ['assert_msg', msg]])).to.deep.equal([]);
    try {
      runKernel('aten._assert_scalar.default', [['self', { sym: false }], ['assert_msg', msg]]);
      expect.fail('no error');
    } catch (e) {
      expect(e).to.be.instanceOf(NativertError);
      expect((e as NativertError).code).to.equal(ErrorCode.AssertionFailed);
      expect((e as Error).message).to.contain(msg);
    }
    const x = f32([2, 3], [0, 0, 0, 0, 0, 0]);
    expect(() => runKernel('aten._assert_tensor_metadata.default', [['a', x], ['size', [2, 3]]])).not.to.throw();
    expect(() => runKernel('aten._assert_tensor_metadata.default', [['a', x], ['size', [3, 2]]])).to.throw(/expected sizes \[3, 2\], given \[2, 3\]/);
    expect(() => runKernel('aten.sym_constrain_range_for_size.default', [['size', -1]])).to.throw(/outside the constrained range/);
    expect(runKernel('aten.sym_size.int', [['self', x], ['dim', -1]])).to.equal(3);
    expect(runKernel('aten.sym_numel.default', [['self', x]])).to.equal(6);
  });

  it('cond runs the branch the predicate picks', () => {
    const flip = graph([t('x')], [t('f')], [node('flip', 'aten.flip.default', [['self', t('x')], ['dims', { kind: 'ints', values: [0] }]], [t('f')])]);
    const same = graph([t('x')], [t('c')], [node('clone', 'aten.clone.default', [['self', t('x')]], [t('c')])]);
    const x = f32([2, 2], [1, 2, 3, 4]);
    const run = (p: boolean) => runKernel('higher_order.cond', [['', Tensor.fromNumbers('bool', [], [p ? 1 : 0])], ['', { graph: flip }], ['', { graph: same }], ['', [x]]]) as Tensor[];
    // torch.tensor([[1.,2.],[3.,4.]]).flip(0)
    expectTensor(run(true)[0], [2, 2], [3, 4, 1, 2]);
    expectTensor(run(false)[0], [2, 2], [1, 2, 3, 4]);
  });

  it('while_loop iterates body until cond is false, with carried and additional inputs', () => {
    const grow = graph([t('a')], [t('c')], [
      node('sl', 'aten.slice.Tensor', [['self', t('a')], ['dim', { kind: 'int', value: 0 }], ['start', { kind: 'int', value: 0 }], ['end', { kind: 'int', value: 1 }]], [t('sl')]),
      node('cat', 'aten.cat.default', [['tensors', { kind: 'tensors', names: ['a', 'sl'] }]], [t('c')]),
    ]);
    // x = torch.tensor([3.,4.]); while x.size(0) < 5: x = torch.cat([x, x[0:1]])
    const out = runKernel('higher_order.while_loop', [['', { graph: sizeBelow(5) }], ['', { graph: grow }], ['', [f32([2], [3, 4])]], ['', []]]) as Tensor[];
    expectTensor(out[0], [5], [3, 4, 3, 3, 3]);
    const append = graph([t('a'), t('y')], [t('c')], [node('cat', 'aten.cat.default', [['tensors', { kind: 'tensors', names: ['a', 'y'] }]], [t('c')])]);
    // a = torch.tensor([1.]); y = torch.tensor([7.]); while a.size(0) < 4: a = torch.cat([a, y])
    const out2 = runKernel('higher_order.while_loop', [['', { graph: sizeBelow(4, [t('y')]) }], ['', { graph: append }], ['', [f32([1], [1])]], ['', [f32([1], [7])]]]) as Tensor[];
    expectTensor(out2[0], [4], [1, 7, 7, 7]);
  });
});
