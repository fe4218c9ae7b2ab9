import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, MODEL_FIXTURES, REPO_ROOT } from './paths.js';
import { tempDir } from '../support/temp-dir.js';

function nativert(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('nativert CLI', () => {
  for (const version of ['torch-2.13', 'torch-2.11']) {
    it(`conformance passes the ${version} model fixtures, both input sets, and writes the JSON report`, () => {
      const json = join(tempDir('nrt-'), 'report.json');
      const r = nativert('conformance', join(MODEL_FIXTURES, version), '--json', json);
      expect(r.code, r.out + r.err).to.equal(0);
      expect(r.out).to.match(/5 passed, 0 failed, 0 skipped/);
      const report = JSON.parse(readFileSync(json, 'utf8')) as { name: string; status: string; maxAbsErr: number }[];
      expect(report.map((x) => x.name).sort()).to.deep.equal(['cnn_small', 'control_cond', 'dynamic_batch', 'dynamic_batch[alt]', 'mlp_kwargs_dict']);
      for (const x of report) expect(x.status).to.equal('pass');
    });
  }

  it('run prints outputs and the partition summary of the bundled example', () => {
    const r = nativert('run', 'examples/mlp_kwargs_dict.pt2', '--inputs', 'examples/mlp_kwargs_dict.io.safetensors');
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.match(/out\['out'\]: float32\[3, 4\]/);
    expect(r.out).to.match(/out\['h'\]: float32\[3, 16\]/);
    expect(r.out).to.match(/partition: interpreter 5 nodes in 1 partition/);
  });

  it('run without --inputs says it made inputs from metadata', () => {
    const r = nativert('run', join(MODEL_FIXTURES, 'torch-2.13', 'cnn_small.pt2'));
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.match(/no --inputs/);
  });

  it('inspect lists the signature and ops as JSON', () => {
    const r = nativert('inspect', join(MODEL_FIXTURES, 'torch-2.13', 'mlp_kwargs_dict.pt2'), '--format', 'json', '--partition');
    expect(r.code, r.err).to.equal(0);
    const info = JSON.parse(r.out) as { ops: Record<string, number>; inputs: { kind: string }[]; partition: { nodes: unknown[] } };
    expect(info.ops['aten.linear.default']).to.equal(2);
    expect(info.inputs.filter((i) => i.kind === 'user_input')).to.have.length(2);
    expect(info.partition.nodes).to.have.length(5);
  });

  it('exits 2 naming an unknown flag or command, without a stack', () => {
    const flag = nativert('run', '--no-such-flag', 'x.pt2');
    expect(flag.code).to.equal(2);
    expect(flag.err).to.match(/--no-such-flag/);
    expect(flag.err).to.not.match(/\n\s+at /);
    const command = nativert('no-such-command');
    expect(command.code).to.equal(2);
    expect(command.err).to.match(/unknown command 'no-such-command'/);
  });

  it('fails with a typed error naming a missing archive', () => {
    const r = nativert('run', 'no/such/file.pt2');
    expect(r.code).to.equal(1);
    expect(r.err).to.match(/file\.pt2/);
  });
});
