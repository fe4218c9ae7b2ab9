// Schema `GraphSignature` (input_specs / output_specs) -> IR InputSpec / OutputSpec.
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { InputSpec, OutputSpec } from '../ir/program.js';
import { decodeArgument } from './decode-argument.js';
import { asBool, asObject, asString, field, unionTag } from './json-path.js';
import type { JsonObject } from './json-path.js';

/** `spec.arg.name` (TensorArgument / TokenArgument / CustomObjArgument). */
function argName(spec: JsonObject, path: string): string {
  const arg = asObject(field(spec, 'arg', path), `${path}.arg`);
  return asString(field(arg, 'name', `${path}.arg`), `${path}.arg.name`);
}

function str(spec: JsonObject, key: string, path: string): string {
  return asString(field(spec, key, path), `${path}.${key}`);
}

/** Decodes one schema `InputSpec`. */
export function decodeInputSpec(v: unknown, path: string): InputSpec {
  const [tag, value] = unionTag(v, path);
  const p = `${path}.${tag}`;
  const s = asObject(value, p);
  switch (tag) {
    case 'user_input': return { kind: 'user_input', arg: decodeArgument(field(s, 'arg', p), `${p}.arg`) };
    case 'parameter': return { kind: 'parameter', name: argName(s, p), target: str(s, 'parameter_name', p) };
    case 'buffer': return { kind: 'buffer', name: argName(s, p), target: str(s, 'buffer_name', p), persistent: asBool(field(s, 'persistent', p), `${p}.persistent`) };
    case 'tensor_constant': return { kind: 'tensor_constant', name: argName(s, p), target: str(s, 'tensor_constant_name', p) };
    case 'custom_obj': return { kind: 'custom_obj', name: argName(s, p), target: str(s, 'custom_obj_name', p) };
    case 'token': return { kind: 'token', name: argName(s, p) };
    // ConstantValue's tags are a subset of Argument's, so the argument decoder reads it.
    case 'constant_input': return { kind: 'constant_input', name: str(s, 'name', p), value: decodeArgument(field(s, 'value', p), `${p}.value`) };
    default: throw new NativertError(ErrorCode.InvalidArchive, `${path}: unknown input spec kind '${tag}'`);
  }
}

/** Decodes one schema `OutputSpec`. */
export function decodeOutputSpec(v: unknown, path: string): OutputSpec {
  const [tag, value] = unionTag(v, path);
  const p = `${path}.${tag}`;
  const s = asObject(value, p);
  switch (tag) {
    case 'user_output': return { kind: 'user_output', arg: decodeArgument(field(s, 'arg', p), `${p}.arg`) };
    case 'loss_output': return { kind: 'loss_output', name: argName(s, p) };
    case 'buffer_mutation': return { kind: 'buffer_mutation', name: argName(s, p), target: str(s, 'buffer_name', p) };
    case 'parameter_mutation': return { kind: 'parameter_mutation', name: argName(s, p), target: str(s, 'parameter_name', p) };
    case 'user_input_mutation': return { kind: 'user_input_mutation', name: argName(s, p), target: str(s, 'user_input_name', p) };
    case 'gradient_to_parameter': return { kind: 'gradient_to_parameter', name: argName(s, p), target: str(s, 'parameter_name', p) };
    case 'gradient_to_user_input': return { kind: 'gradient_to_user_input', name: argName(s, p), target: str(s, 'user_input_name', p) };
    case 'token': return { kind: 'token', name: argName(s, p) };
    default: throw new NativertError(ErrorCode.InvalidArchive, `${path}: unknown output spec kind '${tag}'`);
  }
}
