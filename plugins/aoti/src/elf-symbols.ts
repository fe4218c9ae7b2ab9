// Reads a shared object's dynamic symbol table without loading it: the plugin checks what a
// model .so needs from the shim before any of its code (static initialisers included) runs.
import { ErrorCode, NativertError } from '@nativert/core';

/** What the dynamic loader would resolve for one ELF shared object. */
export interface ElfDynamicInfo {
  /** DT_NEEDED library names (`libtorch_cpu.so`, `libgomp.so.1`). */
  readonly needed: readonly string[];
  /** Symbols the object imports (undefined in its .dynsym), without version suffixes. */
  readonly imports: readonly string[];
  /** Symbols the object defines and exports. */
  readonly exports: readonly string[];
}

const SHT_DYNAMIC = 6;
const SHT_DYNSYM = 11;
const DT_NEEDED = 1n;
const EM_X86_64 = 62;

/**
 * Parses the ELF64 little-endian header, section table, `.dynsym`/`.dynstr` and `.dynamic` of
 * `bytes`. `where` names the file in errors. Throws InvalidArchive for anything else.
 */
export function readElfDynamic(bytes: Uint8Array, where: string): ElfDynamicInfo {
  const bad = (what: string) => new NativertError(ErrorCode.InvalidArchive, `${where}: not a loadable ELF shared object (${what})`);
  if (bytes.length < 64 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) throw bad('no ELF magic');
  if (bytes[4] !== 2 || bytes[5] !== 1) throw bad(`expected ELF64 little-endian, given class ${bytes[4]} data ${bytes[5]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const machine = view.getUint16(0x12, true);
  if (machine !== EM_X86_64) throw bad(`expected machine x86-64 (62), given ${machine}`);
  const shoff = Number(view.getBigUint64(0x28, true));
  const shentsize = view.getUint16(0x3a, true);
  const shnum = view.getUint16(0x3c, true);
  if (shoff + shnum * shentsize > bytes.length) throw bad('section table past end of file');
  const sections = Array.from({ length: shnum }, (_, i) => {
    const o = shoff + i * shentsize;
    return {
      type: view.getUint32(o + 4, true),
      offset: Number(view.getBigUint64(o + 0x18, true)),
      size: Number(view.getBigUint64(o + 0x20, true)),
      link: view.getUint32(o + 0x28, true),
    };
  });
  const decoder = new TextDecoder();
  const cString = (tableOffset: number, at: number): string => {
    const start = tableOffset + at;
    let end = start;
    while (end < bytes.length && bytes[end] !== 0) end++;
    return decoder.decode(bytes.subarray(start, end));
  };
  const dynsym = sections.find((s) => s.type === SHT_DYNSYM);
  if (!dynsym) throw bad('no .dynsym section');
  const dynstr = sections[dynsym.link];
  if (!dynstr) throw bad('.dynsym links to a missing string table');
  const imports: string[] = [];
  const exports: string[] = [];
  // Entry 0 is the null symbol.
  for (let o = dynsym.offset + 24; o + 24 <= dynsym.offset + dynsym.size; o += 24) {
    const name = cString(dynstr.offset, view.getUint32(o, true));
    if (name === '') continue;
    const shndx = view.getUint16(o + 6, true);
    (shndx === 0 ? imports : exports).push(name);
  }
  const needed: string[] = [];
  const dynamic = sections.find((s) => s.type === SHT_DYNAMIC);
  if (dynamic) {
    const strtab = sections[dynamic.link] ?? dynstr;
    for (let o = dynamic.offset; o + 16 <= dynamic.offset + dynamic.size; o += 16) {
      const tag = view.getBigInt64(o, true);
      if (tag === 0n) break;
      if (tag === DT_NEEDED) needed.push(cString(strtab.offset, Number(view.getBigUint64(o + 8, true))));
    }
  }
  return { needed, imports, exports };
}
