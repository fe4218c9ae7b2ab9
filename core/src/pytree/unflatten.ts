// Rebuilding a structured value from leaves and a TreeSpec, as PyTorch's tree_unflatten does.
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { TreeSpec } from '../ir/tree-spec.js';
import { treeSpecLeafCount } from './parse-tree-spec.js';
import { DICT_TYPES, NAMEDTUPLE_TYPE, NONE_TYPE } from './tree-spec-types.js';

function build(spec: TreeSpec, leaves: readonly unknown[], next: { i: number }): unknown {
  if (spec.type === null) return leaves[next.i++];
  if (spec.type === NONE_TYPE) return null;
  const values = spec.children.map((c) => build(c, leaves, next));
  const keys = spec.context as readonly unknown[] | null;
  // Namedtuples with known fields and dicts become objects; everything else an array.
  if ((DICT_TYPES.has(spec.type) || spec.type === NAMEDTUPLE_TYPE) && keys !== null) {
    return Object.fromEntries(keys.map((k, i) => [String(k), values[i]]));
  }
  return values;
}

/**
 * Rebuilds the program's output from its leaves following `outSpec`: tuples and lists become
 * arrays, dicts objects keyed in spec order, namedtuples objects with their field names, None null.
 * Throws InvalidArgument when the leaf count differs from the spec's.
 */
export function unflattenOutputs(outSpec: TreeSpec, leaves: readonly unknown[]): unknown {
  const want = treeSpecLeafCount(outSpec);
  if (leaves.length !== want) {
    throw new NativertError(ErrorCode.InvalidArgument, `out_spec has ${want} leaves, given ${leaves.length} values`);
  }
  return build(outSpec, leaves, { i: 0 });
}
