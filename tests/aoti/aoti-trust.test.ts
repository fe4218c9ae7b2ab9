// Opt-in and refusal paths of the aoti plugin: no native code without allowNativeCode, no load
// when the shim lacks a function the .so imports, no blob built for another device or ISA.
import { expect } from 'chai';
import { ErrorCode, ModelRunner, NativertError, loadModel } from '@nativert/core';
import interpreter from '@nativert/interpreter';
import aoti, { checkBlobRunsHere, findShimGaps, getAotiBlob, loadAotiModel, loadAotiPackage, loadShim } from '@nativert/aoti';
import { CORPUS_213, corpusPresent } from './corpus-paths.js';
import { rejection } from '../support/rejection.js';


describe('aoti plugin: trust and refusals', function () {
  this.timeout(60_000);
  const mlp = `${CORPUS_213}/mlp_kwargs_dict.aoti_cpu.pt2`;
  const cnnLowered = `${CORPUS_213}/cnn_small.nativert_aoti.pt2`;
  before(function () {
    if (!corpusPresent('aoti trust tests')) this.skip();
  });

  it('refuses an AOTI-only package without allowNativeCode, naming the archive and the .so', async () => {
    const e = await rejection(loadAotiPackage(mlp));
    expect(e.code).to.equal(ErrorCode.NativeCodeNotAllowed);
    expect(e.message).to.contain(mlp).and.contain('wrapper.so').and.contain('--allow-native');
  });

  it('refuses the lowered model without opt-in and names the plain model to run instead', async () => {
    const e = await rejection(loadAotiModel(cnnLowered, 'model-aoti'));
    expect(e.code).to.equal(ErrorCode.NativeCodeNotAllowed);
    expect(e.message).to.contain("'model'").and.contain('data/aotinductor/model-aoti/');
  });

  it('declines delegate-call nodes without opt-in, so the runner reports the reason', async () => {
    const model = await loadModel(cnnLowered, { modelName: 'model-aoti' });
    const e = await rejection(ModelRunner.load(model, { delegates: [aoti, interpreter] }));
    expect(e.code).to.equal(ErrorCode.UnsupportedOperator);
    expect(e.message).to.contain('executorch_call_delegate').and.contain('allowNativeCode');
  });

  it('leaves the plain graph of a lowered archive to the interpreter without opt-in', async () => {
    const runner = await ModelRunner.load(await loadModel(cnnLowered), { delegates: [aoti, interpreter] });
    try {
      expect(runner.partitionReport.delegates.map((d) => d.delegate)).to.deep.equal(['interpreter']);
    } finally {
      await runner.dispose();
    }
  });

  it('refuses a .so importing a shim function the shim lacks, listing it, before loading it', async () => {
    const model = await loadAotiPackage(mlp, { allowNativeCode: true });
    const blob = getAotiBlob(model.entries, 'model', model.source);
    // Rename one import in .dynstr (same length): the loader would fail on it at first call.
    const bytes = Uint8Array.from(blob.so.bytes);
    const from = Buffer.from('aoti_torch_cpu_addmm_out\0'), to = Buffer.from('aoti_torch_cpu_addmm_zzz\0');
    const at = Buffer.from(bytes.buffer).indexOf(from);
    expect(at).to.be.greaterThan(0);
    bytes.set(to, at);
    const patched = new Map(model.entries);
    patched.set(blob.so.path, { path: blob.so.path, bytes });
    expect(findShimGaps({ ...blob, so: { path: blob.so.path, bytes } }, loadShim().exports, 'x').missingSymbols).to.deep.equal(['aoti_torch_cpu_addmm_zzz']);
    const tampered = { ...model, entries: patched };
    const e = await rejection(ModelRunner.load(tampered, { delegates: [aoti], allowNativeCode: true }));
    expect(e.code).to.equal(ErrorCode.UnsupportedOperator);
    expect(e.message).to.contain('shim lacks: aoti_torch_cpu_addmm_zzz');
  });

  it('refuses blobs built for another device or a missing ISA', async () => {
    const model = await loadAotiPackage(mlp, { allowNativeCode: true });
    const blob = getAotiBlob(model.entries, 'model', model.source);
    expect(() => checkBlobRunsHere({ ...blob, metadata: { ...blob.metadata, AOTI_DEVICE_KEY: 'xpu' } }, 'a.pt2'))
      .to.throw(NativertError, "compiled for device 'xpu'");
    expect(() => checkBlobRunsHere({ ...blob, metadata: { ...blob.metadata, AOTI_DEVICE_KEY: 'cuda' } }, 'a.pt2', () => ({ reason: 'no GPU in this test' })))
      .to.throw(NativertError, "compiled for device 'cuda', and CUDA is unavailable here: no GPU in this test");
    expect(() => checkBlobRunsHere({ ...blob, metadata: { ...blob.metadata, AOTI_MACHINE: 'aarch64' } }, 'a.pt2'))
      .to.throw(NativertError, "compiled for machine 'aarch64'");
    expect(() => checkBlobRunsHere({ ...blob, metadata: { ...blob.metadata, AOTI_CPU_ISA: 'SVE256' } }, 'a.pt2'))
      .to.throw(NativertError, "CPU ISA 'SVE256'");
  });
});
