import type { KernelDef } from '../../kernel/kernel-def.js';
import { ADDBMM, ADDMM, ADDMV, BADDBMM } from './addmm.js';
import { CONV1D, CONV2D, CONV3D, CONV_TRANSPOSE1D, CONV_TRANSPOSE2D, CONV_TRANSPOSE3D, CONVOLUTION } from './conv-ops.js';
import { EINSUM } from './einsum.js';
import { LINEAR } from './linear.js';
import { BMM, DOT, MATMUL, MM, MV, OUTER, VDOT } from './mm.js';
import { GRU, LSTM, RNN_RELU, RNN_TANH } from './rnn-ops.js';
import { TENSORDOT } from './tensordot.js';

export { gemm, gemmBatched } from './gemm.js';
export type { FloatArray, GemmOperand, GemmOptions, GemmOutput } from './gemm.js';
export { matmulTensors } from './product.js';

/** Kernels of the linalg family: matrix products, convolutions, recurrent layers. */
export const LINALG_KERNELS: readonly KernelDef[] = [
  MM, BMM, MATMUL, MV, DOT, VDOT, OUTER,
  ADDMM, ADDMV, BADDBMM, ADDBMM,
  LINEAR, EINSUM, TENSORDOT,
  CONVOLUTION, CONV1D, CONV2D, CONV3D, CONV_TRANSPOSE1D, CONV_TRANSPOSE2D, CONV_TRANSPOSE3D,
  LSTM, GRU, RNN_TANH, RNN_RELU,
];
