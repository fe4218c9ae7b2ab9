import type { CudaOpDef } from './cuda-op.js';
import { ATTENTION_OPS } from './attention-op.js';
import { CONV_POOL_OPS } from './conv-pool-ops.js';
import { ELEMENTWISE_OPS } from './elementwise-ops.js';
import { MATMUL_OPS } from './matmul-ops.js';
import { ROW_OPS } from './row-ops.js';
import { VIEW_OPS } from './view-ops.js';

/** Every CUDA op implementation, one list per family. */
export const ALL_CUDA_OPS: readonly CudaOpDef[] = [...ELEMENTWISE_OPS, ...MATMUL_OPS, ...ROW_OPS, ...CONV_POOL_OPS, ...ATTENTION_OPS, ...VIEW_OPS];

/** Op implementations by target; a target registered twice is an error. */
export function opTable(defs: readonly CudaOpDef[] = ALL_CUDA_OPS): ReadonlyMap<string, CudaOpDef> {
  const table = new Map<string, CudaOpDef>();
  for (const def of defs) {
    for (const op of def.ops) {
      if (table.has(op)) throw new Error(`cuda: op '${op}' registered twice`);
      table.set(op, def);
    }
  }
  return table;
}
