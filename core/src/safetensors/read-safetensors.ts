// safetensors reader: 8-byte little-endian header length, JSON header, then raw tensor bytes.
import { readFile } from 'node:fs/promises';
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import { asArray, asInt, asObject, asString, field } from '../schema/json-path.js';
import { itemSize } from '../tensor/dtype.js';
import { hostStorage } from '../tensor/storage.js';
import { numelOf, Tensor } from '../tensor/tensor.js';
import { dtypeFromSafetensors, safetensorsTags } from './safetensors-dtype.js';

/** Key of the optional string-to-string metadata in the header. */
export const SAFETENSORS_METADATA_KEY = '__metadata__';

/**
 * Reads every tensor of a safetensors file held in `bytes`, keyed as in the file (header order).
 * Tensor bytes are used in place when aligned for their dtype, else copied. `where` names the file
 * in errors, which also name the key at fault.
 */
export function readSafetensors(bytes: Uint8Array, where = '<buffer>'): Map<string, Tensor> {
  const fail = (msg: string): never => {
    throw new NativertError(ErrorCode.InvalidArchive, `${where}: ${msg}`);
  };
  if (bytes.byteLength < 8) fail(`too short for a safetensors file (${bytes.byteLength} bytes, header length needs 8)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = Number(view.getBigUint64(0, true));
  if (8 + headerLen > bytes.byteLength) fail(`header length ${headerLen} runs past the end of the file (${bytes.byteLength} bytes)`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLen)));
  } catch (e) {
    return fail(`header is not valid JSON: ${(e as Error).message}`);
  }
  const data = bytes.subarray(8 + headerLen);
  const out = new Map<string, Tensor>();
  for (const [key, entry] of Object.entries(asObject(header, `${where}: header`))) {
    if (key === SAFETENSORS_METADATA_KEY) continue;
    const p = `${where}: tensor '${key}'`;
    const e = asObject(entry, p);
    const tag = asString(field(e, 'dtype', p), `${p}.dtype`);
    const dtype = dtypeFromSafetensors(tag) ?? fail(`tensor '${key}': dtype '${tag}' is not supported (supported: ${safetensorsTags().join(', ')})`);
    const shape = asArray(field(e, 'shape', p), `${p}.shape`).map((d, i) => asInt(d, `${p}.shape[${i}]`));
    const offsets = asArray(field(e, 'data_offsets', p), `${p}.data_offsets`).map((d, i) => asInt(d, `${p}.data_offsets[${i}]`));
    const [begin, end] = offsets as [number, number];
    if (offsets.length !== 2 || begin < 0 || end < begin || end > data.byteLength) {
      fail(`tensor '${key}': data_offsets [${offsets.join(', ')}] outside the data section of ${data.byteLength} bytes`);
    }
    const expected = numelOf(shape) * itemSize(dtype);
    if (end - begin !== expected) fail(`tensor '${key}': ${tag} [${shape.join(', ')}] needs ${expected} bytes, data_offsets give ${end - begin}`);
    let raw = data.subarray(begin, end);
    if (raw.byteOffset % itemSize(dtype) !== 0) raw = raw.slice();
    out.set(key, new Tensor(dtype, shape, hostStorage(raw)));
  }
  return out;
}

/** Reads a safetensors file from disk (see {@link readSafetensors}). */
export async function loadSafetensors(path: string): Promise<Map<string, Tensor>> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new NativertError(ErrorCode.NotFound, `cannot read safetensors file '${path}': ${(e as Error).message}`, { cause: e });
  }
  return readSafetensors(bytes, path);
}
