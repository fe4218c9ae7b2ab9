import koffi from 'koffi';
import { ErrorCode, NativertError } from '@nativert/core';
import { NrtDeviceInfo, NrtOption, NrtPluginInfo } from './abi.js';
import type { NativePluginLibrary } from './plugin-library.js';
import type { Address } from './native-writer.js';
import { NativeWriter } from './native-writer.js';
import { STATUS_OK, statusError } from './status.js';
import type { ApiMember } from './abi.js';

/** What a plugin says about itself (`NrtPluginInfo`). */
export interface NativePluginInfo {
  readonly name: string;
  readonly vendor: string;
  readonly version: string;
}

/** One device a plugin drives (`NrtDeviceInfo`). */
export interface NativeDeviceInfo {
  readonly type: string;
  readonly index: number;
  readonly memoryBytes: number;
}

/**
 * One `NrtPlugin` instance behind a typed surface. Every call checks the returned status and,
 * on failure, reads `Plugin_GetLastError` at once (the message is only valid until the next call
 * on this thread) and throws a typed {@link NativertError}. Owns the instance until
 * {@link destroy}; calls after that throw.
 */
export class NativePlugin {
  readonly library: NativePluginLibrary;
  private handle: Address | null;
  private reportedName: string;

  private constructor(library: NativePluginLibrary, handle: Address) {
    this.library = library;
    this.handle = handle;
    this.reportedName = library.label;
  }

  /**
   * Creates an instance with the integrator's options; values are passed as text
   * (strings as is, numbers and booleans printed, anything else as JSON).
   */
  static create(library: NativePluginLibrary, options: Readonly<Record<string, unknown>>): NativePlugin {
    const w = new NativeWriter();
    const entries = Object.entries(options).filter(([, v]) => v !== undefined);
    const opts = w.structs(NrtOption, entries.map(([k, v]) => ({
      struct_size: koffi.sizeof(NrtOption),
      key: w.cstring(k),
      value: w.cstring(typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v)),
    })));
    const out: (Address | null)[] = [null];
    let status: number;
    try {
      status = library.fn('Plugin_Create')(opts, entries.length, out) as number;
    } finally {
      w.release();
    }
    if (status !== STATUS_OK) {
      throw statusError(status, library.label, 'Plugin_Create', library.fn('Plugin_GetLastError')(null) as string);
    }
    const plugin = new NativePlugin(library, out[0]!);
    plugin.reportedName = plugin.info().name;
    return plugin;
  }

  /** Calls table member `member` on this instance (the instance is passed first) and checks the status. */
  call(member: ApiMember, ...args: unknown[]): void {
    const handle = this.live(member);
    const status = this.library.fn(member)(handle, ...args) as number;
    if (status !== STATUS_OK) throw statusError(status, this.reportedName, member, this.library.fn('Plugin_GetLastError')(handle) as string);
  }

  /** Plugin name, vendor and version (`Plugin_GetInfo`). */
  info(): NativePluginInfo {
    const info = { struct_size: koffi.sizeof(NrtPluginInfo), name: null, vendor: null, version: null } as Record<string, unknown>;
    this.call('Plugin_GetInfo', info);
    if (typeof info['name'] !== 'string' || info['name'] === '') {
      throw new NativertError(ErrorCode.PluginFailure, `native plugin '${this.library.label}' (${this.library.path}): Plugin_GetInfo gave no name`);
    }
    return { name: info['name'], vendor: String(info['vendor'] ?? ''), version: String(info['version'] ?? '') };
  }

  /** Every device the instance drives. */
  devices(): NativeDeviceInfo[] {
    const count: number[] = [0];
    this.call('Plugin_GetDeviceCount', count);
    return Array.from({ length: Number(count[0]) }, (_, i) => {
      const d = { struct_size: koffi.sizeof(NrtDeviceInfo), type: null, index: 0, memory_bytes: 0 } as Record<string, unknown>;
      this.call('Plugin_GetDeviceInfo', i, d);
      return { type: String(d['type']), index: Number(d['index']), memoryBytes: Number(d['memory_bytes']) };
    });
  }

  /** Calls a member whose last parameter is a `void **` output and returns that pointer. */
  callForPointer(member: ApiMember, ...args: unknown[]): Address {
    const out: (Address | null)[] = [null];
    this.call(member, ...args, out);
    if (out[0] === null || out[0] === 0n) {
      throw new NativertError(ErrorCode.PluginFailure, `native plugin '${this.reportedName}': ${member} reported success but returned NULL`);
    }
    return out[0]!;
  }

  /** The name the plugin reports (`NrtPluginInfo.name`). */
  get name(): string {
    return this.reportedName;
  }

  /** True until {@link destroy}. */
  get alive(): boolean {
    return this.handle !== null;
  }

  /** Destroys the instance (`Plugin_Destroy`), freeing everything it still owns. Idempotent. */
  destroy(): void {
    if (this.handle === null) return;
    this.call('Plugin_Destroy');
    this.handle = null;
  }

  private live(member: ApiMember): Address {
    if (this.handle === null) throw new NativertError(ErrorCode.PluginFailure, `native plugin '${this.reportedName}': ${member} called after the plugin was destroyed`);
    return this.handle;
  }
}
