import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { LoadedModel, PartitionView } from '@nativert/core';
import { renderPartitionDot } from '@nativert/core';
import { cnnPartition } from './cnn-partition.js';

/** Statements of a DOT text: node declarations and edges by quoted ids. */
function parseDot(dot: string) {
  const nodes = [...dot.matchAll(/^\s*"([^"]+)" \[/gm)].map((m) => m[1]!);
  const edges = [...dot.matchAll(/^\s*"([^"]+)" -> "([^"]+)" \[(.*)\];$/gm)].map((m) => ({ from: m[1]!, to: m[2]!, attrs: m[3]! }));
  const clusters = [...dot.matchAll(/subgraph "cluster_([^"]+)" \{\n\s*graph \[label="([^"]*)"/g)].map((m) => ({ id: m[1]!, label: m[2]! }));
  return { nodes, edges, clusters };
}

describe('partition view as DOT', () => {
  let model: LoadedModel;
  let view: PartitionView;
  let dot: string;
  before(async () => {
    ({ model, view } = await cnnPartition());
    dot = renderPartitionDot(view);
  });

  it('declares every graph node once, coloured by its delegate, inside its partition cluster', () => {
    const { nodes } = parseDot(dot);
    for (const n of model.program.graph.nodes) expect(nodes.filter((x) => x === `n:${n.name}`), n.name).to.have.length(1);
    const accel = view.delegates.find((d) => d.delegate === 'accel')!;
    const interp = view.delegates.find((d) => d.delegate === 'interpreter')!;
    expect(accel.color).to.not.equal(interp.color);
    expect(dot).to.match(new RegExp(`"n:conv2d" \\[label="conv2d", fillcolor="${accel.color}"`));
    expect(dot).to.match(new RegExp(`"n:batch_norm" \\[label="batch_norm", fillcolor="${interp.color}"`));
    // conv2d_1 and relu_1 share a partition: both lines sit in the same cluster block.
    const block = /subgraph "cluster_p(\d+)" \{[^}]*"n:conv2d_1"[^}]*\}/.exec(dot)![0];
    expect(block).to.contain('"n:relu_1"');
    expect(block).to.contain('label="#4 accel"');
  });

  it('has one cluster per partition and a legend with counts per delegate', () => {
    const { clusters } = parseDot(dot);
    expect(clusters.filter((c) => c.id.startsWith('p')).map((c) => c.label)).to.deep.equal(view.partitions.map((p) => `#${p.id} ${p.delegate}`));
    expect(view.partitions.map((p) => p.delegate)).to.deep.equal(['accel', 'interpreter', 'accel', 'interpreter', 'accel', 'interpreter', 'accel']);
    expect(clusters.some((c) => c.id === 'legend')).to.equal(true);
    expect(dot).to.contain('label="accel: 5 nodes, 4 partition(s)"');
    expect(dot).to.contain('label="interpreter: 4 nodes, 3 partition(s)"');
    expect(dot).to.contain(`label="device copy (${view.copies.length})"`);
  });

  it('draws dataflow edges between declared nodes, with device copies as labelled dashed edges', () => {
    const { nodes, edges } = parseDot(dot);
    const declared = new Set(nodes);
    for (const e of edges) {
      expect(declared.has(e.from), e.from).to.equal(true);
      expect(declared.has(e.to), e.to).to.equal(true);
    }
    const copies = edges.filter((e) => e.attrs.includes('style="dashed"') && !e.from.startsWith('legend:'));
    expect(copies).to.have.length(view.copies.length);
    expect(copies.find((e) => e.from === 'in:x' && e.to === 'n:conv2d')!.attrs).to.contain('label="copy cpu:0→accel:0"');
    expect(copies.find((e) => e.from === 'n:conv2d' && e.to === 'n:batch_norm')!.attrs).to.contain('label="copy accel:0→cpu:0"');
    expect(copies.find((e) => e.from === 'n:linear' && e.to === 'out')).to.not.equal(undefined);
    const plain = edges.find((e) => e.from === 'n:conv2d_1' && e.to === 'n:relu_1')!;
    expect(plain.attrs).to.not.contain('dashed');
    expect(edges.filter((e) => e.to === 'n:batch_norm').map((e) => e.from).sort()).to.deep.equal(['in:b_bn_running_mean', 'in:b_bn_running_var', 'in:p_bn_bias', 'in:p_bn_weight', 'n:conv2d']);
  });

  it('tooltips carry the op target and tensor shapes', () => {
    expect(dot).to.contain('tooltip="conv2d: aten.conv2d.default\\ndelegate accel, partition #0\\nin  x: float32[2, 3, 32, 32]');
    expect(dot).to.contain('"in:p_c1_weight" [label="c1.weight\\nfloat32[16, 3, 3, 3]"');
  });

  it('is accepted by Graphviz when it is installed', function () {
    if (!existsSync('/usr/bin/dot')) {
      console.log('      (skipped: /usr/bin/dot is absent; install graphviz to check the DOT with it)');
      this.skip();
    }
    const r = spawnSync('/usr/bin/dot', ['-Tsvg'], { input: dot, encoding: 'utf8' });
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stderr).to.equal('');
    expect(r.stdout).to.contain('<svg');
  });
});
