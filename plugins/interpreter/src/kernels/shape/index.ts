import type { KernelDef } from '../../kernel/kernel-def.js';

/** Kernels of the shape family. */
export const SHAPE_KERNELS: readonly KernelDef[] = [];
