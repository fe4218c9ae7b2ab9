// Run as a child process by aoti-check-inputs.test.ts, with AOTI_RUNTIME_CHECK_INPUTS=1 in its
// environment (the compiled model reads it once per process). Feeds cnn_small a wrongly shaped
// input through the runner and a wrongly strided one straight to a container, then a good input,
// and prints one JSON line of what happened. A crash shows as a non-zero exit without the line.
import { ErrorCode, ModelRunner, NativertError, Tensor, loadSafetensors } from '@nativert/core';
import aoti, { AotiContainer, getAotiBlob, loadAotiPackage, loadShim, materialize } from '@nativert/aoti';
import { CORPUS_213 } from './corpus-paths.js';

/** What the child reports. */
export interface CheckInputsReport {
  readonly shapeError: { code: ErrorCode | null; message: string } | null;
  readonly strideError: { code: ErrorCode | null; message: string } | null;
  readonly liveBefore: number;
  readonly liveAfter: number;
  readonly goodRunShape: readonly number[];
}

function caught(e: unknown): { code: ErrorCode | null; message: string } {
  return e instanceof NativertError ? { code: e.code, message: e.message } : { code: null, message: `not a NativertError: ${String(e)}` };
}

const archive = `${CORPUS_213}/cnn_small.aoti_cpu.pt2`;
const model = await loadAotiPackage(archive, { allowNativeCode: true });
const runner = await ModelRunner.load(model, { delegates: [aoti], allowNativeCode: true, strict: true });
const x = (await loadSafetensors(`${CORPUS_213}/cnn_small.io.safetensors`)).get('in.0')!;
const shim = loadShim();
const liveBefore = shim.liveHandles();
let shapeError = null;
try {
  await runner.run([Tensor.zeros('float32', [x.shape[0]!, x.shape[1]!, x.shape[2]! + 1, x.shape[3]!])]);
} catch (e) {
  shapeError = caught(e);
}
let strideError = null;
const container = new AotiContainer(shim, materialize(getAotiBlob(model.entries, 'model', archive).so.bytes), 'cpu', `${archive}: direct container`);
try {
  // The right shape over a transposed layout: only the strides are wrong.
  const [n, c, h, w] = x.shape as [number, number, number, number];
  container.run([Tensor.zeros('float32', [n, c, w, h]).asStrided([n, c, h, w], [c * h * w, h * w, 1, h])], ['x']);
} catch (e) {
  strideError = caught(e);
}
container.dispose();
const liveAfter = shim.liveHandles();
const good = (await runner.run([x])) as Tensor;
await runner.dispose();
const report: CheckInputsReport = { shapeError, strideError, liveBefore, liveAfter, goodRunShape: good.shape };
console.log(JSON.stringify(report));
