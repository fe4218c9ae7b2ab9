import { expect } from 'chai';
import type { LoadedModel, PartitionView } from '@nativert/core';
import { renderPartitionHtml } from '@nativert/core';
import { cnnPartition } from './cnn-partition.js';

/** Text between the opening tag `<tag ... id="id">` and its closing tag. */
function element(html: string, tag: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `#${id}`).to.be.greaterThan(-1);
  return html.slice(start, html.indexOf(`</${tag}>`, start));
}

describe('partition view as HTML', () => {
  let model: LoadedModel;
  let view: PartitionView;
  let html: string;
  before(async () => {
    ({ model, view } = await cnnPartition());
    html = renderPartitionHtml(view);
  });

  it('is one standalone page: inline style and script, nothing fetched', () => {
    expect(html.startsWith('<!DOCTYPE html>')).to.equal(true);
    expect(html).to.match(/<style>[^<]+<\/style>/);
    expect(html).to.match(/<script>[\s\S]+<\/script>/);
    expect(html).to.not.match(/<(script|link|img|iframe)[^>]*(src|href)=/i);
    expect(html).to.not.match(/url\((?!#)/);
    expect(html.replace('xmlns="http://www.w3.org/2000/svg"', '')).to.not.match(/https?:\/\//);
  });

  it('draws every node, coloured by delegate, with a title giving target and shapes', () => {
    const colors = new Map(view.delegates.map((d) => [d.delegate, d.color]));
    for (const a of model.program.graph.nodes) {
      const g = new RegExp(`<g class="node op" data-id="n:${a.name}" tabindex="0"><title>([^<]*)</title><rect [^>]*fill="([^"]+)"`).exec(html);
      expect(g, a.name).to.not.equal(null);
      expect(g![1]).to.contain(`${a.name}: ${a.target}`);
      const node = view.nodes.find((n) => n.id === `n:${a.name}`)!;
      expect(g![2]).to.equal(colors.get(node.delegate!));
      for (const v of node.outputs) expect(g![1]).to.contain(`out ${v.name}: ${v.type}`);
    }
    expect(html).to.contain('in  x: float32[2, 3, 32, 32]');
    expect(html).to.contain('data-id="in:x"');
    expect(html).to.contain('data-id="out"');
  });

  it('draws one path per edge, device copies dashed', () => {
    expect(html.match(/<path class="edge[ "]/g)).to.have.length(view.edges.length);
    expect(html.match(/<path class="edge copy"/g)).to.have.length(view.copies.length);
  });

  it('shows counts per delegate and a legend', () => {
    const counts = element(html, 'section', 'counts');
    expect(counts).to.match(/<b>accel<\/b>: <b>5<\/b> node\(s\) in <b>4<\/b> partition\(s\)/);
    expect(counts).to.match(/<b>interpreter<\/b>: <b>4<\/b> node\(s\) in <b>3<\/b> partition\(s\)/);
    const legend = element(html, 'section', 'legend');
    for (const d of view.delegates) expect(legend).to.contain(`background:${d.color}"></span>op run by ${d.delegate}`);
    expect(legend).to.contain('device copy');
    expect(legend).to.contain('graph input');
  });

  it('lists every refused node with the delegate and its reason', () => {
    const table = element(html, 'table', 'refusals');
    const rows = [...table.matchAll(/<tr><td class="mono">([^<]*)<\/td><td class="mono">([^<]*)<\/td><td class="mono">([^<]*)<\/td><td class="mono">([^<]*)<\/td><td class="mono">([^<]*)<\/td><\/tr>/g)]
      .map((m) => m.slice(1));
    expect(rows).to.deep.equal([
      ['batch_norm', 'aten.batch_norm.default', 'accel', 'accel has no kernel for aten.batch_norm.default', 'interpreter'],
      ['max_pool2d', 'aten.max_pool2d.default', 'accel', 'accel has no kernel for aten.max_pool2d.default', 'interpreter'],
      ['adaptive_avg_pool2d', 'aten.adaptive_avg_pool2d.default', 'accel', 'accel has no kernel for aten.adaptive_avg_pool2d.default', 'interpreter'],
      ['flatten', 'aten.flatten.using_ints', 'accel', 'accel has no kernel for aten.flatten.using_ints', 'interpreter'],
    ]);
  });

  it('escapes text taken from the graph', () => {
    const nasty = renderPartitionHtml({ ...view, title: '<b>"x" & \'y\'</b>' });
    expect(nasty).to.contain('<title>&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;</title>');
  });
});
