// The pytree node types PyTorch serializes (`serialized_type_name`), grouped by how they flatten.

/** Sequence containers: flatten to / unflatten from arrays. */
export const SEQUENCE_TYPES: ReadonlySet<string> = new Set([
  'builtins.tuple', 'builtins.list', 'torch.fx.immutable_collections.immutable_list', 'collections.deque',
]);

/** Mapping containers: context is the key list, children follow it. */
export const DICT_TYPES: ReadonlySet<string> = new Set([
  'builtins.dict', 'collections.OrderedDict', 'torch.fx.immutable_collections.immutable_dict', 'collections.defaultdict',
]);

/** Named tuples: context is the field-name list (resolved from `treespec_namedtuple_fields`). */
export const NAMEDTUPLE_TYPE = 'collections.namedtuple';

/** `None` as a node with no children (older PyTorch); newer ones write None as a leaf. */
export const NONE_TYPE = 'builtins.NoneType';
