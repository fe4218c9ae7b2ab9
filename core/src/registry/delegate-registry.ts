import type { ServiceIdentifier } from 'inversify';
import { Container } from 'inversify';
import type { DelegatePlugin, PluginHost } from '../delegate/delegate-plugin.js';
import type { ExecutorDelegate } from '../delegate/executor-delegate.js';
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { SkippedDelegate } from '../partition/partition-report.js';
import { isDelegatePlugin, loadPluginPackage } from './plugin-loader.js';

/** Something that can be registered: a ready delegate, or a plugin that creates one. */
export type DelegateSource = ExecutorDelegate | DelegatePlugin;

/** Per-delegate options, by delegate name. */
export type PluginOptions = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** One registration: its name and priority (higher is asked first). */
export interface RegisteredDelegate {
  readonly name: string;
  readonly priority: number;
  /** `plugin` entries create a fresh delegate per resolution; `delegate` entries are shared. */
  readonly kind: 'delegate' | 'plugin';
}

/** How to resolve the registry into delegates for one program. */
export interface ResolveOptions {
  readonly host: PluginHost;
  /** Names to use, first asked first; overrides priorities and leaves out unnamed entries. */
  readonly order?: readonly string[];
  readonly pluginOptions?: PluginOptions;
}

/** Available delegates in the order to ask them, and the ones left out with why. */
export interface ResolvedDelegates {
  readonly delegates: readonly ExecutorDelegate[];
  /** Delegates created from plugins for this resolution; the caller disposes them. */
  readonly created: readonly ExecutorDelegate[];
  readonly skipped: readonly SkippedDelegate[];
}

const DELEGATE: ServiceIdentifier<ExecutorDelegate> = Symbol.for('nativert.ExecutorDelegate');
const HOST: ServiceIdentifier<PluginHost> = Symbol.for('nativert.PluginHost');
const OPTIONS: ServiceIdentifier<PluginOptions> = Symbol.for('nativert.PluginOptions');

/**
 * The core's one dependency-injection container (inversify), holding delegates and plugins by
 * name with a priority. Ready delegates are constant bindings; plugins are dynamic bindings that
 * create a delegate per resolution from the host and options bound in a child container. Duplicate
 * names are an error. The registry keeps references to registered objects but never disposes them.
 */
export class DelegateRegistry {
  private readonly container = new Container();
  private readonly entries: RegisteredDelegate[] = [];

  /** Registers `source` under its name with `options.priority` (default 0; higher is asked first). */
  register(source: DelegateSource, options: { readonly priority?: number } = {}): this {
    const name = source.name;
    if (this.has(name)) throw new NativertError(ErrorCode.InvalidArgument, `a delegate named '${name}' is already registered`);
    if (isDelegatePlugin(source)) {
      this.container.bind(DELEGATE).toDynamicValue(async (ctx) => source.create(ctx.get(OPTIONS)[name] ?? {}, ctx.get(HOST))).whenNamed(name);
    } else {
      this.container.bind(DELEGATE).toConstantValue(source).whenNamed(name);
    }
    this.entries.push({ name, priority: options.priority ?? 0, kind: isDelegatePlugin(source) ? 'plugin' : 'delegate' });
    return this;
  }

  /** Imports npm package `packageName` (default export a DelegatePlugin) and registers it. */
  async registerPackage(packageName: string, options: { readonly priority?: number } = {}): Promise<this> {
    return this.register(await loadPluginPackage(packageName), options);
  }

  /** True when a delegate named `name` is registered. */
  has(name: string): boolean {
    return this.entries.some((e) => e.name === name);
  }

  /** Registrations, highest priority first (registration order among equals). */
  list(): RegisteredDelegate[] {
    return this.entries.map((e, i) => ({ e, i })).sort((a, b) => b.e.priority - a.e.priority || a.i - b.i).map(({ e }) => e);
  }

  /** The delegate named `name` (created from its plugin if it is one); throws `NotFound` if absent. */
  async resolve(name: string, host: PluginHost, pluginOptions: PluginOptions = {}): Promise<ExecutorDelegate> {
    if (!this.has(name)) {
      throw new NativertError(ErrorCode.NotFound, `no delegate named '${name}' is registered (registered: ${this.entries.map((e) => e.name).join(', ') || 'none'})`);
    }
    const scope = new Container({ parent: this.container });
    scope.bind(HOST).toConstantValue(host);
    scope.bind(OPTIONS).toConstantValue(pluginOptions);
    return scope.getAsync(DELEGATE, { name });
  }

  /**
   * Resolves the delegates to use, in `order` or else priority order, leaving out (with a logged
   * reason) those whose plugin fails to create them and those reporting themselves unavailable.
   */
  async resolveAll(options: ResolveOptions): Promise<ResolvedDelegates> {
    const names = options.order ?? this.list().map((e) => e.name);
    for (const n of names) if (!this.has(n)) await this.resolve(n, options.host);
    const delegates: ExecutorDelegate[] = [];
    const created: ExecutorDelegate[] = [];
    const skipped: SkippedDelegate[] = [];
    const logger = options.host.logger;
    for (const name of names) {
      let delegate: ExecutorDelegate;
      try {
        delegate = await this.resolve(name, options.host, options.pluginOptions);
      } catch (e) {
        const reason = `plugin failed to create its delegate: ${(e as Error).message}`;
        logger.warn(`delegate '${name}' skipped: ${reason}`);
        skipped.push({ delegate: name, stage: 'load', reason });
        continue;
      }
      if (this.entries.find((e) => e.name === name)!.kind === 'plugin') created.push(delegate);
      if (delegate.name !== name) {
        throw new NativertError(ErrorCode.PluginFailure, `plugin '${name}' created a delegate named '${delegate.name}'; the names must match`);
      }
      const availability = delegate.availability();
      if (!availability.available) {
        logger.info(`delegate '${name}' unavailable: ${availability.reason}`);
        skipped.push({ delegate: name, stage: 'availability', reason: availability.reason });
        continue;
      }
      delegates.push(delegate);
    }
    return { delegates, created, skipped };
  }
}
