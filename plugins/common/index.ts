/** The host-independent core of the Vite/Rollup/Rolldown plugin, the webpack plugin and loader, and the CLI. */
export * from './options.js';
export { optionsSchema } from './options-schema.js';
export * from './manifest.js';
export * from './python-roots.js';
export * from './module-code.js';
export * from './decode-error.js';
export * from './project-python.js';
export * from './python-module.js';
export * from './build-outputs.js';
