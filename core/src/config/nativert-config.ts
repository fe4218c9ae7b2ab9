import type { RunnerOptions } from '../runtime/runner-options.js';

/**
 * The integrator's settings, as written in `nativert.config.json` and built from CLI flags: the
 * fields of {@link RunnerOptions} that JSON can hold, with delegates named by delegate or plugin
 * package name (`mtia-stub`, `@acme/npu`), first asked first. Every field is optional.
 */
export type NativertConfig = Pick<RunnerOptions, 'order' | 'strict' | 'threads' | 'placement' | 'pluginOptions' | 'opFilters' | 'allowNativeCode'> & {
  readonly delegates?: readonly string[];
};

/** Field names of {@link NativertConfig}, in documentation order. */
export const CONFIG_FIELDS: readonly (keyof NativertConfig)[] = ['delegates', 'order', 'strict', 'threads', 'placement', 'pluginOptions', 'opFilters', 'allowNativeCode'];
