// Public API of @nativert/core.
export * from './errors/error-code.js';
export * from './errors/nativert-error.js';
export * from './tensor/dtype.js';
export * from './tensor/device.js';
export * from './tensor/half.js';
export * from './tensor/storage.js';
export * from './tensor/tensor.js';
export * from './ir/argument.js';
export * from './ir/graph.js';
export * from './ir/program.js';
export * from './ir/tree-spec.js';
export * from './delegate/executor-delegate.js';
export * from './delegate/delegate-plugin.js';
export * from './delegate/logger.js';
export * from './model/loaded-model.js';
