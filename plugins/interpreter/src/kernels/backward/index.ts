import type { KernelDef } from '../../kernel/kernel-def.js';
import { COL2IM } from './col2im.js';
import { CONVOLUTION_BACKWARD } from './conv-backward.js';
import { NATIVE_GROUP_NORM_BACKWARD, NATIVE_LAYER_NORM_BACKWARD } from './norm-backward.js';
import { ADAPTIVE_AVG_POOL_BACKWARD, AVG_POOL_BACKWARD, MAX_POOL_WITH_INDICES_BACKWARD } from './pool-backward.js';

/** Kernels of the backward family: gradients of convolution, pooling and normalization, and col2im (im2col's adjoint). */
export const BACKWARD_KERNELS: readonly KernelDef[] = [
  CONVOLUTION_BACKWARD, AVG_POOL_BACKWARD, ADAPTIVE_AVG_POOL_BACKWARD, MAX_POOL_WITH_INDICES_BACKWARD,
  NATIVE_LAYER_NORM_BACKWARD, NATIVE_GROUP_NORM_BACKWARD, COL2IM,
];
