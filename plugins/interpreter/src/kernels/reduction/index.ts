import type { KernelDef } from '../../kernel/kernel-def.js';

/** Kernels of the reduction family. */
export const REDUCTION_KERNELS: readonly KernelDef[] = [];
