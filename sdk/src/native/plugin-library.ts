import { existsSync } from 'node:fs';
import koffi from 'koffi';
import { ErrorCode, NativertError } from '@nativert/core';
import { API_FIRST_MEMBER_OFFSET, API_MEMBERS, HOST_API_MAJOR, HOST_API_MINOR, POINTER_SIZE } from './abi.js';
import type { ApiMember } from './abi.js';
import type { Address } from './native-writer.js';

/** A function-table member decoded to a callable (status-returning unless noted in the header). */
type NativeFunction = (...args: unknown[]) => unknown;

/**
 * Every library handle ever opened. koffi unloads a library when its handle is garbage
 * collected, which would leave the decoded function pointers dangling: holding the handles here
 * keeps each library mapped for the life of the process.
 */
const openLibraries: ReturnType<typeof koffi.load>[] = [];

/**
 * A loaded plugin library: the shared object, opened with koffi, and its negotiated function
 * table. Loading refuses a library that is missing, lacks `NrtGetPluginApi`, returns no table,
 * or was built for another ABI major; each refusal is a `PluginFailure` naming the plugin and
 * the path. Libraries are never unloaded: device memory and executables may outlive any one delegate.
 */
export class NativePluginLibrary {
  /** Name used in messages until the plugin reports its own. */
  readonly label: string;
  readonly path: string;
  /** ABI version the plugin was built against. */
  readonly apiMajor: number;
  readonly apiMinor: number;
  private readonly members: ReadonlyMap<ApiMember, NativeFunction>;

  private constructor(label: string, path: string, apiMajor: number, apiMinor: number, members: ReadonlyMap<ApiMember, NativeFunction>) {
    this.label = label;
    this.path = path;
    this.apiMajor = apiMajor;
    this.apiMinor = apiMinor;
    this.members = members;
  }

  /** Opens the library at `path` and negotiates the ABI; `label` names it in errors. */
  static load(path: string, label: string): NativePluginLibrary {
    const fail = (why: string, cause?: unknown) =>
      new NativertError(ErrorCode.PluginFailure, `native plugin '${label}' (${path}): ${why}`, cause === undefined ? undefined : { cause });
    if (!existsSync(path)) throw fail('library file not found (was the plugin built? e.g. npm run build:native)');
    let lib: ReturnType<typeof koffi.load>;
    try {
      lib = koffi.load(path);
    } catch (e) {
      throw fail(`cannot load the shared library: ${(e as Error).message}`, e);
    }
    openLibraries.push(lib);
    let getApi: NativeFunction;
    try {
      getApi = lib.func('void *NrtGetPluginApi(uint32_t host_major, uint32_t host_minor)');
    } catch (e) {
      throw fail('missing exported symbol NrtGetPluginApi: not a nativert plugin, or built without the export', e);
    }
    const api = getApi(HOST_API_MAJOR, HOST_API_MINOR) as Address | null;
    if (api === null || api === 0n) throw fail(`NrtGetPluginApi(${HOST_API_MAJOR}, ${HOST_API_MINOR}) returned NULL: the plugin refuses this host's ABI`);
    const structSize = Number(koffi.decode(api, 0, 'size_t'));
    const major = koffi.decode(api, koffi.sizeof('size_t'), 'uint32_t') as number;
    const minor = koffi.decode(api, koffi.sizeof('size_t') + 4, 'uint32_t') as number;
    if (major !== HOST_API_MAJOR) {
      const advice = major > HOST_API_MAJOR ? 'upgrade nativert-ts to a host that supports it' : 'rebuild the plugin against the current sdk/include/nativert_plugin.h';
      throw fail(`built for native plugin ABI ${major}.${minor}, this host supports ${HOST_API_MAJOR}.x (up to ${HOST_API_MAJOR}.${HOST_API_MINOR}); ${advice}`);
    }
    const members = new Map<ApiMember, NativeFunction>();
    (Object.keys(API_MEMBERS) as ApiMember[]).forEach((name, k) => {
      const offset = API_FIRST_MEMBER_OFFSET + k * POINTER_SIZE;
      // Members past the plugin's struct_size are from a newer minor than the plugin knows.
      if (offset + POINTER_SIZE > structSize) return;
      const fn = koffi.decode(api, offset, 'void *') as Address | null;
      if (fn !== null && fn !== 0n) members.set(name, koffi.decode(fn, API_MEMBERS[name]) as NativeFunction);
    });
    // Every member of ABI 1.0 is required.
    const missing = (Object.keys(API_MEMBERS) as ApiMember[]).filter((m) => !members.has(m));
    if (missing.length > 0) throw fail(`function table (ABI ${major}.${minor}, struct_size ${structSize}) lacks required members: ${missing.join(', ')}`);
    return new NativePluginLibrary(label, path, major, minor, members);
  }

  /** True when the plugin provides `member` (newer optional members may be absent). */
  has(member: ApiMember): boolean {
    return this.members.has(member);
  }

  /** The callable for `member`; throws `PluginFailure` if the plugin lacks it. */
  fn(member: ApiMember): NativeFunction {
    const f = this.members.get(member);
    if (!f) throw new NativertError(ErrorCode.PluginFailure, `native plugin '${this.label}' (${this.path}) does not provide ${member}`);
    return f;
  }
}
