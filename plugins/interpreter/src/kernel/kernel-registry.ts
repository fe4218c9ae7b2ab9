import { ErrorCode, NativertError } from '@nativert/core';
import type { KernelDef } from './kernel-def.js';

/** Kernels by op target. Built once from readonly data; registering an op twice is an error. */
export class KernelRegistry {
  private readonly byOp = new Map<string, KernelDef>();

  constructor(defs: readonly KernelDef[]) {
    for (const def of defs) {
      for (const op of def.ops) {
        if (this.byOp.has(op)) throw new NativertError(ErrorCode.Internal, `interpreter: kernel for '${op}' registered twice`);
        this.byOp.set(op, def);
      }
    }
  }

  /** The kernel for `op`, or undefined. */
  tryGet(op: string): KernelDef | undefined {
    return this.byOp.get(op);
  }

  /** Every op target with a kernel, sorted. */
  ops(): string[] {
    return [...this.byOp.keys()].sort();
  }
}
