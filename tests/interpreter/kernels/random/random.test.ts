// Random kernels cannot match PyTorch's numbers (a graph carries no seed), so these check what can
// fail: shapes, dtypes, ranges, moments of a large sample, permutations, and per-node determinism.
import { Tensor } from '@nativert/core';
import { expect } from 'chai';
import { runKernel } from '../shape/run-kernel.js';

/** Mean and variance of `t`'s values. */
function moments(t: Tensor): { mean: number; variance: number; min: number; max: number } {
  const v = t.toFloat64();
  let s = 0, s2 = 0, min = Infinity, max = -Infinity;
  for (const x of v) {
    s += x;
    s2 += x * x;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  const mean = s / v.length;
  return { mean, variance: s2 / v.length - mean * mean, min, max };
}

describe('random kernels', () => {
  const N = 200_000;

  it('rand: float32 by default, uniform on [0, 1): mean 1/2, variance 1/12', () => {
    const t = runKernel('aten.rand.default', [['size', [400, 500]]]) as Tensor;
    expect(t.dtype).to.equal('float32');
    expect([...t.shape]).to.deep.equal([400, 500]);
    const m = moments(t);
    expect(m.min).to.be.at.least(0);
    expect(m.max).to.be.below(1);
    // Standard error of the mean is sqrt(1/12/N) ~ 6.5e-4: 5e-3 is far outside chance.
    expect(Math.abs(m.mean - 0.5)).to.be.below(5e-3);
    expect(Math.abs(m.variance - 1 / 12)).to.be.below(2e-3);
  });

  it('rand honours dtype (float64, float16) and rejects integer dtypes', () => {
    const t = runKernel('aten.rand.default', [['size', [1000]], ['dtype', null]]) as Tensor;
    expect(t.dtype).to.equal('float32');
    const h = runKernel('aten.rand_like.default', [['self', Tensor.zeros('float16', [3, 4])]]) as Tensor;
    expect(h.dtype).to.equal('float16');
    expect([...h.shape]).to.deep.equal([3, 4]);
    const m = moments(h);
    expect(m.min).to.be.at.least(0);
    expect(m.max).to.be.at.most(1);
    expect(() => runKernel('aten.rand_like.default', [['self', Tensor.zeros('int64', [2])]])).to.throw(/floating point dtype/);
  });

  it('randn: standard normal: mean 0, variance 1, symmetric tails', () => {
    const t = runKernel('aten.randn.default', [['size', [N]]]) as Tensor;
    expect(t.dtype).to.equal('float32');
    const m = moments(t);
    expect(Math.abs(m.mean)).to.be.below(0.012);
    expect(Math.abs(m.variance - 1)).to.be.below(0.02);
    const v = t.toFloat64();
    // P(|z| > 1.96) = 0.05
    const tail = v.filter((x) => Math.abs(x) > 1.96).length / v.length;
    expect(Math.abs(tail - 0.05)).to.be.below(0.003);
  });

  it('randn of odd size and of zero size', () => {
    expect((runKernel('aten.randn.default', [['size', [3, 3]]]) as Tensor).toFloat64().every((x) => Number.isFinite(x))).to.equal(true);
    expect((runKernel('aten.randn.default', [['size', [0, 4]]]) as Tensor).numel).to.equal(0);
  });

  it('randperm: int64 permutation of 0..n-1, not the identity', () => {
    const t = runKernel('aten.randperm.default', [['n', 1000]]) as Tensor;
    expect(t.dtype).to.equal('int64');
    const v = [...t.toFloat64()];
    expect([...v].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 1000 }, (_, i) => i));
    expect(v.filter((x, i) => x === i).length).to.be.below(10);
    expect((runKernel('aten.randperm.default', [['n', 0]]) as Tensor).numel).to.equal(0);
  });

  it('randperm: no order left (index correlation near 0), and a node replays its stream from its name', () => {
    const n = 20_000;
    const v = (runKernel('aten.randperm.default', [['n', n]]) as Tensor).toFloat64();
    let cov = 0;
    const mid = (n - 1) / 2;
    v.forEach((x, i) => { cov += (x - mid) * (i - mid); });
    const corr = cov / n / ((n * n - 1) / 12);
    // Standard error of a rank correlation is 1/sqrt(n) ~ 0.007.
    expect(Math.abs(corr)).to.be.below(0.035);
    // runKernel builds a fresh node with the same name: the stream restarts, as on reloading a program.
    const again = (runKernel('aten.randperm.default', [['n', n]]) as Tensor).toFloat64();
    expect([...again]).to.deep.equal([...v]);
  });

  it('randint: values in [low, high), int64 by default, roughly uniform', () => {
    const t = runKernel('aten.randint.low', [['low', -3], ['high', 5], ['size', [N]]]) as Tensor;
    expect(t.dtype).to.equal('int64');
    const m = moments(t);
    expect(m.min).to.equal(-3);
    expect(m.max).to.equal(4);
    expect(Math.abs(m.mean - 0.5)).to.be.below(0.03);
  });
});
