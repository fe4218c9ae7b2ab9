// Schema `Argument` tagged union -> IR Argument.
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { Argument, SymRef } from '../ir/argument.js';
import { dtypeFromSchema } from '../tensor/dtype.js';
import { decodeDevice, decodeLayout, decodeMemoryFormat } from './decode-enums.js';
import { decodeGraph } from './decode-graph.js';
import { asArray, asBool, asFloat, asInt, asObject, asString, field, malformed, mapArray, mapObject, unionTag } from './json-path.js';

function tensorName(v: unknown, path: string): string {
  return asString(field(asObject(v, path), 'name', path), `${path}.name`);
}

function optionalTensorName(v: unknown, path: string): string | null {
  const [tag, value] = unionTag(v, path);
  if (tag === 'as_tensor') return tensorName(value, `${path}.as_tensor`);
  if (tag === 'as_none') return null;
  return malformed(path, 'an optional tensor {as_tensor | as_none}', v);
}

/** A `Sym*Argument` union: `{as_name}` or the literal tag `literalTag`. */
function symRef<T>(v: unknown, path: string, literalTag: string, literal: (x: unknown, p: string) => T): SymRef<T> {
  const [tag, value] = unionTag(v, path);
  if (tag === 'as_name') return { kind: 'name', name: asString(value, `${path}.as_name`) };
  if (tag === literalTag) return { kind: 'literal', value: literal(value, `${path}.${tag}`) };
  return malformed(path, `{as_name | ${literalTag}}`, v);
}

const symInt = (v: unknown, p: string) => symRef(v, p, 'as_int', asInt);
const symFloat = (v: unknown, p: string) => symRef(v, p, 'as_float', asFloat);
const symBool = (v: unknown, p: string) => symRef(v, p, 'as_bool', asBool);

/**
 * Decodes one schema `Argument` (`{as_tensor: {name}}`, `{as_ints: [...]}`, ...). `path` names the
 * file and JSON location for errors; unknown tags raise InvalidArchive naming the tag.
 */
export function decodeArgument(v: unknown, path: string): Argument {
  const [tag, value] = unionTag(v, path);
  const p = `${path}.${tag}`;
  switch (tag) {
    case 'as_none': return { kind: 'none' };
    case 'as_tensor': return { kind: 'tensor', name: tensorName(value, p) };
    case 'as_tensors': return { kind: 'tensors', names: mapArray(value, p, tensorName) };
    case 'as_optional_tensor': return { kind: 'optional_tensor', name: optionalTensorName(value, p) };
    case 'as_optional_tensors': return { kind: 'optional_tensors', names: mapArray(value, p, optionalTensorName) };
    case 'as_nested_tensors': return { kind: 'nested_tensors', names: mapArray(value, p, (x, q) => mapArray(x, q, tensorName)) };
    case 'as_int': return { kind: 'int', value: asInt(value, p) };
    case 'as_ints': return { kind: 'ints', values: mapArray(value, p, asInt) };
    case 'as_int_lists': return { kind: 'int_lists', values: mapArray(value, p, (x, q) => mapArray(x, q, asInt)) };
    case 'as_float': return { kind: 'float', value: asFloat(value, p) };
    case 'as_floats': return { kind: 'floats', values: mapArray(value, p, asFloat) };
    case 'as_float_lists': return { kind: 'float_lists', values: mapArray(value, p, (x, q) => mapArray(x, q, asFloat)) };
    case 'as_string': return { kind: 'string', value: asString(value, p) };
    case 'as_strings': return { kind: 'strings', values: mapArray(value, p, asString) };
    case 'as_bool': return { kind: 'bool', value: asBool(value, p) };
    case 'as_bools': return { kind: 'bools', values: mapArray(value, p, asBool) };
    case 'as_sym_int': return { kind: 'sym_int', value: symInt(value, p) };
    case 'as_sym_ints': return { kind: 'sym_ints', values: mapArray(value, p, symInt) };
    case 'as_sym_float': return { kind: 'sym_float', value: symFloat(value, p) };
    case 'as_sym_floats': return { kind: 'sym_floats', values: mapArray(value, p, symFloat) };
    case 'as_sym_bool': return { kind: 'sym_bool', value: symBool(value, p) };
    case 'as_sym_bools': return { kind: 'sym_bools', values: mapArray(value, p, symBool) };
    case 'as_scalar_type': return { kind: 'scalar_type', dtype: dtypeFromSchema(asInt(value, p), p) };
    case 'as_memory_format': return { kind: 'memory_format', value: decodeMemoryFormat(value, p) };
    case 'as_layout': return { kind: 'layout', value: decodeLayout(value, p) };
    case 'as_device': return { kind: 'device', device: decodeDevice(value, p) };
    case 'as_complex': {
      const obj = asObject(value, p);
      return { kind: 'complex', real: asFloat(field(obj, 'real', p), `${p}.real`), imag: asFloat(field(obj, 'imag', p), `${p}.imag`) };
    }
    case 'as_graph': {
      const obj = asObject(value, p);
      return { kind: 'graph', name: asString(field(obj, 'name', p), `${p}.name`), graph: decodeGraph(field(obj, 'graph', p), `${p}.graph`) };
    }
    case 'as_custom_obj': {
      const obj = asObject(value, p);
      return { kind: 'custom_obj', name: asString(field(obj, 'name', p), `${p}.name`), classFqn: asString(field(obj, 'class_fqn', p), `${p}.class_fqn`) };
    }
    case 'as_operator': return { kind: 'operator', name: asString(value, p) };
    case 'as_string_to_argument': return { kind: 'string_to_argument', entries: mapObject(value, p, decodeArgument) };
    default:
      throw new NativertError(ErrorCode.InvalidArchive, `${path}: unknown argument kind '${tag}'`);
  }
}

/** Decodes a list of schema `Argument`s. */
export function decodeArguments(v: unknown, path: string): Argument[] {
  return asArray(v, path).map((x, i) => decodeArgument(x, `${path}[${i}]`));
}
