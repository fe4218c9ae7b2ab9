// An error inside the compiled model's Run (here its own input checks, AOTI_RUNTIME_CHECK_INPUTS=1)
// comes back as a NativertError naming the archive and node, frees the inputs the failed Run did
// not take, and leaves the process and the runner working. In a child process: the model reads
// the variable once per process, and a crash must fail the test, not the test run.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ErrorCode } from '@nativert/core';
import type { CheckInputsReport } from './check-inputs-child.js';
import { CORPUS_213, corpusPresent } from './corpus-paths.js';

describe('aoti plugin: errors inside Run', function () {
  this.timeout(60_000);

  it('a failed input check is a NativertError naming archive and node, not a crash; no handle leaks', function () {
    if (!corpusPresent('the check-inputs test')) this.skip();
    const child = fileURLToPath(new URL('./check-inputs-child.js', import.meta.url));
    const r = spawnSync(process.execPath, [child], { encoding: 'utf8', env: { ...process.env, AOTI_RUNTIME_CHECK_INPUTS: '1' } });
    expect(r.status, `child exited with ${r.status} (signal ${r.signal}); stderr: ${r.stderr}`).to.equal(0);
    const report = JSON.parse(r.stdout.trim().split('\n').pop()!) as CheckInputsReport;
    const archive = `${CORPUS_213}/cnn_small.aoti_cpu.pt2`;
    expect(report.shapeError?.code).to.equal(ErrorCode.PluginFailure);
    expect(report.shapeError?.message).to.include(archive).and.include("node 'aoti_call'").and.include('unmatched dim value at 2, expected: 32, but got: 33');
    expect(report.strideError?.code).to.equal(ErrorCode.PluginFailure);
    expect(report.strideError?.message).to.include(archive).and.include('unmatched stride value');
    expect(report.liveAfter).to.equal(report.liveBefore);
    expect(report.goodRunShape).to.deep.equal([2, 10]);
  });
});
