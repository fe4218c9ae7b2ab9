import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelContext, KernelResult } from '../../kernel/kernel-def.js';

/**
 * A native shortcut for one op target, tried before the registered kernel: it returns the result
 * when its preconditions hold (float32, host, layouts it handles) and null to fall back. It must
 * not have side effects before deciding.
 */
export type FastPath = (args: KernelArgs, ctx: KernelContext) => KernelResult | null;
