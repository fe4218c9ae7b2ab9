import type { KernelDef } from '../../kernel/kernel-def.js';
import { RAND, RANDINT, RANDN, RANDPERM } from './random-factories.js';

/**
 * Kernels of the random family. Each node draws from its own seeded MT19937 stream (see
 * node-generator.ts): distributions match PyTorch, the exact numbers cannot.
 */
export const RANDOM_KERNELS: readonly KernelDef[] = [RAND, RANDN, RANDINT, RANDPERM];
