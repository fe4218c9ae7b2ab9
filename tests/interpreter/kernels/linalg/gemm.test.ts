import { gemm, nativeAddon } from '@nativert/interpreter';
import { expect } from 'chai';

// Straightforward triple loop in float64: the reference the blocked kernels must match.
function reference(m: number, n: number, k: number, a: Float32Array, rsa: number, csa: number, b: Float32Array, rsb: number, csb: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += a[i * rsa + p * csa]! * b[p * rsb + j * csb]!;
    c[i * n + j] = s;
  }
  return c;
}

function random(n: number, seed: number): Float32Array {
  let x = seed;
  return Float32Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648 - 0.5;
  });
}

describe('interpreter linalg: gemm', () => {
  it('uses the native addon on this machine', () => {
    expect(nativeAddon(), 'build it with npm run build:native -w @nativert/interpreter').to.not.equal(null);
  });

  for (const [m, n, k, ta, tb, threads] of [[1, 1, 1, false, false, 1], [7, 17, 5, false, false, 1], [37, 70, 300, true, false, 2],
    [150, 33, 129, false, true, 1], [6, 3100, 20, true, true, 2], [200, 5, 64, false, false, 2]] as const) {
    it(`matches a triple loop: m=${m} n=${n} k=${k} transA=${ta} transB=${tb} threads=${threads}`, () => {
      const a = random(m * k, m + 3 * k), b = random(k * n, n + 7 * k);
      const [rsa, csa] = ta ? [1, m] : [k, 1];
      const [rsb, csb] = tb ? [1, k] : [n, 1];
      const c = new Float32Array(m * n + 3).fill(Number.NaN);
      gemm(m, n, k, { data: a, offset: 0, rowStride: rsa, colStride: csa }, { data: b, offset: 0, rowStride: rsb, colStride: csb },
        { data: c, offset: 3, ld: n }, { threads });
      const want = reference(m, n, k, a, rsa, csa, b, rsb, csb);
      let worst = 0;
      for (let i = 0; i < m * n; i++) worst = Math.max(worst, Math.abs(c[3 + i]! - want[i]!));
      expect(worst).to.be.lessThan(1e-5 * Math.sqrt(k));
      expect(Number.isNaN(c[0]!)).to.equal(true);
    });
  }

  it('accumulates with beta and scales with alpha', () => {
    const a = Float32Array.of(1, 2, 3, 4), b = Float32Array.of(1, 0, 0, 1), c = Float32Array.of(10, 10, 10, 10);
    gemm(2, 2, 2, { data: a, offset: 0, rowStride: 2, colStride: 1 }, { data: b, offset: 0, rowStride: 2, colStride: 1 },
      { data: c, offset: 0, ld: 2 }, { alpha: 2, beta: 0.5 });
    expect([...c]).to.deep.equal([7, 9, 11, 13]);
  });

  it('refuses operands that leave their array', () => {
    const a = new Float32Array(4), c = new Float32Array(4);
    expect(() => gemm(2, 2, 3, { data: a, offset: 0, rowStride: 3, colStride: 1 }, { data: a, offset: 0, rowStride: 2, colStride: 1 },
      { data: c, offset: 0, ld: 2 })).to.throw(RangeError);
  });
});
