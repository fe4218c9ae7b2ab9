// FFT kernels on lengths the difftest fixtures do not reach: long prime (Bluestein) and power-of-two
// lengths checked against a direct O(n^2) DFT, and a c2c round trip.
import { Tensor } from '@nativert/core';
import { expect } from 'chai';
import { runKernel } from '../shape/run-kernel.js';

/** Interleaved complex64 values of a complex tensor. */
function interleaved(t: Tensor): number[] {
  const real = runKernel('aten.view_as_real.default', [['self', t]]) as Tensor;
  return [...real.toFloat64()];
}

/** Direct DFT of a real signal, interleaved. */
function naiveDft(x: readonly number[]): number[] {
  const n = x.length, out: number[] = [];
  for (let k = 0; k < n; k++) {
    let re = 0, im = 0;
    for (let j = 0; j < n; j++) {
      const a = (-2 * Math.PI * ((j * k) % n)) / n;
      re += x[j]! * Math.cos(a);
      im += x[j]! * Math.sin(a);
    }
    out.push(re, im);
  }
  return out;
}

describe('spectral kernels', () => {
  for (const n of [1, 2, 97, 256, 1000]) {
    it(`_fft_r2c two-sided of length ${n} equals the direct DFT`, () => {
      const x = Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) + ((i * 7919) % 13) / 13);
      const got = interleaved(runKernel('aten._fft_r2c.default', [['self', Tensor.fromNumbers('float64', [n], x)], ['dim', [0]], ['normalization', 0], ['onesided', false]]) as Tensor);
      const want = naiveDft(x);
      got.forEach((g, i) => expect(Math.abs(g - want[i]!), `entry ${i}`).to.be.below(1e-9 * n));
    });
  }

  it('_fft_c2c forward then inverse by 1/n is the identity (length 210 = 2*3*5*7)', () => {
    const n = 210, vals = Array.from({ length: 2 * n }, (_, i) => Math.cos(i * 1.3));
    const c = runKernel('aten.view_as_complex.default', [['self', Tensor.fromNumbers('float64', [n, 2], vals)]]) as Tensor;
    const f = runKernel('aten._fft_c2c.default', [['self', c], ['dim', [0]], ['normalization', 0], ['forward', true]]) as Tensor;
    const b = runKernel('aten._fft_c2c.default', [['self', f], ['dim', [0]], ['normalization', 2], ['forward', false]]) as Tensor;
    expect(b.dtype).to.equal('complex128');
    interleaved(b).forEach((g, i) => expect(Math.abs(g - vals[i]!)).to.be.below(1e-12));
  });

  it('refuses float16 input with an error naming the argument', () => {
    expect(() => runKernel('aten._fft_r2c.default', [['self', Tensor.zeros('float16', [4])], ['dim', [0]], ['normalization', 0], ['onesided', true]])).to.throw(/'self'.*float16/);
  });
});
