import { BINARY_FAST_PATHS } from './binary-fast.js';
import { BOOL_FAST_PATHS } from './bool-fast.js';
import type { FastPath } from './fast-path.js';
import { POOL_FAST_PATHS } from './pool-fast.js';
import { RESHAPE_FAST_PATHS } from './reshape-fast.js';
import { UNARY_FAST_PATHS } from './unary-fast.js';

export type { FastPath } from './fast-path.js';

/** Every fast path by op target; the plan tries one before the registered kernel. */
export const FAST_PATHS: ReadonlyMap<string, FastPath> = new Map([...UNARY_FAST_PATHS, ...BINARY_FAST_PATHS, ...RESHAPE_FAST_PATHS, ...BOOL_FAST_PATHS, ...POOL_FAST_PATHS]);
