// Public API of @nativert/interpreter.
export type { KernelDef, KernelContext, KernelResult } from './kernel/kernel-def.js';
export { KernelArgs } from './kernel/kernel-args.js';
