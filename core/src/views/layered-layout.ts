/** Box sizes and spacing of a layered layout, in pixels. */
export interface LayoutMetrics {
  readonly nodeWidth: number;
  readonly nodeHeight: number;
  /** Horizontal gap between boxes of one layer. */
  readonly gapX: number;
  /** Vertical distance between layer centres. */
  readonly layerHeight: number;
  readonly margin: number;
}

/** Centre of each node, the layer it sits in, and the drawing's size. */
export interface GraphLayout {
  readonly positions: ReadonlyMap<string, { readonly x: number; readonly y: number; readonly layer: number }>;
  readonly width: number;
  readonly height: number;
}

/**
 * A simple top-to-bottom layered layout (Sugiyama without dummy nodes): layer = longest path from
 * a source, sources pulled down to just above their first consumer (so weights sit beside the op
 * that reads them), then a few barycenter sweeps to reduce crossings. `ids` must be in a
 * topological order of `edges`.
 */
export function layeredLayout(ids: readonly string[], edges: readonly (readonly [string, string])[], m: LayoutMetrics): GraphLayout {
  const preds = new Map<string, string[]>(ids.map((id) => [id, []]));
  const succs = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [a, b] of edges) {
    preds.get(b)?.push(a);
    succs.get(a)?.push(b);
  }
  const layer = new Map<string, number>();
  for (const id of ids) layer.set(id, Math.max(-1, ...preds.get(id)!.map((p) => layer.get(p) ?? 0)) + 1);
  for (const id of ids) {
    const s = succs.get(id)!;
    if (preds.get(id)!.length === 0 && s.length > 0) layer.set(id, Math.max(0, Math.min(...s.map((x) => layer.get(x)!)) - 1));
  }
  const depth = Math.max(0, ...layer.values()) + 1;
  const layers: string[][] = Array.from({ length: depth }, () => []);
  for (const id of ids) layers[layer.get(id)!]!.push(id);

  const order = new Map<string, number>();
  const renumber = () => layers.forEach((l) => l.forEach((id, i) => order.set(id, i - (l.length - 1) / 2)));
  renumber();
  const sweep = (l: string[], neighbours: Map<string, string[]>) => {
    const bary = new Map(l.map((id) => {
      const ns = neighbours.get(id)!.filter((n) => order.has(n));
      return [id, ns.length > 0 ? ns.reduce((s, n) => s + order.get(n)!, 0) / ns.length : order.get(id)!];
    }));
    l.sort((a, b) => bary.get(a)! - bary.get(b)!);
  };
  for (let pass = 0; pass < 4; pass++) {
    for (const l of layers.slice(1)) sweep(l, preds);
    renumber();
    for (const l of layers.slice(0, -1).reverse()) sweep(l, succs);
    renumber();
  }

  const slot = m.nodeWidth + m.gapX;
  const widest = Math.max(1, ...layers.map((l) => l.length));
  const width = widest * slot - m.gapX + 2 * m.margin;
  const positions = new Map<string, { x: number; y: number; layer: number }>();
  layers.forEach((l, li) => {
    l.forEach((id, i) => positions.set(id, { x: width / 2 + (i - (l.length - 1) / 2) * slot, y: m.margin + m.nodeHeight / 2 + li * m.layerHeight, layer: li }));
  });
  return { positions, width, height: 2 * m.margin + m.nodeHeight + (depth - 1) * m.layerHeight };
}
