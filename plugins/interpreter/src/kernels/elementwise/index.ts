import type { KernelDef } from '../../kernel/kernel-def.js';

/** Kernels of the elementwise family. */
export const ELEMENTWISE_KERNELS: readonly KernelDef[] = [];
