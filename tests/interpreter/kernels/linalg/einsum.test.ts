import type { Tensor } from '@nativert/core';
import { expect } from 'chai';
import { fixtureCase } from './fixture-cases.js';
import { expectClose, ramp, runOp } from './run-op.js';

function einsum(caseName: string, equation: string): void {
  const c = fixtureCase(caseName);
  const want = c.outputs[0]!;
  expectClose(runOp('aten.einsum.default', { equation, tensors: c.inputs('tensors') }), [...want.shape], want.toFloat64(), 1e-4, 1e-5);
}

describe('interpreter linalg: einsum and tensordot (fixtures from torch.einsum / torch.tensordot)', () => {
  it("three operands 'bij,jk,bk->bi'", () => einsum('einsum_chain', 'bij,jk,bk->bi'));
  it("diagonal under an ellipsis '...ii->...i'", () => einsum('einsum_diag_ellipsis', '...ii->...i'));
  it("broadcast ellipsis batch dims '...ij,...jk->...ik'", () => einsum('einsum_broadcast', '...ij,...jk->...ik'));
  it("full contraction to 0-d 'ij,ji->'", () => einsum('einsum_trace_outer', 'ij,ji->'));
  it("sums a label of one operand 'ibk,kj->ij'", () => einsum('einsum_sum_out', 'ibk,kj->ij'));
  it('implicit output orders free labels alphabetically (torch.einsum("ba", x) is x.T)', () => {
    const x = ramp([2, 3]);
    const got = runOp('aten.einsum.default', { equation: 'ba', tensors: [x] }) as Tensor;
    expect([...got.shape]).to.deep.equal([3, 2]);
    expectClose(got, [3, 2], [-0.75, 0, -0.5, 0.25, -0.25, 0.5]);
  });
  it('tensordot over two dim pairs', () => {
    const c = fixtureCase('tensordot');
    const want = c.outputs[0]!;
    expectClose(runOp('aten.tensordot.default', { self: c.input('self'), other: c.input('other'), dims_self: [1, 2], dims_other: [1, 0] }),
      [...want.shape], want.toFloat64(), 1e-4, 1e-5);
  });
  it('rejects a subscript count that does not match the operand rank', () => {
    expect(() => runOp('aten.einsum.default', { equation: 'ij->i', tensors: [ramp([2, 3, 4])] })).to.throw(/name 2 dim\(s\), operand 0 has 3/);
  });
});
