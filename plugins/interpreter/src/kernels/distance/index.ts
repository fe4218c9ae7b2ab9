import type { KernelDef } from '../../kernel/kernel-def.js';
import { CDIST, PDIST } from './cdist-pdist.js';

/** Kernels of the distance family: pairwise p-norm distances (cdist, pdist). */
export const DISTANCE_KERNELS: readonly KernelDef[] = [CDIST, PDIST];
