import { gemm, nativeAddon } from '@nativert/interpreter';
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';

/**
 * `regions` back-to-back 2-thread GEMMs big enough to use the pool, each adding A·B (ones times
 * ones: k per entry) into C: every entry ends at regions·k only when every part ran exactly once.
 */
function pooledGemmWorks(regions = 1): boolean {
  const m = 96, n = 96, k = 96;
  const a = new Float32Array(m * k).fill(1), b = new Float32Array(k * n).fill(1), c = new Float32Array(m * n);
  for (let r = 0; r < regions; r++) {
    gemm(m, n, k, { data: a, offset: 0, rowStride: k, colStride: 1 }, { data: b, offset: 0, rowStride: n, colStride: 1 },
      { data: c, offset: 0, ld: n }, { beta: 1, threads: 2 });
  }
  return c.every((v) => v === regions * k);
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

  it('runs every part of back-to-back regions exactly once', () => {
    expect(pooledGemmWorks(400)).to.equal(true);
  });

  it('runs 2-thread kernels after a child process was spawned', () => {
    expect(pooledGemmWorks()).to.equal(true);
    expect(spawnSync(process.execPath, ['-e', '0']).status).to.equal(0);
    expect(pooledGemmWorks()).to.equal(true);
  });
});
