// Integrator configuration: the nativert.config.json format, op filters, merging and conversion.
export * from './nativert-config.js';
export * from './op-filter.js';
export * from './filtered-delegate.js';
export * from './validate-config.js';
export * from './config-file.js';
export * from './merge-config.js';
export * from './config-options.js';
