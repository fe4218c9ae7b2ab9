// A PT2 archive: a zip whose entries sit under one top-level folder, checked for format and byte order.
import { open } from 'node:fs/promises';
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import { ZipReader } from './zip-reader.js';

/** Where a source came from, for messages, when it is a buffer. */
export const BUFFER_SOURCE = '<buffer>';

const MODEL_JSON = /^models\/([^/]+)\.json$/;

/**
 * An opened PT2 archive. Paths are relative to the archive's root folder (`models/model.json`).
 * The archive holds the whole file in memory; entries read from it may be windows into that buffer.
 */
export class Pt2Archive {
  private constructor(
    private readonly zip: ZipReader,
    /** The path it was read from, or `<buffer>`. */
    readonly source: string,
    /** The top-level folder every entry sits under (no trailing slash). */
    readonly root: string,
    /** Entry paths relative to {@link root}, directories excluded. */
    readonly paths: readonly string[],
  ) {}

  /** Reads `source` (a file path or the archive's bytes) and checks `archive_format` and `byteorder`. */
  static async open(source: string | Uint8Array): Promise<Pt2Archive> {
    if (typeof source !== 'string') return Pt2Archive.fromBytes(source, BUFFER_SOURCE);
    let bytes: Uint8Array;
    try {
      bytes = await readWhole(source);
    } catch (e) {
      throw new NativertError(ErrorCode.NotFound, `cannot read archive '${source}': ${(e as Error).message}`, { cause: e });
    }
    return Pt2Archive.fromBytes(bytes, source);
  }

  /** Opens an archive already in memory; `where` names it in messages. */
  static fromBytes(bytes: Uint8Array, where: string): Pt2Archive {
    const zip = ZipReader.open(bytes, where);
    const files = zip.names().filter((n) => !n.endsWith('/'));
    const roots = [...new Set(files.map((n) => n.split('/')[0]!))];
    if (files.length === 0) throw new NativertError(ErrorCode.InvalidArchive, `${where}: the zip is empty`);
    if (roots.length !== 1 || files.some((n) => !n.includes('/'))) {
      throw new NativertError(ErrorCode.InvalidArchive, `${where}: entries must sit under one top-level folder, found ${roots.slice(0, 5).map((r) => `'${r}'`).join(', ')}`);
    }
    const root = roots[0]!;
    const archive = new Pt2Archive(zip, where, root, files.map((n) => n.slice(root.length + 1)));
    archive.checkFormat();
    return archive;
  }

  private checkFormat(): void {
    const format = this.tryReadText('archive_format');
    if (format === undefined) throw new NativertError(ErrorCode.InvalidArchive, `${this.source}: missing '${this.root}/archive_format' (not a PT2 archive)`);
    if (format.trim() !== 'pt2') throw new NativertError(ErrorCode.UnsupportedVersion, `${this.source}: archive_format is '${format.trim()}', expected 'pt2'`);
    // Archives written before the byteorder entry existed are little-endian.
    const order = this.tryReadText('byteorder')?.trim() ?? 'little';
    if (order !== 'little') throw new NativertError(ErrorCode.UnsupportedVersion, `${this.source}: byteorder is '${order}', only 'little' is supported`);
  }

  /** True when entry `path` exists. */
  has(path: string): boolean {
    return this.zip.tryGetInfo(`${this.root}/${path}`) !== undefined;
  }

  /** Entry bytes (stored entries in place); throws NotFound naming the entry. */
  read(path: string): Uint8Array {
    if (!this.has(path)) throw new NativertError(ErrorCode.NotFound, `${this.source}: missing entry '${this.root}/${path}'`);
    return this.zip.read(`${this.root}/${path}`);
  }

  /** Entry text (UTF-8), or undefined when absent. */
  tryReadText(path: string): string | undefined {
    return this.has(path) ? new TextDecoder().decode(this.read(path)) : undefined;
  }

  /** Parsed JSON of entry `path`; InvalidArchive naming the entry and the JSON error when malformed. */
  readJson(path: string): unknown {
    const text = new TextDecoder().decode(this.read(path));
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new NativertError(ErrorCode.InvalidArchive, `${this.source}: entry '${path}' is not valid JSON: ${(e as Error).message}`);
    }
  }

  /** Names of the models in the archive (`models/<name>.json`), sorted. */
  modelNames(): string[] {
    return this.paths.flatMap((p) => MODEL_JSON.exec(p)?.[1] ?? []).sort();
  }
}

/**
 * The file's bytes, read with as few requests as the OS allows: `readFile` reads 512 KiB at a time,
 * each chunk waiting for the main thread, so an archive read stalled behind module loading and
 * planning instead of proceeding beside them.
 */
async function readWhole(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const bytes = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await file.read(bytes, done, size - done, done);
      if (bytesRead === 0) throw new Error(`file shrank while reading (${done} of ${size} bytes)`);
      done += bytesRead;
    }
    return bytes;
  } finally {
    await file.close();
  }
}
