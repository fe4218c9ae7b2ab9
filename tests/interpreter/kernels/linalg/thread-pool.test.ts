import { gemm, nativeAddon } from '@nativert/interpreter';
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';

// A 2-thread GEMM big enough to use the pool: every entry of C is k (ones times ones).
function pooledGemmWorks(): boolean {
  const m = 96, n = 96, k = 96;
  const a = new Float32Array(m * k).fill(1), b = new Float32Array(k * n).fill(1), c = new Float32Array(m * n);
  gemm(m, n, k, { data: a, offset: 0, rowStride: k, colStride: 1 }, { data: b, offset: 0, rowStride: n, colStride: 1 },
    { data: c, offset: 0, ld: n }, { threads: 2 });
  return c.every((v) => v === k);
}

describe('interpreter native: worker pool', () => {
  before(function () {
    if (nativeAddon() === null) this.skip();
  });

  for (const parts of [2, 4]) {
    it(`a forked child runs parallel regions after the parent's workers started (${parts} parts)`, () => {
      expect(nativeAddon()!.poolForkCheck(parts, 5000), '3 = the child hung').to.equal(0);
    });
  }

  it('runs 2-thread kernels after a child process was spawned', () => {
    expect(pooledGemmWorks()).to.equal(true);
    expect(spawnSync(process.execPath, ['-e', '0']).status).to.equal(0);
    expect(pooledGemmWorks()).to.equal(true);
  });
});
