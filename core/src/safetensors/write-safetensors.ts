// safetensors writer.
import { writeFile } from 'node:fs/promises';
import { itemSize } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import { SAFETENSORS_METADATA_KEY } from './read-safetensors.js';
import { dtypeToSafetensors } from './safetensors-dtype.js';

/** Header and data are padded to this so every tensor lands aligned when sorted by item size. */
const ALIGN = 8;

/** The logical elements of `t`, row-major, as bytes (a window when already contiguous). */
function tensorBytes(t: Tensor): Uint8Array {
  const c = t.isContiguous() ? t : t.contiguous();
  const size = itemSize(c.dtype);
  const bytes = c.hostStorage().bytes;
  return bytes.subarray(c.offset * size, (c.offset + c.numel) * size);
}

/**
 * Serialises host tensors to safetensors bytes. Tensors are laid out by decreasing item size then
 * key (as the reference implementation does) so each one is aligned for its dtype; non-contiguous
 * tensors are written in row-major order. Optional `metadata` goes to `__metadata__`.
 */
export function writeSafetensors(tensors: ReadonlyMap<string, Tensor>, metadata?: Readonly<Record<string, string>>): Uint8Array {
  const order = [...tensors.entries()].sort(([ka, a], [kb, b]) => itemSize(b.dtype) - itemSize(a.dtype) || (ka < kb ? -1 : ka > kb ? 1 : 0));
  const header: Record<string, unknown> = {};
  if (metadata) header[SAFETENSORS_METADATA_KEY] = metadata;
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [key, t] of order) {
    const b = tensorBytes(t);
    header[key] = { dtype: dtypeToSafetensors(t.dtype), shape: [...t.shape], data_offsets: [offset, offset + b.byteLength] };
    chunks.push(b);
    offset += b.byteLength;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((ALIGN - ((8 + Buffer.byteLength(json)) % ALIGN)) % ALIGN);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.byteLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.byteLength), true);
  out.set(headerBytes, 8);
  let o = 8 + headerBytes.byteLength;
  for (const c of chunks) {
    out.set(c, o);
    o += c.byteLength;
  }
  return out;
}

/** Writes {@link writeSafetensors}' bytes to `path`. */
export async function saveSafetensors(path: string, tensors: ReadonlyMap<string, Tensor>, metadata?: Readonly<Record<string, string>>): Promise<void> {
  await writeFile(path, writeSafetensors(tensors, metadata));
}
