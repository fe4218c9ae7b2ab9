// embedding_bag variants and msort against torch 2.13 (CPU); each expected list was printed from
// the expression named beside it with
//   w = ((torch.arange(18) * 37) % 11 - 5).float().div(4).reshape(6, 3); w[4, 1] = nan
//   idx = torch.tensor([1, 2, 4, 5, 4, 3, 2, 0]); off = torch.tensor([0, 2, 2, 5])
import { NativertError, Tensor } from '@nativert/core';
import type { DType } from '@nativert/core';
import { expect } from 'chai';
import type { OpArg } from '../linalg/run-op.js';
import { runOp } from '../linalg/run-op.js';

const weight = (dtype: DType = 'float32'): Tensor => {
  const v = Array.from({ length: 18 }, (_, i) => (((i * 37) % 11) - 5) / 4);
  v[13] = NaN;
  return Tensor.fromNumbers(dtype, [6, 3], v);
};
const i64 = (v: number[]): Tensor => Tensor.fromNumbers('int64', [v.length], v);
const idx = (): Tensor => i64([1, 2, 4, 5, 4, 3, 2, 0]);
const off = (): Tensor => i64([0, 2, 2, 5]);
const N = null;

/** Asserts shapes and values of the four outputs (NaN where want is null; floats to 1e-6 relative). */
function expectBag(got: unknown, want: { shape: number[]; v: (number | null)[] }[]): void {
  const outs = got as Tensor[];
  expect(outs).to.have.length(4);
  outs.forEach((t, k) => {
    expect([...t.shape], `output ${k} shape`).to.deep.equal(want[k]!.shape);
    expect(t.dtype).to.equal(k === 0 ? t.dtype : 'int64');
    [...t.toFloat64()].forEach((g, i) => {
      const w = want[k]!.v[i]!;
      if (w === null) expect(Number.isNaN(g), `output ${k} element ${i}: got ${g}, want NaN`).to.equal(true);
      else expect(Math.abs(g - w), `output ${k} element ${i}: got ${g}, want ${w}`).to.be.at.most(1e-6 * Math.abs(w));
    });
  });
}

function bag(mode: number, pad: number, extra: Record<string, OpArg> = {}): unknown {
  return runOp('aten._embedding_bag.default', {
    weight: weight(), indices: idx(), offsets: off(), scale_grad_by_freq: false, mode, sparse: false,
    per_sample_weights: null, include_last_offset: false, padding_idx: pad, ...extra,
  });
}

describe('shape: embedding_bag and msort vs PyTorch', () => {
  it('sum: aten._embedding_bag(w, idx, off, False, 0, False, None, False, -1) and padding_idx 2', () => {
    expectBag(bag(0, -1), [
      { shape: [4, 3], v: [-1.75, 0.25, 2.25, 0, 0, 0, -0.5, N, -2.75, -2.5, 0.5, 0.75] },
      { shape: [0], v: [] }, { shape: [4], v: [0, 0, 0, 0] }, { shape: [4], v: [0, 0, 0, 0] },
    ]);
    expectBag(bag(0, 2), [
      { shape: [4, 3], v: [-1, 0, 1, 0, 0, 0, -0.5, N, -2.75, -1.75, 0.25, -0.5] },
      { shape: [8], v: [0, 0, 2, 2, 2, 3, 3, 3] }, { shape: [4], v: [0, 0, 0, 0] }, { shape: [4], v: [0, 0, 0, 0] },
    ]);
  });

  it('mean (mode 1), with and without padding_idx 2', () => {
    expectBag(bag(1, -1), [
      { shape: [4, 3], v: [-0.875, 0.125, 1.125, 0, 0, 0, -0.1666666716337204, N, -0.9166666865348816, -0.8333333134651184, 0.1666666716337204, 0.25] },
      { shape: [8], v: [0, 0, 2, 2, 2, 3, 3, 3] }, { shape: [4], v: [2, 0, 3, 3] }, { shape: [4], v: [2, 0, 3, 3] },
    ]);
    expectBag(bag(1, 2), [
      { shape: [4, 3], v: [-1, 0, 1, 0, 0, 0, -0.1666666716337204, N, -0.9166666865348816, -0.875, 0.125, -0.25] },
      { shape: [8], v: [0, 0, 2, 2, 2, 3, 3, 3] }, { shape: [4], v: [1, 0, 3, 2] }, { shape: [4], v: [1, 0, 3, 2] },
    ]);
  });

  it('max (mode 2): first of equal values, NaN kept once first, max_indices per column', () => {
    expectBag(bag(2, -1), [
      { shape: [4, 3], v: [-0.75, 0.25, 1.25, 0, 0, 0, 0, N, -0.75, -0.5, 0.5, 1.25] },
      { shape: [8], v: [0, 0, 2, 2, 2, 3, 3, 3] }, { shape: [4], v: [2, 0, 3, 3] }, { shape: [4, 3], v: [2, 2, 2, 0, 0, 0, 5, 4, 5, 3, 3, 2] },
    ]);
    expectBag(bag(2, 2), [
      { shape: [4, 3], v: [-1, 0, 1, 0, 0, 0, 0, N, -0.75, -0.5, 0.5, 0.75] },
      { shape: [8], v: [0, 0, 2, 2, 2, 3, 3, 3] }, { shape: [4], v: [1, 0, 3, 2] }, { shape: [4, 3], v: [1, 1, 1, 0, 0, 0, 5, 4, 5, 3, 3, 0] },
    ]);
  });

  it('include_last_offset, per_sample_weights, float64 weights', () => {
    expectBag(bag(0, -1, { offsets: i64([0, 2, 2, 5, 8]), include_last_offset: true }), [
      { shape: [4, 3], v: [-1.75, 0.25, 2.25, 0, 0, 0, -0.5, N, -2.75, -2.5, 0.5, 0.75] },
      { shape: [0], v: [] }, { shape: [4], v: [0, 0, 0, 0] }, { shape: [4], v: [0, 0, 0, 0] },
    ]);
    // psw = torch.tensor([0.5, -1, 2, 0.25, 1, 3, -0.5, 1.5])
    expectBag(bag(0, -1, { per_sample_weights: Tensor.fromNumbers('float32', [8], [0.5, -1, 2, 0.25, 1, 3, -0.5, 1.5]) }), [
      { shape: [4, 3], v: [0.25, -0.25, -0.75, 0, 0, 0, -0.75, N, -3.1875, -3, 1, -3.25] },
      { shape: [0], v: [] }, { shape: [4], v: [0, 0, 0, 0] }, { shape: [4], v: [0, 0, 0, 0] },
    ]);
    expectBag(bag(0, -1, { weight: weight('float64') }), [
      { shape: [4, 3], v: [-1.75, 0.25, 2.25, 0, 0, 0, -0.5, N, -2.75, -2.5, 0.5, 0.75] },
      { shape: [8], v: [0, 0, 2, 2, 2, 3, 3, 3] }, { shape: [4], v: [0, 0, 0, 0] }, { shape: [4], v: [0, 0, 0, 0] },
    ]);
  });

  it('embedding_bag.padding_idx wraps a negative padding_idx (-4 is row 2), mean', () => {
    const got = runOp('aten.embedding_bag.padding_idx', {
      weight: weight(), indices: idx(), offsets: off(), scale_grad_by_freq: false, mode: 1, sparse: false,
      per_sample_weights: null, include_last_offset: false, padding_idx: -4,
    });
    expectBag(got, [
      { shape: [4, 3], v: [-1, 0, 1, 0, 0, 0, -0.1666666716337204, N, -0.9166666865348816, -0.875, 0.125, -0.25] },
      { shape: [8], v: [0, 0, 2, 2, 2, 3, 3, 3] }, { shape: [4], v: [1, 0, 3, 2] }, { shape: [4], v: [1, 0, 3, 2] },
    ]);
  });

  it('rejects out-of-range indices and per_sample_weights outside sum mode', () => {
    expect(() => bag(0, -1, { indices: i64([0, 6]) , offsets: i64([0]) })).to.throw(NativertError, /index 6 is out of range/);
    expect(() => bag(1, -1, { per_sample_weights: Tensor.zeros('float32', [8]) })).to.throw(NativertError, /per_sample_weights/);
  });

  it('msort sorts along dim 0, NaN last (torch.msort)', () => {
    const x = Tensor.fromNumbers('float32', [4, 3], [3, 1, NaN, 1, 2, 0, 2, NaN, -1, 1, 0, 5]);
    const got = [...(runOp('aten.msort.default', { self: x }) as Tensor).toFloat64()];
    expect(got.map((v) => (Number.isNaN(v) ? 'nan' : v))).to.deep.equal([1, 0, -1, 1, 1, 0, 2, 2, 5, 3, 'nan', 'nan']);
    const ints = runOp('aten.msort.default', { self: Tensor.fromNumbers('int64', [3, 2], [3, 1, 1, 2, 2, -7]) }) as Tensor;
    expect(ints.dtype).to.equal('int64');
    expect([...ints.toFloat64()]).to.deep.equal([1, -7, 2, 1, 3, 2]);
  });
});
