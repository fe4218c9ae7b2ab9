// Entry point of a worker thread: loads the model from shared archive bytes, then serves runs.
import { parentPort, workerData } from 'node:worker_threads';
import { loadModelFromArchive } from '../archive/load-model.js';
import { Pt2Archive } from '../archive/pt2-archive.js';
import type { Logger } from '../delegate/logger.js';
import type { ExportedProgram } from '../ir/program.js';
import { flattenInputs, flattenTree } from '../pytree/flatten.js';
import { Tensor } from '../tensor/tensor.js';
import { ModelRunner } from './model-runner.js';
import type { RunRequest, WorkerInit, WorkerReply } from './worker-protocol.js';
import { decodeTree, encodeError, encodeTensor, encodeTree, isShared } from './worker-wire.js';

const port = parentPort!;
const init = workerData as WorkerInit;
const post = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

// Warnings of the runtime and plugins go to the calling thread's logger.
const logger: Logger = {
  warn: (message) => post({ type: 'log', level: 'warn', message }),
  info: (message) => post({ type: 'log', level: 'info', message }),
  debug: (message) => post({ type: 'log', level: 'debug', message }),
};

/** Indices among the flat user inputs of those the program mutates. */
function mutatedInputs(program: ExportedProgram): number[] {
  const users = program.inputSpecs.filter((s) => s.kind === 'user_input');
  const targets = new Set(program.outputSpecs.flatMap((s) => (s.kind === 'user_input_mutation' ? [s.target] : [])));
  return users.flatMap((s, i) => (s.kind === 'user_input' && s.arg.kind === 'tensor' && targets.has(s.arg.name) ? [i] : []));
}

async function serve(runner: ModelRunner, mutated: readonly number[], req: RunRequest): Promise<void> {
  try {
    const args = decodeTree(req.args) as unknown[];
    const kwargs = decodeTree(req.kwargs) as Record<string, unknown>;
    const out = await runner.run(args, kwargs);
    const transfer: ArrayBuffer[] = [];
    const leaves = flattenTree(runner.program.outSpec, out).map((v, i) => encodeTree(v, transfer, `output ${i}`));
    const inputs = mutated.length > 0 ? flattenInputs(runner.program.inSpec, args, kwargs) : [];
    // Shared inputs were written in place; the caller's copies of the others need the new values.
    const changed = mutated.flatMap((i) => {
      const t = inputs[i];
      return t instanceof Tensor && !isShared(t) ? [[i, encodeTensor(t, transfer, `input ${i}`)] as const] : [];
    });
    post({ type: 'result', id: req.id, leaves, mutated: changed }, transfer);
  } catch (e) {
    post({ type: 'runError', id: req.id, error: encodeError(e) });
  }
}

try {
  const model = loadModelFromArchive(Pt2Archive.fromBytes(init.bytes, init.source), init.modelName);
  const runner = await ModelRunner.load(model, { ...init.options, logger });
  const mutated = mutatedInputs(model.program);
  port.on('message', (req: RunRequest) => void serve(runner, mutated, req));
  post({ type: 'ready', report: runner.partitionReport });
} catch (e) {
  post({ type: 'loadError', error: encodeError(e) });
  port.close();
}
