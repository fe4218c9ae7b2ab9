// Schema enums (Layout, MemoryFormat, Device) -> IR values.
import type { Layout, MemoryFormat } from '../ir/argument.js';
import type { Device } from '../tensor/device.js';
import { asInt, asObject, asString, field, malformed } from './json-path.js';

const LAYOUTS: readonly Layout[] = ['unknown', 'sparse_coo', 'sparse_csr', 'sparse_csc', 'sparse_bsr', 'sparse_bsc', 'mkldnn', 'strided'];
const MEMORY_FORMATS: readonly MemoryFormat[] = ['unknown', 'contiguous_format', 'channels_last', 'channels_last_3d', 'preserve_format'];

/** Schema `Layout` number -> {@link Layout}. */
export function decodeLayout(v: unknown, path: string): Layout {
  return LAYOUTS[asInt(v, path)] ?? malformed(path, `a layout number 0..${LAYOUTS.length - 1}`, v);
}

/** Schema `MemoryFormat` number -> {@link MemoryFormat}. */
export function decodeMemoryFormat(v: unknown, path: string): MemoryFormat {
  return MEMORY_FORMATS[asInt(v, path)] ?? malformed(path, `a memory format number 0..${MEMORY_FORMATS.length - 1}`, v);
}

/** Schema `Device {type, index}`; a null index (unspecified) reads as 0. */
export function decodeDevice(v: unknown, path: string): Device {
  const obj = asObject(v, path);
  const type = asString(field(obj, 'type', path), `${path}.type`);
  const index = obj['index'] === null || obj['index'] === undefined ? 0 : asInt(obj['index'], `${path}.index`);
  return { type, index };
}
