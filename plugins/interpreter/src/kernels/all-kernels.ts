import type { KernelDef } from '../kernel/kernel-def.js';
import { BACKWARD_KERNELS } from './backward/index.js';
import { DISTANCE_KERNELS } from './distance/index.js';
import { ELEMENTWISE_KERNELS } from './elementwise/index.js';
import { LINALG_KERNELS } from './linalg/index.js';
import { RANDOM_KERNELS } from './random/index.js';
import { REDUCTION_KERNELS } from './reduction/index.js';
import { SHAPE_KERNELS } from './shape/index.js';
import { SPECTRAL_KERNELS } from './spectral/index.js';

/** Every kernel of the interpreter, one list per op family. */
export const ALL_KERNELS: readonly KernelDef[] = [
  ...ELEMENTWISE_KERNELS,
  ...SHAPE_KERNELS,
  ...REDUCTION_KERNELS,
  ...LINALG_KERNELS,
  ...BACKWARD_KERNELS,
  ...SPECTRAL_KERNELS,
  ...DISTANCE_KERNELS,
  ...RANDOM_KERNELS,
];
