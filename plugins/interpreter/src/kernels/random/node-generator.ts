import type { Node } from '@nativert/core';
import { Mt19937 } from './mt19937.js';

// A graph carries no seed, so each random node owns one MT19937 stream, seeded from its node name:
// a loaded program gives the same numbers on its first run every time it is loaded, and later runs
// continue the stream. PyTorch's own stream cannot be reproduced without its global seed state.
const streams = new WeakMap<Node, Mt19937>();

/** FNV-1a hash of `text`, the seed of a node's stream. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The random stream of `node` (created on first use; lives as long as the node). */
export function generatorFor(node: Node): Mt19937 {
  let g = streams.get(node);
  if (g === undefined) {
    g = new Mt19937(seedOf(`${node.name}:${node.target}`));
    streams.set(node, g);
  }
  return g;
}
