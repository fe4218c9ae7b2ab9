/**
 * A pytree spec node, as PyTorch's `treespec_dumps` writes it (protocol 1). A leaf has
 * `type === null`. `context` is the decoded JSON context (dict keys, namedtuple fields, or null).
 */
export interface TreeSpec {
  readonly type: string | null;
  readonly context: unknown;
  readonly children: readonly TreeSpec[];
}
