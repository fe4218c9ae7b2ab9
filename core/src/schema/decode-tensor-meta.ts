// Schema TensorMeta and the symbolic scalars (SymInt/SymFloat/SymBool) it and the graph use.
import type { SymDim, TensorMeta } from '../ir/graph.js';
import { dtypeFromSchema } from '../tensor/dtype.js';
import { decodeDevice, decodeLayout } from './decode-enums.js';
import { asBool, asFloat, asInt, asObject, asString, field, malformed, mapArray, unionTag } from './json-path.js';
import { symExprToInfix } from './sym-expr.js';

/** A symbolic value with its expression in infix form and the hint recorded at export. */
export interface SymExpr<T> {
  readonly expr: string;
  readonly hint?: T;
}

function decodeSymExpr<T>(v: unknown, path: string, hintTag: string, decodeHint: (x: unknown, p: string) => T): SymExpr<T> {
  const obj = asObject(v, path);
  const expr = symExprToInfix(asString(field(obj, 'expr_str', path), `${path}.expr_str`));
  const rawHint = obj['hint'];
  if (rawHint === null || rawHint === undefined) return { expr };
  const [tag, value] = unionTag(rawHint, `${path}.hint`);
  if (tag !== hintTag) malformed(`${path}.hint`, `{${hintTag}: ...}`, rawHint);
  return { expr, hint: decodeHint(value, `${path}.hint.${tag}`) };
}

/** Schema `SymInt` (`{as_int}` or `{as_expr}`) -> {@link SymDim}. */
export function decodeSymInt(v: unknown, path: string): SymDim {
  const [tag, value] = unionTag(v, path);
  if (tag === 'as_int') return asInt(value, `${path}.as_int`);
  if (tag === 'as_expr') return decodeSymExpr(value, `${path}.as_expr`, 'as_int', asInt);
  return malformed(path, 'a SymInt {as_int | as_expr}', v);
}

/** Schema `SymFloat` (`{as_float}` or `{as_expr}`). */
export function decodeSymFloat(v: unknown, path: string): number | SymExpr<number> {
  const [tag, value] = unionTag(v, path);
  if (tag === 'as_float') return asFloat(value, `${path}.as_float`);
  if (tag === 'as_expr') return decodeSymExpr(value, `${path}.as_expr`, 'as_float', asFloat);
  return malformed(path, 'a SymFloat {as_float | as_expr}', v);
}

/** Schema `SymBool` (`{as_bool}` or `{as_expr}`). */
export function decodeSymBool(v: unknown, path: string): boolean | SymExpr<boolean> {
  const [tag, value] = unionTag(v, path);
  if (tag === 'as_bool') return asBool(value, `${path}.as_bool`);
  if (tag === 'as_expr') return decodeSymExpr(value, `${path}.as_expr`, 'as_bool', asBool);
  return malformed(path, 'a SymBool {as_bool | as_expr}', v);
}

/** Schema `TensorMeta` -> {@link TensorMeta}. */
export function decodeTensorMeta(v: unknown, path: string): TensorMeta {
  const obj = asObject(v, path);
  return {
    dtype: dtypeFromSchema(asInt(field(obj, 'dtype', path), `${path}.dtype`), `${path}.dtype`),
    sizes: mapArray(field(obj, 'sizes', path), `${path}.sizes`, decodeSymInt),
    strides: mapArray(field(obj, 'strides', path), `${path}.strides`, decodeSymInt),
    storageOffset: decodeSymInt(field(obj, 'storage_offset', path), `${path}.storage_offset`),
    device: decodeDevice(field(obj, 'device', path), `${path}.device`),
    requiresGrad: asBool(field(obj, 'requires_grad', path), `${path}.requires_grad`),
    layout: decodeLayout(field(obj, 'layout', path), `${path}.layout`),
  };
}
