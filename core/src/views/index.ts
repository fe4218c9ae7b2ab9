// Partition views: a renderer-independent view model, its layout, and DOT and HTML renderers.
export * from './value-type.js';
export * from './delegate-colors.js';
export * from './partition-view.js';
export * from './layered-layout.js';
export * from './render-dot.js';
export * from './render-html.js';
