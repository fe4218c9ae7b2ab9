// Public API of @nativert/sdk: the native plugin loader and the TypeScript plugin helpers.
export * from './native/abi.js';
export * from './native/status.js';
export * from './native/native-writer.js';
export * from './native/plugin-library.js';
export * from './native/resolve-library.js';
export * from './native/native-plugin.js';
export * from './native/device-memory.js';
export * from './native/graph-encoding.js';
export * from './native/native-prepared-partition.js';
export * from './native/native-plugin-delegate.js';
export * from './native/native-delegate-plugin.js';
export * from './plugin/define-plugin.js';
export * from './plugin/tsyringe-adapter.js';
