// AOTInductor CUDA packages (`torch-2.11/*.aoti_cuda.pt2`) with no libtorch: what can be checked
// on any host (imports covered by the shim, NEEDED names met by the shim, its stubs or the driver,
// device and compute-capability checks), and, on a GPU host, each package against PyTorch's
// outputs. GPU cases skip with the reason when CUDA is unavailable.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ConformanceCase } from '@nativert/core';
import { ModelRunner, NativertError, flattenTree, loadSafetensors, readManifest, runCase } from '@nativert/core';
import aoti, {
  SHIM_PATH, STUB_LIBRARIES, checkBlobRunsHere, cudaRuntimeUnavailableReason, findShimGaps, getAotiBlob, hostCpuFlags,
  loadAotiPackage, loadCudaRuntime, loadShim, readElfDynamic,
} from '@nativert/aoti';
import { CORPUS_211 } from './corpus-paths.js';

const NAMES = ['cnn_small', 'bert_tiny', 'mlp_kwargs_dict'];

function caseOf(name: string): ConformanceCase {
  const dir = CORPUS_211!;
  return { name, ir: 'aoti', archive: `${dir}/${name}.aoti_cuda.pt2`, io: `${dir}/${name}.io.safetensors`, manifest: `${dir}/${name}.json` };
}

async function blobOf(name: string) {
  const model = await loadAotiPackage(caseOf(name).archive, { allowNativeCode: true });
  return getAotiBlob(model.entries, 'model', model.source);
}

describe('aoti plugin: AOTInductor CUDA packages', function () {
  this.timeout(120_000);
  before(function () {
    const missing = CORPUS_211 === undefined ? ['the torch-2.11 corpus'] : NAMES.filter((n) => !existsSync(caseOf(n).archive));
    if (missing.length > 0) {
      console.log(`    skipped the AOTI CUDA cases: missing ${missing.join(', ')}`);
      this.skip();
    }
  });

  for (const name of NAMES) {
    it(`${name}: every shim function it imports is in the shim; every NEEDED library is the shim, a stub, the driver or the system's`, async () => {
      const blob = await blobOf(name);
      expect(blob.metadata['AOTI_DEVICE_KEY']).to.equal('cuda');
      expect(blob.cubins.length).to.be.greaterThan(0);
      const elf = readElfDynamic(blob.so.bytes, name);
      expect(elf.needed).to.include.members(['libtorch.so', 'libtorch_cpu.so', 'libtorch_cuda.so', 'libcuda.so.1']);
      expect(elf.imports).to.include.members(['aoti_torch_create_cuda_stream_guard', 'aoti_torch_device_type_cuda', 'cudaMalloc']);
      expect(findShimGaps(blob, loadShim().exports, name)).to.deep.equal({ missingSymbols: [], foreignLibraries: [] });
    });
  }

  it('the stubs carry the libtorch SONAMEs a CUDA package needs, and export nothing of libtorch', function () {
    for (const [soname, path] of Object.entries(STUB_LIBRARIES)) {
      expect(readElfDynamic(readFileSync(path), path).exports).to.deep.equal(['nativert_aoti_stub_library']);
      let dynamic: string;
      try {
        dynamic = execFileSync('readelf', ['-d', path], { encoding: 'utf8' });
      } catch {
        console.log('    (readelf absent: SONAME not checked)');
        continue;
      }
      expect(dynamic).to.contain(`Library soname: [${soname}]`);
    }
  });

  it('checks the device: no CUDA, another compute capability, and ISA extensions only CPU kernels use', async () => {
    const blob = await blobOf('mlp_kwargs_dict');
    // The base ISA this CPU has, so that only the device checks can refuse.
    const isa = hostCpuFlags().has('avx512f') ? 'AVX512' : 'AVX2';
    const cuda = { ...blob, metadata: { ...blob.metadata, AOTI_CPU_ISA: `${isa} AVX512_VNNI AMX_TILE` } };
    expect(() => checkBlobRunsHere(cuda, 'a.pt2', () => ({ reason: 'no GPU in this test' }))).to.throw(NativertError, 'CUDA is unavailable here: no GPU in this test');
    expect(() => checkBlobRunsHere(cuda, 'a.pt2', () => ({ computeCapability: '80' }))).to.throw(NativertError, 'compiled for compute capability 90 (sm_90), this GPU is 80');
    expect(checkBlobRunsHere(cuda, 'a.pt2', () => ({ computeCapability: '90' }))).to.equal('cuda');
    if (!hostCpuFlags().has('amx_tile')) {
      expect(() => checkBlobRunsHere({ ...cuda, metadata: { ...cuda.metadata, AOTI_DEVICE_KEY: 'cpu' } }, 'a.pt2')).to.throw(NativertError, 'this CPU lacks');
    }
  });

  describe('on a GPU', function () {
    before(function () {
      const reason = cudaRuntimeUnavailableReason();
      if (reason !== undefined) {
        console.log(`    skipped the GPU runs of the AOTI CUDA packages: ${reason}`);
        this.skip();
      }
      const rt = loadCudaRuntime();
      console.log(`    CUDA runtime ${rt.cudartPath}, cuBLAS ${rt.cublasPath ?? 'not found (GEMMs through the host)'}, ${rt.deviceCount} device(s), compute capability ${rt.computeCapability}`);
    });

    for (const name of NAMES) {
      it(`${name}.aoti_cuda.pt2 matches PyTorch within the manifest tolerances`, async () => {
        const c = caseOf(name);
        const model = await loadAotiPackage(c.archive, { allowNativeCode: true });
        const runner = await ModelRunner.load(model, { delegates: [aoti], allowNativeCode: true, strict: true });
        try {
          expect(runner.partitionReport.delegates.map((d) => d.delegate)).to.deep.equal(['aoti']);
          const io = await loadSafetensors(c.io);
          const manifest = readManifest(c.manifest);
          const results = await runCase(c, manifest, io, runner, (v) => flattenTree(model.program.outSpec, v));
          for (const r of results) {
            console.log(`      ${r.name}: ${r.status}, max abs err ${r.maxAbsErr}, first run ${r.ms.toFixed(2)} ms`);
            expect(r.status, `${r.name}: ${r.error ?? ''}`).to.equal('pass');
          }
          // Steady state: the same inputs again, host -> GPU -> host included.
          const args = manifest.args.map((k) => io.get(k)!);
          const kwargs = Object.fromEntries(manifest.kwargs.map((k) => [k, io.get(`kw.${k}`)!]));
          const ms: number[] = [];
          for (let i = 0; i < 20; i++) {
            const t0 = performance.now();
            await runner.run(args, kwargs);
            ms.push(performance.now() - t0);
          }
          ms.sort((a, b) => a - b);
          console.log(`      ${name}: median ${ms[10]!.toFixed(3)} ms per run over 20 runs (inputs and outputs copied)`);
        } finally {
          await runner.dispose();
        }
      });
    }

    it('/proc/self/maps holds no libtorch: only the shim and its stubs carry libtorch names', () => {
      const mapped = new Set(readFileSync('/proc/self/maps', 'utf8').split('\n').map((l) => l.split(/\s+/)[5] ?? '').filter((p) => p.startsWith('/')));
      // The OpenMP runtime the shim needs may come from a PyTorch wheel's folder when it is on
      // LD_LIBRARY_PATH (as on the GPU host): it is GNU libgomp, not libtorch.
      const torchish = [...mapped].filter((p) => /^lib(torch|c10)/.test(basename(p)) || (p.includes('site-packages/torch') && !/^libgomp/.test(basename(p)))).sort();
      console.log(`      libtorch-named mappings: ${torchish.join(', ')}; OpenMP: ${[...mapped].filter((p) => /libgomp/.test(p)).join(', ')}`);
      expect(torchish).to.deep.equal([SHIM_PATH, ...Object.values(STUB_LIBRARIES)].sort());
    });
  });
});
