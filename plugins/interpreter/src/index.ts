// Public API of @nativert/interpreter.
import type { DelegatePlugin } from '@nativert/core';
import { PLUGIN_API_VERSION } from '@nativert/core';
import { KernelRegistry } from './kernel/kernel-registry.js';
import { ALL_KERNELS } from './kernels/all-kernels.js';
import { InterpreterDelegate } from './interpreter-delegate.js';

export type { KernelDef, KernelContext, KernelResult } from './kernel/kernel-def.js';
export { KernelArgs } from './kernel/kernel-args.js';
export { KernelRegistry } from './kernel/kernel-registry.js';
export { InterpreterDelegate } from './interpreter-delegate.js';
export { GraphPlan } from './runtime/graph-plan.js';
export { ALL_KERNELS } from './kernels/all-kernels.js';
export { gemm, gemmBatched, matmulTensors } from './kernels/linalg/index.js';
export type { FloatArray, GemmOperand, GemmOptions, GemmOutput } from './kernels/linalg/index.js';
export { nativeAddon } from './native/native-addon.js';
export { F32Arena } from './native/f32-arena.js';
export type { NativeAddon } from './native/native-addon.js';

const registry = new KernelRegistry(ALL_KERNELS);

/** Op targets the interpreter has kernels for, sorted. */
export const INTERPRETER_OPS: readonly string[] = registry.ops();

/** The interpreter plugin: CPU kernels for ATen ops, the delegate that makes every program run. */
const interpreterPlugin: DelegatePlugin = {
  name: 'interpreter',
  apiVersion: PLUGIN_API_VERSION,
  create: (_options, host) => new InterpreterDelegate(registry, host.threads),
};

export default interpreterPlugin;
