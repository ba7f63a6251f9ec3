/**
 * `pycache-kit/rollup`: the plugin of `pycache-kit/vite`, typed as Rollup's `Plugin` for TypeScript Rollup configs.
 * It is the same object: Vite 8 types its plugins on Rolldown's hook contexts (`this.environment`…), which Rollup's
 * `plugins` option does not accept, while the plugin itself needs none of them outside Vite (the Rollup builds in
 * the tests run it). Rolldown takes `pycache-kit/vite`'s type as it is.
 */
import type { Plugin } from 'rollup';
import type { PycacheOptions } from './common/options.js';
import pycacheVite from './vite.js';

export type { PycacheOptions, OptimizationLevel, PrecompileOptions, InvalidationMode } from './common/options.js';
export type { PycacheManifest, ManifestModule, CacheKey } from '../src/contract/index.js';

/** The plugin, for `rollup({ plugins: [pycache({ … })] })`: options as for `pycache-kit/vite`. */
export default function pycache(options: PycacheOptions = {}): Plugin {
  return pycacheVite(options) as unknown as Plugin;
}
