// Evidence that AOTI models run with no libtorch: the process maps only the shim under a
// libtorch name, and the model .so's NEEDED libtorch_cpu.so resolves to it.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ModelRunner, flattenTree, loadSafetensors } from '@nativert/core';
import aoti, { SHIM_PATH, SHIM_SONAME, getAotiBlob, loadAotiPackage, readElfDynamic } from '@nativert/aoti';
import { CORPUS_213, corpusPresent } from './corpus-paths.js';

describe('aoti plugin: no libtorch', function () {
  this.timeout(60_000);
  before(function () {
    if (!corpusPresent('no-libtorch evidence')) this.skip();
  });

  it('the shim carries the SONAME the model .so needs', async () => {
    const model = await loadAotiPackage(`${CORPUS_213}/cnn_small.aoti_cpu.pt2`, { allowNativeCode: true });
    const elf = readElfDynamic(getAotiBlob(model.entries, 'model', model.source).so.bytes, 'cnn_small');
    expect(elf.needed).to.include(SHIM_SONAME);
    expect(elf.imports).to.include('aoti_torch_cpu_convolution');
    expect(readElfDynamic(readFileSync(SHIM_PATH), SHIM_PATH).exports).to.include.members(['aoti_torch_cpu_convolution', 'Sleef_expf8_u10']);
  });

  it('/proc/self/maps shows the shim and no libtorch or libc10 after running a model', async () => {
    const model = await loadAotiPackage(`${CORPUS_213}/cnn_small.aoti_cpu.pt2`, { allowNativeCode: true });
    const runner = await ModelRunner.load(model, { delegates: [aoti], allowNativeCode: true });
    try {
      const io = await loadSafetensors(`${CORPUS_213}/cnn_small.io.safetensors`);
      const out = flattenTree(model.program.outSpec, await runner.run([io.get('in.0')!]));
      expect(out).to.have.length(1);
    } finally {
      await runner.dispose();
    }
    const mapped = new Set(readFileSync('/proc/self/maps', 'utf8').split('\n').map((l) => l.split(/\s+/)[5] ?? '').filter((p) => p.startsWith('/')));
    expect([...mapped]).to.include(SHIM_PATH);
    const torchish = [...mapped].filter((p) => /^lib(torch|c10)/.test(basename(p)) || p.includes('site-packages/torch'));
    expect(torchish).to.deep.equal([SHIM_PATH]);
  });
});
