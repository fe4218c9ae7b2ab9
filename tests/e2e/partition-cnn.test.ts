import { expect } from 'chai';
import { join } from 'node:path';
import type { Capability, CapabilityContext, ExecutorDelegate, Graph } from '@nativert/core';
import { CPU, loadSafetensors, ModelRunner } from '@nativert/core';
import { ALL_KERNELS, InterpreterDelegate, KernelRegistry } from '@nativert/interpreter';
import { MODEL_FIXTURES } from './paths.js';

/** A toy delegate on the CPU that claims only nodes whose target starts with `prefix`. */
function toyDelegate(name: string, prefix: string): ExecutorDelegate {
  const inner = new InterpreterDelegate(new KernelRegistry(ALL_KERNELS), 1);
  return {
    name,
    device: CPU,
    availability: () => inner.availability(),
    getCapability(graph: Graph, ctx: CapabilityContext): Capability {
      const groups = inner.getCapability(graph, ctx).groups.filter((g) => g.every((n) => graph.getNode(n).target.startsWith(prefix)));
      const claimed = new Set(groups.flat());
      const refused = new Map(graph.nodes.filter((n) => !claimed.has(n.name)).map((n) => [n.name, `${name} only runs ${prefix}*`]));
      return { groups, refused };
    },
    prepare: (p, ctx) => inner.prepare(p, ctx),
  };
}

describe('partition of cnn_small with two toy delegates', () => {
  it('gives convolutions to one, pooling to the other, the rest to the interpreter, and still matches PyTorch', async () => {
    const dir = join(MODEL_FIXTURES, 'torch-2.13');
    const runner = await ModelRunner.load(join(dir, 'cnn_small.pt2'), {
      delegates: [toyDelegate('toy-conv', 'aten.conv'), toyDelegate('toy-pool', 'aten.max_pool'), '@nativert/interpreter'],
    });
    const report = runner.partitionReport;
    const by = (d: string) => report.nodes.filter((n) => n.delegate === d);
    expect(by('toy-conv').length).to.be.greaterThan(0);
    expect(by('toy-conv').every((n) => n.target.startsWith('aten.conv'))).to.equal(true);
    expect(by('toy-pool').every((n) => n.target.startsWith('aten.max_pool'))).to.equal(true);
    expect(by('interpreter').some((n) => n.target.startsWith('aten.conv'))).to.equal(false);
    expect(report.delegates.map((d) => d.delegate)).to.include.members(['toy-conv', 'interpreter']);
    expect(report.refusals.some((r) => r.delegate === 'toy-conv' && /only runs aten\.conv/.test(r.reason))).to.equal(true);
    const io = await loadSafetensors(join(dir, 'cnn_small.io.safetensors'));
    const out = (await runner.run([io.get('in.0')!])) as import('@nativert/core').Tensor;
    const got = out.toFloat64(), want = io.get('out.0')!.toFloat64();
    want.forEach((w, i) => expect(Math.abs(got[i]! - w)).to.be.at.most(1e-4 + 1e-4 * Math.abs(w)));
    await runner.dispose();
  });
});
