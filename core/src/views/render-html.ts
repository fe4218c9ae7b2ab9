import { COPY_COLOR, IO_COLOR } from './delegate-colors.js';
import { VIEW_CSS, VIEW_JS } from './html-assets.js';
import type { GraphLayout, LayoutMetrics } from './layered-layout.js';
import { layeredLayout } from './layered-layout.js';
import type { PartitionView, ViewNode } from './partition-view.js';
import { shortOpName } from './partition-view.js';
import { nodeTooltip } from './render-dot.js';

const METRICS: LayoutMetrics = { nodeWidth: 150, nodeHeight: 36, gapX: 22, layerHeight: 58, margin: 18 };

/** Text escaped for HTML element content and attribute values. */
function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** `s` cut to `n` characters with an ellipsis. */
function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/**
 * The view as one standalone HTML page (inline CSS, JS and SVG; no network): the graph laid out
 * in layers by topological depth with op nodes filled by delegate colour, device copies as red
 * dashed edges, per-delegate counts and a legend, a details panel that follows the hovered node
 * (op target, value shapes), and tables of refused nodes with reasons, partitions and copies.
 */
export function renderPartitionHtml(view: PartitionView): string {
  const layout = layeredLayout(view.nodes.map((n) => n.id), view.edges.map((e) => [e.from, e.to] as const), METRICS);
  const ranOn = new Map(view.nodes.filter((n) => n.kind === 'op').map((n) => [n.name, n.delegate ?? '']));
  const opCount = view.nodes.filter((n) => n.kind === 'op').length;
  const swatch = (c: string) => `<span class="swatch" style="background:${c}"></span>`;
  const counts = view.delegates.map((d) => `<li>${swatch(d.color)}<b>${esc(d.delegate)}</b>: <b>${d.nodes}</b> node(s) in <b>${d.partitions}</b> partition(s)</li>`);
  const skipped = view.skipped.map((s) => `<li>${esc(s.delegate)} skipped at ${esc(s.stage)}: ${esc(s.reason)}</li>`);
  const row = (cells: readonly string[]) => `<tr>${cells.map((c) => `<td class="mono">${esc(c)}</td>`).join('')}</tr>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(view.title)}</title>
<style>${VIEW_CSS}</style>
</head>
<body>
<header><h1>${esc(view.title)}</h1><p>${opCount} nodes · ${view.partitions.length} partition(s) · ${view.copies.length} device copies · ${view.refusals.length} refusal(s)</p></header>
<main>
<div id="graph">${renderSvg(view, layout)}</div>
<aside>
<section class="card" id="counts"><h2>Delegates</h2><ul class="counts">${counts.join('')}</ul>${skipped.length > 0 ? `<ul class="counts">${skipped.join('')}</ul>` : ''}</section>
<section class="card" id="legend"><h2>Legend</h2><ul class="counts">
${view.delegates.map((d) => `<li>${swatch(d.color)}op run by ${esc(d.delegate)}</li>`).join('')}
<li>${swatch(IO_COLOR)}graph input (user input, parameter, buffer) or output</li>
<li><svg width="30" height="10"><line x1="0" y1="5" x2="30" y2="5" stroke="#9e9e9e" stroke-width="1.2"/></svg> dataflow</li>
<li><svg width="30" height="10"><line x1="0" y1="5" x2="30" y2="5" stroke="${COPY_COLOR}" stroke-width="1.7" stroke-dasharray="5 3"/></svg> device copy</li>
<li><b>#n</b> partition id (execution order)</li>
</ul></section>
<section class="card"><h2>Node details</h2><pre id="details">Hover a node to see its op target and tensor shapes.</pre></section>
</aside>
</main>
<div class="tables">
<h2>Refused nodes (${view.refusals.length})</h2>
<table id="refusals"><thead><tr><th>node</th><th>op</th><th>refused by</th><th>reason</th><th>ran on</th></tr></thead><tbody>
${view.refusals.map((r) => row([r.node, r.target, r.delegate, r.reason, ranOn.get(r.node) ?? ''])).join('\n')}
</tbody></table>
<h2>Partitions (${view.partitions.length})</h2>
<table id="partitions"><thead><tr><th>#</th><th>delegate</th><th>nodes</th></tr></thead><tbody>
${view.partitions.map((p) => row([String(p.id), p.delegate, p.nodes.join(', ')])).join('\n')}
</tbody></table>
<h2>Device copies (${view.copies.length})</h2>
<table id="copies"><thead><tr><th>value</th><th>from</th><th>to</th><th>for partition</th></tr></thead><tbody>
${view.copies.map((c) => row([c.value, c.from, c.to, String(c.consumer)])).join('\n')}
</tbody></table>
</div>
<script>${VIEW_JS}</script>
</body>
</html>
`;
}

/** The graph drawing: edges under nodes, each node a group with a `<title>` tooltip. */
function renderSvg(view: PartitionView, layout: GraphLayout): string {
  const color = new Map(view.delegates.map((d) => [d.delegate, d.color]));
  const { nodeWidth: w, nodeHeight: h } = METRICS;
  const pos = (id: string) => layout.positions.get(id)!;
  const edges = view.edges.map((e) => {
    const a = pos(e.from);
    const b = pos(e.to);
    const y1 = a.y + h / 2;
    const y2 = b.y - h / 2;
    const my = (y1 + y2) / 2;
    const title = e.copy ? `${e.value}: device copy ${e.copy.from} → ${e.copy.to}` : e.value;
    return `<path class="edge${e.copy ? ' copy' : ''}" data-from="${esc(e.from)}" data-to="${esc(e.to)}" d="M${a.x},${y1} C${a.x},${my} ${b.x},${my} ${b.x},${y2 - 4}" marker-end="url(#${e.copy ? 'arrow-copy' : 'arrow'})"><title>${esc(title)}</title></path>`;
  });
  const nodes = view.nodes.map((n) => {
    const { x, y } = pos(n.id);
    return `<g class="node ${n.kind}" data-id="${esc(n.id)}" tabindex="0"><title>${esc(nodeTooltip(n))}</title>${nodeShape(n, x, y, w, h, color)}</g>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}">
<defs>
<marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="#9e9e9e"/></marker>
<marker id="arrow-copy" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="${COPY_COLOR}"/></marker>
</defs>
${edges.join('\n')}
${nodes.join('\n')}
</svg>`;
}

/** Box and labels of one node centred at (x, y). */
function nodeShape(n: ViewNode, x: number, y: number, w: number, h: number, color: ReadonlyMap<string, string>): string {
  if (n.kind !== 'op') {
    const iw = w - 16;
    const ih = h - 8;
    const sub = n.kind === 'output' ? '' : `<text x="${x}" y="${y + 10}" text-anchor="middle" font-size="9" fill="#555">${esc(clip(n.outputs[0]?.type ?? '', 26))}</text>`;
    return `<rect x="${x - iw / 2}" y="${y - ih / 2}" width="${iw}" height="${ih}" rx="${ih / 2}" fill="${IO_COLOR}"/>`
      + `<text x="${x}" y="${y + (sub ? -1 : 4)}" text-anchor="middle" font-size="10">${esc(clip(n.name, 24))}</text>${sub}`;
  }
  const op = shortOpName(n.target);
  const fill = color.get(n.delegate ?? '') ?? '#ffffff';
  const second = op === n.name ? '' : `<text x="${x}" y="${y + 12}" text-anchor="middle" font-size="9.5" fill="#333">${esc(clip(n.name, 26))}</text>`;
  const badge = n.partition === undefined ? '' : `<text x="${x + w / 2 - 5}" y="${y - h / 2 + 10}" text-anchor="end" font-size="8.5" fill="#333">#${n.partition}</text>`;
  return `<rect x="${x - w / 2}" y="${y - h / 2}" width="${w}" height="${h}" rx="6" fill="${fill}"/>`
    + `<text x="${x}" y="${y + (second ? -1 : 4)}" text-anchor="middle" font-size="12" font-weight="600">${esc(clip(op, 20))}</text>${second}${badge}`;
}
