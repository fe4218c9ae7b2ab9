import type { KernelDef } from '../kernel/kernel-def.js';
import { ELEMENTWISE_KERNELS } from './elementwise/index.js';
import { LINALG_KERNELS } from './linalg/index.js';
import { REDUCTION_KERNELS } from './reduction/index.js';
import { SHAPE_KERNELS } from './shape/index.js';

/** Every kernel of the interpreter, one list per op family. */
export const ALL_KERNELS: readonly KernelDef[] = [
  ...ELEMENTWISE_KERNELS,
  ...SHAPE_KERNELS,
  ...REDUCTION_KERNELS,
  ...LINALG_KERNELS,
];
