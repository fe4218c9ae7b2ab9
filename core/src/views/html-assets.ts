// Inline stylesheet and script of the HTML partition view (the page loads nothing from anywhere).

/** The page's CSS. */
export const VIEW_CSS = `
body { margin: 0; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222; background: #fafafa; }
header { padding: 10px 18px; background: #263238; color: #fff; }
header h1 { margin: 0; font-size: 17px; font-weight: 600; }
header p { margin: 2px 0 0; color: #b0bec5; font-size: 12px; }
main { display: flex; gap: 14px; padding: 12px 18px; align-items: flex-start; }
#graph { flex: 1; min-width: 0; overflow: auto; max-height: 78vh; background: #fff; border: 1px solid #ddd; border-radius: 6px; }
aside { width: 340px; flex: none; display: flex; flex-direction: column; gap: 12px; }
section.card { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 10px 12px; }
section.card h2, .tables h2 { margin: 0 0 6px; font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: #546e7a; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; border: 1px solid #0003; vertical-align: -2px; margin-right: 6px; }
ul.counts { list-style: none; margin: 0; padding: 0; }
ul.counts li { padding: 2px 0; }
ul.counts b { font-variant-numeric: tabular-nums; }
#details { margin: 0; white-space: pre-wrap; font: 11px/1.45 ui-monospace, Menlo, Consolas, monospace; min-height: 6em; }
.tables { padding: 0 18px 24px; }
table { border-collapse: collapse; width: 100%; background: #fff; margin-bottom: 16px; font-size: 12px; }
th, td { border: 1px solid #e0e0e0; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #eceff1; }
td.mono { font-family: ui-monospace, Menlo, Consolas, monospace; }
svg text { font-family: system-ui, Helvetica, Arial, sans-serif; pointer-events: none; }
.node rect { stroke: #0005; stroke-width: 1; }
.node:hover rect, .node.sel rect { stroke: #000; stroke-width: 2.2; }
.edge { fill: none; stroke: #9e9e9e; stroke-width: 1.1; }
.edge.copy { stroke: #d62728; stroke-dasharray: 5 3; stroke-width: 1.7; }
.edge.hl { stroke: #1565c0; stroke-width: 2.4; }
.edge.copy.hl { stroke: #b71c1c; }
`;

/**
 * The page's script: hovering or focusing a node shows its details and highlights its edges. It
 * ends by setting `data-view-ready` on the body (the node count), so a headless check sees it ran.
 */
export const VIEW_JS = `
(function () {
  var details = document.getElementById('details');
  var edges = Array.prototype.slice.call(document.querySelectorAll('.edge'));
  var current = null;
  function show(g) {
    if (current) current.classList.remove('sel');
    current = g;
    g.classList.add('sel');
    var id = g.getAttribute('data-id');
    details.textContent = g.querySelector('title').textContent;
    edges.forEach(function (e) {
      var on = e.getAttribute('data-from') === id || e.getAttribute('data-to') === id;
      e.classList.toggle('hl', on);
    });
  }
  document.querySelectorAll('.node').forEach(function (g) {
    g.addEventListener('mouseenter', function () { show(g); });
    g.addEventListener('focus', function () { show(g); });
  });
  document.body.setAttribute('data-view-ready', String(document.querySelectorAll('.node').length));
})();
`;
