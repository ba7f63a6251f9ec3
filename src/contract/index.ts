/**
 * The build/runtime contract, in one isomorphic place: the manifest format and its types, the cache key of an
 * optimization level, the hot-update event, the runtime's default root. The plugins, the runtime, the CLI and
 * `client.d.ts` (checked by a type test) all follow it.
 */
export * from './manifest.js';
export * from './hex.js';
export * from './hot-update.js';
export * from './pyodide-root.js';
export * from './manifest-path.js';
