import type { KernelDef } from '../../kernel/kernel-def.js';

/** Kernels of the linalg family. */
export const LINALG_KERNELS: readonly KernelDef[] = [];
