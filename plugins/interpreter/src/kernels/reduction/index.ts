import type { KernelDef } from '../../kernel/kernel-def.js';
import { ANY_ALL, COUNT_NONZERO } from './any-all.js';
import { SDPA } from './attention.js';
import { BATCH_NORM, INSTANCE_NORM } from './batch-norm.js';
import { CUMMAX_CUMMIN, CUMSUM_CUMPROD } from './cumulative.js';
import { GRID_SAMPLER_2D } from './grid-sampler.js';
import { GROUP_NORM } from './group-norm.js';
import { LAYER_NORM, RMS_NORM } from './layer-norm.js';
import { LOGSUMEXP, NORM } from './logsumexp-norm.js';
import { AMAX_AMIN, AMINMAX, ARGMAX_ARGMIN, MAX_MIN } from './max-min.js';
import { KTHVALUE, MEDIAN, MODE } from './order-stats.js';
import { ADAPTIVE_AVG_POOL, ADAPTIVE_MAX_POOL, AVG_POOL, MAX_POOL } from './pooling.js';
import { SOFTMAX } from './softmax.js';
import { SORT, TOPK } from './sort-topk.js';
import { MEAN, PROD, SUM } from './sum-mean-prod.js';
import { UPSAMPLE } from './upsample.js';
import { VAR_STD } from './var-std.js';

/** Kernels of the reduction family: reductions, scans and sorts, normalization, pooling, resampling, attention. */
export const REDUCTION_KERNELS: readonly KernelDef[] = [
  SUM, MEAN, PROD, AMAX_AMIN, MAX_MIN, ARGMAX_ARGMIN, AMINMAX, VAR_STD, ANY_ALL, COUNT_NONZERO, LOGSUMEXP, NORM,
  CUMSUM_CUMPROD, CUMMAX_CUMMIN, SORT, TOPK, KTHVALUE, MEDIAN, MODE,
  SOFTMAX, LAYER_NORM, RMS_NORM, BATCH_NORM, INSTANCE_NORM, GROUP_NORM,
  MAX_POOL, AVG_POOL, ADAPTIVE_AVG_POOL, ADAPTIVE_MAX_POOL,
  UPSAMPLE, GRID_SAMPLER_2D, SDPA,
];
