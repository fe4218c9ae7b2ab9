// A zip central-directory reader that hands out stored entries as windows into the file buffer.
// fflate's unzipSync copies stored entries, and PT2 weights are stored precisely so they can be
// used in place; fflate is used only to inflate deflated entries.
import { inflateSync } from 'fflate';
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const U32_MAX = 0xffffffff;
const STORED = 0;
const DEFLATED = 8;

/** One file in a zip, as its central directory describes it. */
export interface ZipEntryInfo {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

/**
 * A read-only view of a zip held in memory. The reader keeps `bytes` alive; stored entries are
 * returned as subarrays of it (no copy), deflated ones are inflated into fresh buffers on each read.
 */
export class ZipReader {
  private constructor(
    private readonly bytes: Uint8Array,
    /** File name or `<buffer>`, for messages. */
    readonly where: string,
    private readonly entries: ReadonlyMap<string, ZipEntryInfo>,
  ) {}

  /** Parses the central directory of `bytes`; throws InvalidArchive when it is not a (complete) zip. */
  static open(bytes: Uint8Array, where: string): ZipReader {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const fail = (msg: string): never => {
      throw new NativertError(ErrorCode.InvalidArchive, `${where}: ${msg}`);
    };
    const eocd = findEocd(view);
    if (eocd < 0) {
      const looksZip = bytes.length >= 4 && view.getUint32(0, true) === LOCAL_SIG;
      fail(looksZip
        ? `truncated zip: starts with a zip local header but has no end-of-central-directory record (${bytes.length} bytes)`
        : `not a zip archive (no end-of-central-directory record in ${bytes.length} bytes)`);
    }
    let count = view.getUint16(eocd + 10, true);
    let cdOffset = view.getUint32(eocd + 16, true);
    if (eocd >= 20 && view.getUint32(eocd - 20, true) === ZIP64_LOCATOR_SIG) {
      const z = Number(view.getBigUint64(eocd - 12, true));
      if (z + 56 > bytes.length || view.getUint32(z, true) !== ZIP64_EOCD_SIG) fail('truncated zip: zip64 end-of-central-directory record missing');
      count = Number(view.getBigUint64(z + 32, true));
      cdOffset = Number(view.getBigUint64(z + 48, true));
    }
    const entries = new Map<string, ZipEntryInfo>();
    const decoder = new TextDecoder();
    let o = cdOffset;
    for (let i = 0; i < count; i++) {
      if (o + 46 > bytes.length || view.getUint32(o, true) !== CENTRAL_SIG) fail(`truncated zip: central directory entry ${i} of ${count} missing at offset ${o}`);
      const nameLen = view.getUint16(o + 28, true);
      const extraLen = view.getUint16(o + 30, true);
      const commentLen = view.getUint16(o + 32, true);
      const name = decoder.decode(bytes.subarray(o + 46, o + 46 + nameLen));
      let compressedSize = view.getUint32(o + 20, true);
      let size = view.getUint32(o + 24, true);
      let localHeaderOffset = view.getUint32(o + 42, true);
      // Zip64 extra field: 64-bit values for those set to 0xffffffff, in this order.
      for (let e = o + 46 + nameLen; e + 4 <= o + 46 + nameLen + extraLen;) {
        const id = view.getUint16(e, true);
        const len = view.getUint16(e + 2, true);
        if (id === 1) {
          let q = e + 4;
          const next = (): number => { const v = Number(view.getBigUint64(q, true)); q += 8; return v; };
          if (size === U32_MAX) size = next();
          if (compressedSize === U32_MAX) compressedSize = next();
          if (localHeaderOffset === U32_MAX) localHeaderOffset = next();
        }
        e += 4 + len;
      }
      entries.set(name, { name, method: view.getUint16(o + 10, true), compressedSize, size, localHeaderOffset });
      o += 46 + nameLen + extraLen + commentLen;
    }
    return new ZipReader(bytes, where, entries);
  }

  /** Every entry name, in central-directory order. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  /** Central-directory information of entry `name`, or undefined. */
  tryGetInfo(name: string): ZipEntryInfo | undefined {
    return this.entries.get(name);
  }

  /**
   * The bytes of entry `name`: a window into the zip buffer when stored (shares its lifetime; do
   * not write to it), a fresh buffer when deflated. Throws NotFound / InvalidArchive.
   */
  read(name: string): Uint8Array {
    const info = this.entries.get(name);
    if (!info) throw new NativertError(ErrorCode.NotFound, `${this.where}: no entry '${name}'`);
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const h = info.localHeaderOffset;
    const fail = (msg: string): never => {
      throw new NativertError(ErrorCode.InvalidArchive, `${this.where}: entry '${name}': ${msg}`);
    };
    if (h + 30 > this.bytes.length || view.getUint32(h, true) !== LOCAL_SIG) fail(`local header missing at offset ${h} (truncated or corrupt zip)`);
    const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
    const end = start + info.compressedSize;
    if (end > this.bytes.length) fail(`data runs past the end of the file (needs ${end} bytes, file has ${this.bytes.length}; truncated zip)`);
    const raw = this.bytes.subarray(start, end);
    if (info.method === STORED) return raw;
    if (info.method === DEFLATED) {
      try {
        return inflateSync(raw, { out: new Uint8Array(info.size) });
      } catch (e) {
        return fail(`cannot inflate (${(e as Error).message})`);
      }
    }
    return fail(`compression method ${info.method} is not supported (expected 0 stored or 8 deflated)`);
  }
}

/** Offset of the end-of-central-directory record, or -1. */
function findEocd(view: DataView): number {
  const min = Math.max(0, view.byteLength - EOCD_SIZE - MAX_COMMENT);
  for (let e = view.byteLength - EOCD_SIZE; e >= min; e--) {
    if (view.getUint32(e, true) === EOCD_SIG) return e;
  }
  return -1;
}
