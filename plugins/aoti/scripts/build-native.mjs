#!/usr/bin/env node
// Builds the AOTI shim: `npm run build:native -w @nativert/aoti`. Needs only g++ (C++17) and the
// system libgomp (OpenMP); no CUDA (the shim dlopens the CUDA runtime and cuBLAS at run time).
// Output: build/shim/libtorch_cpu.so, whose SONAME is libtorch_cpu.so so that a model .so's NEEDED
// entry resolves to it once it is loaded first (RTLD_GLOBAL), and the empty stubs
// build/shim/libtorch.so and libtorch_cuda.so for the other names CUDA models need. Rebuilds only
// when a source is newer than the library.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const native = join(pkg, 'native');
// The shared CPU kernels (@nativert/cpu-kernels): GEMM, attention and their epilogues.
const kernelsDir = join(dirname(createRequire(import.meta.url).resolve('@nativert/cpu-kernels/package.json')), 'src');
const outDir = join(pkg, 'build/shim');
const target = join(outDir, 'libtorch_cpu.so');
const stubSource = join(native, 'stub/torch-stub.cc');
const stubs = ['libtorch.so', 'libtorch_cuda.so'];
const objDir = join(pkg, 'build/obj');
const cxx = process.env.CXX ?? 'g++';

const own = readdirSync(native).filter((f) => f.endsWith('.cc')).map((f) => join(native, f));
// parallel.h's RunParts comes from the shim itself, over OpenMP (native/run-parts.cc).
// elementwise.cc: the GEMM's fused activation epilogue (ApplyUnary); norm.cc: attention's softmax.
const shared = ['gemm-f32.cc', 'gemm-f64.cc', 'elementwise.cc', 'norm.cc', 'attention.cc'].map((f) => join(kernelsDir, f));
const headers = [native, kernelsDir].flatMap((dir) =>
  readdirSync(dir).filter((f) => f.endsWith('.h')).map((f) => join(dir, f)),
);
const sources = [...own, ...shared];

const mtime = (p) => statSync(p).mtimeMs;
const outputs = [target, ...stubs.map((s) => join(outDir, s))];
const inputs = [...sources, ...headers, stubSource, fileURLToPath(import.meta.url)];
if (outputs.every((o) => existsSync(o) && inputs.every((p) => mtime(p) <= mtime(o)))) {
  process.exit(0);
}
mkdirSync(outDir, { recursive: true });
mkdirSync(objDir, { recursive: true });
// -fopenmp: the shim's parallel regions run on the OpenMP team the model's kernels use (the
// system's libgomp, which every AOTInductor CPU .so needs anyway).
const common = ['-std=c++17', '-O2', '-fopenmp', '-fPIC', '-fvisibility=hidden', '-Wall', '-Wextra', '-Wno-unused-parameter',
  `-I${kernelsDir}`];
const objects = sources.map((src) => {
  const obj = join(objDir, src.slice(src.lastIndexOf('/') + 1).replace(/\.cc$/, '.o'));
  // Sleef_*f8/d4 take and return __m256 in ymm registers: that file needs the AVX ABI.
  const isa = src.endsWith('sleef.cc') ? ['-mavx2', '-mfma'] : [];
  const args = [...common, ...isa, '-c', src, '-o', obj];
  process.stdout.write(`${cxx} ${args.join(' ')}\n`);
  execFileSync(cxx, args, { stdio: 'inherit' });
  return obj;
});
const link = ['-shared', '-Wl,-soname,libtorch_cpu.so', '-o', target, ...objects, '-fopenmp', '-lpthread', '-ldl', '-lm'];
process.stdout.write(`${cxx} ${link.join(' ')}\n`);
execFileSync(cxx, link, { stdio: 'inherit' });
for (const stub of stubs) {
  const args = [...common.filter((f) => f !== '-fopenmp'), '-shared', `-Wl,-soname,${stub}`, '-o', join(outDir, stub), stubSource];
  process.stdout.write(`${cxx} ${args.join(' ')}\n`);
  execFileSync(cxx, args, { stdio: 'inherit' });
}
