import type { Device } from '../tensor/device.js';
import type { DType } from '../tensor/dtype.js';
import type { Graph } from './graph.js';

/** A symbolic int/float/bool argument: either a literal or the name of a symbolic value in the graph. */
export type SymRef<T> = { readonly kind: 'literal'; readonly value: T } | { readonly kind: 'name'; readonly name: string };

/** Memory formats of the schema (`MemoryFormat`). */
export type MemoryFormat = 'unknown' | 'contiguous_format' | 'channels_last' | 'channels_last_3d' | 'preserve_format';

/** Layouts of the schema (`Layout`); only `strided` tensors are runnable. */
export type Layout = 'unknown' | 'sparse_coo' | 'sparse_csr' | 'sparse_csc' | 'sparse_bsr' | 'sparse_bsc' | 'mkldnn' | 'strided';

/**
 * One argument or output of a node, decoded from the schema's `Argument` tagged union.
 * Tensor and symbolic values are referenced by name; their metadata lives in {@link Graph.values}.
 */
export type Argument =
  | { readonly kind: 'none' }
  | { readonly kind: 'tensor'; readonly name: string }
  | { readonly kind: 'tensors'; readonly names: readonly string[] }
  | { readonly kind: 'optional_tensor'; readonly name: string | null }
  | { readonly kind: 'optional_tensors'; readonly names: readonly (string | null)[] }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'ints'; readonly values: readonly number[] }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'floats'; readonly values: readonly number[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'strings'; readonly values: readonly string[] }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'bools'; readonly values: readonly boolean[] }
  | { readonly kind: 'sym_int'; readonly value: SymRef<number> }
  | { readonly kind: 'sym_ints'; readonly values: readonly SymRef<number>[] }
  | { readonly kind: 'sym_float'; readonly value: SymRef<number> }
  | { readonly kind: 'sym_floats'; readonly values: readonly SymRef<number>[] }
  | { readonly kind: 'sym_bool'; readonly value: SymRef<boolean> }
  | { readonly kind: 'sym_bools'; readonly values: readonly SymRef<boolean>[] }
  | { readonly kind: 'scalar_type'; readonly dtype: DType }
  | { readonly kind: 'memory_format'; readonly value: MemoryFormat }
  | { readonly kind: 'layout'; readonly value: Layout }
  | { readonly kind: 'device'; readonly device: Device }
  | { readonly kind: 'complex'; readonly real: number; readonly imag: number }
  | { readonly kind: 'graph'; readonly name: string; readonly graph: Graph }
  | { readonly kind: 'custom_obj'; readonly name: string; readonly classFqn: string }
  | { readonly kind: 'operator'; readonly name: string }
  | { readonly kind: 'int_lists'; readonly values: readonly (readonly number[])[] }
  | { readonly kind: 'float_lists'; readonly values: readonly (readonly number[])[] }
  | { readonly kind: 'string_to_argument'; readonly entries: ReadonlyMap<string, Argument> }
  | { readonly kind: 'nested_tensors'; readonly names: readonly (readonly string[])[] };

/** The `kind` tag of {@link Argument}. */
export type ArgumentKind = Argument['kind'];

/** Names of every graph value (tensor or symbolic) an argument reads, in order. */
export function argumentValueNames(arg: Argument): string[] {
  const refs = (xs: readonly SymRef<unknown>[]) => xs.flatMap((x) => (x.kind === 'name' ? [x.name] : []));
  switch (arg.kind) {
    case 'tensor': return [arg.name];
    case 'tensors': return [...arg.names];
    case 'optional_tensor': return arg.name === null ? [] : [arg.name];
    case 'optional_tensors': return arg.names.filter((n): n is string => n !== null);
    case 'nested_tensors': return arg.names.flat();
    case 'sym_int': case 'sym_float': case 'sym_bool': return refs([arg.value]);
    case 'sym_ints': case 'sym_floats': case 'sym_bools': return refs(arg.values);
    case 'string_to_argument': return [...arg.entries.values()].flatMap(argumentValueNames);
    default: return [];
  }
}
