import { expect } from 'chai';
import type { DiscoveryEnv } from '@nativert/cuda';
import {
  blasOperand, coalesceDims, collapseBatch, compileCacheKey, elementwiseSlots, elementwiseSource, KERNEL_LIBRARY_SOURCE,
  libraryCandidates, linkerDirs, searchDirs, sizeClass, windowOut,
} from '@nativert/cuda';

/** A fake host: `files` exist, folders list their direct children, `texts` are readable. */
function fakeHost(files: string[], env: Record<string, string> = {}, texts: Record<string, string> = {}): DiscoveryEnv {
  const all = new Set(files);
  return {
    env,
    exists: (p) => all.has(p) || files.some((f) => f.startsWith(`${p}/`)),
    listDir: (p) => [...new Set(files.filter((f) => f.startsWith(`${p}/`)).map((f) => f.slice(p.length + 1).split('/')[0]!))],
    readFile: (p) => texts[p],
    home: '/home/u',
  };
}

describe('cuda: library discovery', () => {
  it('puts NATIVERT_CUDA_LIB_DIR first, then PyTorch nvidia/*/lib, then linker folders, then bare sonames', () => {
    const host = fakeHost(
      ['/opt/x/libcublas.so.12', '/usr/local/lib/python3.12/dist-packages/nvidia/cu13/lib/libcublas.so.13', '/usr/lib/x86_64-linux-gnu/libcuda.so.1'],
      { NATIVERT_CUDA_LIB_DIR: '/opt/x' },
    );
    const cublas = libraryCandidates('cublas', host).paths;
    // .so.13 is preferred over .so.12 whatever the folder; the override folder leads within a name.
    expect(cublas[0]).to.equal('/usr/local/lib/python3.12/dist-packages/nvidia/cu13/lib/libcublas.so.13');
    expect(cublas[1]).to.equal('/opt/x/libcublas.so.12');
    expect(cublas.slice(-3)).to.deep.equal(['libcublas.so.13', 'libcublas.so.12', 'libcublas.so']);
    expect(libraryCandidates('cuda', host).paths[0]).to.equal('/usr/lib/x86_64-linux-gnu/libcuda.so.1');
    const dirs = searchDirs(host);
    expect(dirs[0]).to.equal('/opt/x');
    expect(dirs.indexOf('/usr/local/lib/python3.12/dist-packages/nvidia/cu13/lib')).to.be.lessThan(dirs.indexOf('/usr/lib/x86_64-linux-gnu'));
  });

  it('reads /etc/ld.so.conf includes like ldconfig does', () => {
    const host = fakeHost(['/etc/ld.so.conf.d/cuda.conf', '/etc/ld.so.conf.d/other.txt'], {}, {
      '/etc/ld.so.conf': 'include /etc/ld.so.conf.d/*.conf\n/extra/lib # comment\n',
      '/etc/ld.so.conf.d/cuda.conf': '/usr/local/cuda-13.0/targets/x86_64-linux/lib\n',
      '/etc/ld.so.conf.d/other.txt': '/not/included\n',
    });
    const dirs = linkerDirs(host);
    expect(dirs).to.include('/usr/local/cuda-13.0/targets/x86_64-linux/lib');
    expect(dirs).to.include('/extra/lib');
    expect(dirs).to.not.include('/not/included');
  });
});

describe('cuda: kernel source generation', () => {
  it('generates a strided, broadcasting elementwise kernel with one argument slot per field', () => {
    const spec = { expr: 'a0 + s0 * a1', inputs: ['float', 'float'] as const, out: 'float' as const, rank: 2, scalars: 1 };
    const src = elementwiseSource({ ...spec, inputs: [...spec.inputs] });
    expect(src).to.contain('extern "C" __global__ void ew(const Args p)');
    expect(src).to.contain('out[o] = (float)(a0 + s0 * a1);');
    // n, out, 2 inputs, shape[2], 3 stride lists of 2, 1 scalar
    expect(elementwiseSlots({ inputs: ['float', 'float'], rank: 2, scalars: 1 })).to.equal(2 + 2 + 2 + 6 + 1);
    expect(src).to.contain('const float s0 = P_F(12);');
    expect(src).to.not.contain('#include');
  });

  it('keeps raw element types for copies of non-float tensors', () => {
    const src = elementwiseSource({ expr: 'a0', inputs: ['u64'], out: 'u64', rank: 1, scalars: 0, raw: true });
    expect(src).to.contain('const u64 a0 = (u64)in0[o0];');
  });

  it('has every fixed kernel the ops launch', () => {
    for (const k of ['softmax_rows', 'attn_softmax', 'layer_norm_rows', 'sum_rows', 'embedding_rows', 'im2col', 'conv2d_direct', 'pool2d']) {
      expect(KERNEL_LIBRARY_SOURCE).to.contain(`extern "C" __global__ void ${k}(const Args p)`);
    }
  });
});

describe('cuda: loop and GEMM planning', () => {
  it('coalesces contiguous same-shape operands to rank 1 and keeps broadcast dims apart', () => {
    expect(coalesceDims({ shape: [2, 3, 4], strides: [[12, 4, 1], [12, 4, 1]] })).to.deep.equal({ shape: [24], strides: [[1], [1]] });
    // bias [4] broadcast over [2, 3, 4]: the two leading dims merge (stride 0 in both), the last stays.
    expect(coalesceDims({ shape: [2, 3, 4], strides: [[12, 4, 1], [0, 0, 1]] })).to.deep.equal({ shape: [6, 4], strides: [[4, 1], [0, 1]] });
    expect(coalesceDims({ shape: [1, 5], strides: [[5, 1], [5, 1]] })).to.deep.equal({ shape: [5], strides: [[1], [1]] });
  });

  it('maps row-major and transposed matrices to cuBLAS operands, and refuses gapped ones', () => {
    expect(blasOperand(3, 4, 4, 1)).to.deep.equal({ op: 0, ld: 4 });
    expect(blasOperand(4, 3, 1, 4)).to.deep.equal({ op: 1, ld: 4 });
    expect(blasOperand(3, 4, 8, 2)).to.equal(null);
    expect(collapseBatch([2, 3], [12, 4])).to.equal(4);
    expect(collapseBatch([2, 3], [0, 0])).to.equal(0);
    expect(collapseBatch([2, 3], [4, 12])).to.equal(null);
  });

  it('computes pooling/conv output sizes as PyTorch 2.13 does (F.max_pool2d/F.conv2d shapes), ceil mode included', () => {
    expect(windowOut(32, 3, 1, 1, 1)).to.equal(32);
    expect(windowOut(112, 3, 2, 1, 1)).to.equal(56);
    expect(windowOut(5, 2, 2, 0, 1, true)).to.equal(3);
    expect(windowOut(6, 3, 3, 1, 1, true)).to.equal(3);
  });

  it('rounds pool sizes to classes', () => {
    expect(sizeClass(1)).to.equal(512);
    expect(sizeClass(513)).to.equal(1024);
    expect(sizeClass((1 << 20) + 1)).to.equal((1 << 20) + (1 << 17));
  });
});

describe('cuda: compile cache keys', () => {
  const base = { source: 'x', options: ['--gpu-architecture=sm_90'], arch: 'sm_90', nvrtcVersion: '13.0' };
  it('is stable and changes with source, options, arch and NVRTC version', () => {
    const k = compileCacheKey(base);
    expect(k).to.match(/^[0-9a-f]{64}$/);
    expect(compileCacheKey({ ...base })).to.equal(k);
    for (const other of [{ ...base, source: 'y' }, { ...base, options: ['-O2'] }, { ...base, arch: 'sm_80' }, { ...base, nvrtcVersion: '12.8' }]) {
      expect(compileCacheKey(other)).to.not.equal(k);
    }
    // Length prefixes: moving a character between fields gives another key.
    expect(compileCacheKey({ ...base, source: 'xs', arch: 'm_90' })).to.not.equal(k);
  });
});
