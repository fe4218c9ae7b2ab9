// Weights and constants: `data/<kind>/<model>_<kind>_config.json` + raw storage entries -> Tensors.
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import { decodeTensorMeta } from '../schema/decode-tensor-meta.js';
import { asBool, asObject, asString, field, mapObject } from '../schema/json-path.js';
import { itemSize } from '../tensor/dtype.js';
import { hostStorage } from '../tensor/storage.js';
import { Tensor } from '../tensor/tensor.js';
import type { Pt2Archive } from './pt2-archive.js';

/** The two payload folders of a PT2 archive. */
export type PayloadKind = 'weights' | 'constants';

/** Path of the payload config of `model` (`data/weights/model_weights_config.json`). */
export function payloadConfigPath(model: string, kind: PayloadKind): string {
  return `data/${kind}/${model}_${kind}_config.json`;
}

function concreteInts(dims: readonly unknown[], what: string): number[] {
  return dims.map((d) => {
    if (typeof d !== 'number') throw new NativertError(ErrorCode.InvalidArchive, `${what}: symbolic size or stride ${JSON.stringify(d)} in a stored tensor`);
    return d;
  });
}

/**
 * Reads every tensor listed in the `kind` payload config of `model`, keyed by FQN. Storage bytes
 * are used in place when their offset in the archive is aligned for the dtype, else copied.
 * A missing config means no payload of that kind. Pickled payloads are refused by name.
 */
export function loadPayload(archive: Pt2Archive, model: string, kind: PayloadKind): Map<string, Tensor> {
  const configPath = payloadConfigPath(model, kind);
  const out = new Map<string, Tensor>();
  if (!archive.has(configPath)) return out;
  const where = `${archive.source}: ${configPath}`;
  const config = mapObject(field(asObject(archive.readJson(configPath), where), 'config', where), `${where}.config`, asObject);
  for (const [fqn, meta] of config) {
    const p = `${where}.config.${fqn}`;
    const pathName = asString(field(meta, 'path_name', p), `${p}.path_name`);
    if (asBool(field(meta, 'use_pickle', p), `${p}.use_pickle`)) {
      throw new NativertError(ErrorCode.UnsupportedVersion, `${archive.source}: ${kind} '${fqn}' (data/${kind}/${pathName}) is pickled (use_pickle: true); pickled payloads (custom objects, tensor subclasses) are not supported`);
    }
    const rawMeta = meta['tensor_meta'];
    if (rawMeta === null || rawMeta === undefined) throw new NativertError(ErrorCode.InvalidArchive, `${p}: no tensor_meta for a non-pickled payload`);
    const tm = decodeTensorMeta(rawMeta, `${p}.tensor_meta`);
    const sizes = concreteInts(tm.sizes, `${p}.tensor_meta.sizes`);
    const strides = concreteInts(tm.strides, `${p}.tensor_meta.strides`);
    const [offset] = concreteInts([tm.storageOffset], `${p}.tensor_meta.storage_offset`);
    const size = itemSize(tm.dtype);
    // Elements the view can reach: the last one is at offset + sum((size_i - 1) * stride_i).
    const reach = sizes.some((s) => s === 0) ? 0 : offset! + 1 + sizes.reduce((acc, s, i) => acc + (s - 1) * strides[i]!, 0);
    let bytes = archive.read(`data/${kind}/${pathName}`);
    if (bytes.byteLength < reach * size) {
      throw new NativertError(ErrorCode.InvalidArchive, `${archive.source}: ${kind} '${fqn}' (data/${kind}/${pathName}): expected at least ${reach * size} bytes for ${tm.dtype} [${sizes.join(', ')}] strides [${strides.join(', ')}] offset ${offset}, given ${bytes.byteLength}`);
    }
    if (bytes.byteOffset % size !== 0) bytes = bytes.slice();
    // The bytes are in host memory whatever device the exporter recorded; delegates move them.
    out.set(fqn, new Tensor(tm.dtype, sizes, hostStorage(bytes), strides, offset));
  }
  return out;
}
