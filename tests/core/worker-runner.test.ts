import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Logger } from '@nativert/core';
import { ErrorCode, ModelRunner, NativertError, Tensor, WorkerRunner, flattenTree, loadModel, readSafetensors, sharedZeros } from '@nativert/core';
import interpreter from '@nativert/interpreter';
import { CRASH_VALUE } from './worker-crash-plugin.js';

const FIXTURES = new URL('../../../tests/fixtures/models/torch-2.13/', import.meta.url).pathname;
const CRASH_PLUGIN = new URL('./worker-crash-plugin.js', import.meta.url).href;

interface Case {
  readonly args: Tensor[];
  readonly kwargs: Record<string, Tensor>;
}

/** The io file's input set (`in.*`/`kw.*`, or `alt.in.*`/`alt.kw.*` with `prefix` 'alt.'). */
function inputs(name: string, prefix = ''): Case {
  const io = readSafetensors(readFileSync(`${FIXTURES}${name}.io.safetensors`));
  const args: Tensor[] = [];
  const kwargs: Record<string, Tensor> = {};
  for (const [key, t] of io) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    if (/^in\.\d+$/.test(rest)) args[Number(rest.slice(3))] = t;
    else if (rest.startsWith('kw.')) kwargs[rest.slice(3)] = t;
  }
  return { args, kwargs };
}

const archive = (name: string) => `${FIXTURES}${name}.pt2`;

/** Expects `got` to have `want`'s pytree shape and bit-identical tensors (same kernels, one thread). */
function expectSame(got: unknown, want: unknown, path = 'out'): void {
  if (want instanceof Tensor) {
    expect(got, path).to.be.instanceOf(Tensor);
    const g = got as Tensor;
    expect([g.dtype, g.shape], path).to.deep.equal([want.dtype, want.shape]);
    expect(Array.from(g.toFloat64()), path).to.deep.equal(Array.from(want.toFloat64()));
  } else if (Array.isArray(want)) {
    expect(got, path).to.be.an('array').with.length(want.length);
    want.forEach((w, i) => expectSame((got as unknown[])[i], w, `${path}[${i}]`));
  } else if (typeof want === 'object' && want !== null) {
    expect(Object.keys(got as object), path).to.deep.equal(Object.keys(want));
    for (const [k, w] of Object.entries(want)) expectSame((got as Record<string, unknown>)[k], w, `${path}.${k}`);
  } else {
    expect(got, path).to.equal(want);
  }
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (m) => warnings.push(m), info: () => {}, debug: () => {} };
}

describe('ModelRunner.load with worker: run off the calling thread', () => {
  const runners: { dispose(): Promise<void> }[] = [];
  const track = <T extends { dispose(): Promise<void> }>(r: T): T => (runners.push(r), r);
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.dispose()));
  });

  const same: [string, string[]][] = [['mlp_kwargs_dict', ['']], ['dynamic_batch', ['', 'alt.']], ['control_cond', ['']], ['cnn_small', ['']]];
  for (const [name, sets] of same) {
    it(`${name}: outputs identical to the in-thread runner (${sets.length} input set(s))`, async () => {
      const local = track(await ModelRunner.load(archive(name), { threads: 1 }));
      const remote = track(await ModelRunner.load(archive(name), { threads: 1, worker: true }));
      expect(remote).to.be.instanceOf(WorkerRunner);
      expect(remote.partitionReport).to.deep.equal(local.partitionReport);
      for (const prefix of sets) {
        const { args, kwargs } = inputs(name, prefix);
        expectSame(await remote.run(args, kwargs), await local.run(args, kwargs));
      }
    });
  }

  it('takes inputs in shared memory without copying them, with the same results', async () => {
    const { args } = inputs('cnn_small');
    const shared = sharedZeros('float32', args[0]!.shape);
    new Float32Array(shared.hostStorage().bytes.buffer).set(args[0]!.toFloat64());
    const local = track(await ModelRunner.load(archive('cnn_small'), { threads: 1 }));
    const remote = track(await ModelRunner.load(archive('cnn_small'), { threads: 1, worker: true }));
    expectSame(await remote.run([shared]), await local.run(args));
  });

  it('keeps the event loop responsive while runs are in flight', async () => {
    const { args } = inputs('cnn_small');
    const remote = track(await ModelRunner.load(archive('cnn_small'), { threads: 1, worker: true }));
    const local = track(await ModelRunner.load(archive('cnn_small'), { threads: 1 }));
    const batch = (r: { run(a: unknown[]): Promise<unknown> }) => Promise.all(Array.from({ length: 40 }, () => r.run(args)));
    await batch(local);
    let t0 = performance.now();
    await batch(local);
    const blocked = performance.now() - t0; // in-thread, the loop is held for the whole batch
    let last = performance.now();
    let longestGap = 0;
    let ticks = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 2);
    t0 = performance.now();
    await batch(remote);
    const elapsed = performance.now() - t0;
    clearInterval(timer);
    expect(ticks, `ticks in ${elapsed.toFixed(1)} ms`).to.be.at.least(3);
    expect(longestGap, `longest gap between ticks; in-thread batch blocked ${blocked.toFixed(1)} ms`).to.be.below(Math.max(blocked / 2, 20));
  });

  it('serves concurrent runs with a pool of workers, each result for its own inputs', async () => {
    const local = track(await ModelRunner.load(archive('dynamic_batch'), { threads: 1 }));
    const remote = track(await ModelRunner.load(archive('dynamic_batch'), { threads: 1, worker: { workers: 2 } }));
    const sets = Array.from({ length: 12 }, (_, i) => Tensor.fromNumbers('float32', [1 + (i % 5), 12], Array.from({ length: (1 + (i % 5)) * 12 }, (_, j) => Math.sin(i * 31 + j))));
    const got = await Promise.all(sets.map((x) => remote.run([x])));
    for (const [i, x] of sets.entries()) expectSame(got[i], await local.run([x]), `run ${i}`);
  });

  it('rejects a bad run with the in-thread NativertError code and message, and stays usable', async () => {
    const local = track(await ModelRunner.load(archive('mlp_kwargs_dict'), { threads: 1 }));
    const remote = track(await ModelRunner.load(archive('mlp_kwargs_dict'), { threads: 1, worker: true }));
    const { args, kwargs } = inputs('mlp_kwargs_dict');
    const bad: [unknown[], Record<string, unknown>][] = [
      [[Tensor.zeros('float32', [3, 5])], kwargs],
      [args, {}],
      [[...args, args[0]], kwargs],
    ];
    for (const [a, k] of bad) {
      const want = await rejection(local.run(a, k));
      const got = await rejection(remote.run(a, k));
      expect(want).to.be.instanceOf(NativertError);
      expect(got).to.be.instanceOf(NativertError);
      expect([(got as NativertError).code, got.message]).to.deep.equal([(want as NativertError).code, want.message]);
    }
    expectSame(await remote.run(args, kwargs), await local.run(args, kwargs));
  });

  it('refuses what cannot move to a worker, naming the option', async () => {
    const instance = await interpreter.create({}, { logger: recordingLogger(), allowNativeCode: false, threads: 1 });
    const e1 = await rejection(ModelRunner.load(archive('cnn_small'), { worker: true, delegates: ['@nativert/interpreter', instance] }));
    expect(e1).to.be.instanceOf(NativertError).with.property('code', ErrorCode.InvalidArgument);
    expect(e1.message).to.contain('options.delegates[1]').and.contain('interpreter');
    const model = await loadModel(archive('cnn_small'));
    const e2 = await rejection(WorkerRunner.load(model, { worker: true }));
    expect(e2).to.be.instanceOf(NativertError).with.property('code', ErrorCode.InvalidArgument);
    const e3 = await rejection(ModelRunner.load(archive('cnn_small'), { worker: { workers: 0 } }));
    expect(e3.message).to.contain('options.worker.workers');
  });

  it('rejects load failures in the worker with their NativertError code and message', async () => {
    const e1 = await rejection(ModelRunner.load(archive('no_such_model'), { worker: true }));
    expect(e1).to.be.instanceOf(NativertError).with.property('code', ErrorCode.NotFound);
    expect(e1.message).to.contain('no_such_model.pt2');
    const want = await rejection(ModelRunner.load(archive('cnn_small'), { delegates: ['@nativert/no-such-plugin'] }));
    const got = await rejection(ModelRunner.load(archive('cnn_small'), { worker: true, delegates: ['@nativert/no-such-plugin'] }));
    expect(got).to.be.instanceOf(NativertError);
    expect([(got as NativertError).code, got.message]).to.deep.equal([(want as NativertError).code, want.message]);
  });

  it('forwards worker-side warnings to the calling thread\'s logger', async () => {
    const logger = recordingLogger();
    track(await ModelRunner.load(archive('cnn_small'), { worker: true, logger, opFilters: { nobody: { deny: ['aten.*'] } } }));
    expect(logger.warnings.join('\n')).to.contain('opFilters names delegate \'nobody\'');
  });

  it('dispose terminates the workers, rejects pending runs and later runs', async () => {
    const remote = await ModelRunner.load(archive('cnn_small'), { threads: 1, worker: true });
    const { args } = inputs('cnn_small');
    const pending = rejection(remote.run(args));
    await remote.dispose();
    await remote.dispose();
    const e1 = await pending;
    expect(e1).to.be.instanceOf(NativertError);
    expect(e1.message).to.contain('disposed');
    const e2 = await rejection(remote.run(args));
    expect(e2).to.be.instanceOf(NativertError).with.property('code', ErrorCode.InvalidArgument);
  });

  it('rejects the runs of a worker that dies, then restarts it on the next run', async () => {
    const remote = track(await ModelRunner.load(archive('cnn_small'), { threads: 1, worker: true, delegates: [CRASH_PLUGIN] }));
    const local = track(await ModelRunner.load(archive('cnn_small'), { threads: 1 }));
    const { args } = inputs('cnn_small');
    const poison = Tensor.fromNumbers('float32', args[0]!.shape, new Array<number>(args[0]!.numel).fill(CRASH_VALUE));
    const [dead, queued] = await Promise.allSettled([remote.run([poison]), remote.run(args)]);
    for (const r of [dead, queued]) {
      expect(r.status).to.equal('rejected');
      const e = (r as PromiseRejectedResult).reason as NativertError;
      expect(e).to.be.instanceOf(NativertError).with.property('code', ErrorCode.Internal);
      expect(e.message).to.contain('exited with code 7').and.contain('cnn_small.pt2');
    }
    expectSame(await remote.run(args), await local.run(args));
    expect(flattenTree(remote.program.outSpec, await remote.run(args))).to.have.length(1);
  });
});
