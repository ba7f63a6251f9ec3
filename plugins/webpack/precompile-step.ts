import type { ManifestModule, ResolvedPycacheOptions } from '../common/index.js';

/**
 * The `precompile` option (issue 7): `.pyc` bytes by manifest cache path for every entry, compiled by the
 * target's real interpreter through `plugins/precompile`. Empty when the option is off. Loaded lazily so a build
 * without it never loads Pyodide.
 * [stdlib branch] Through the bytecode cache (`compilation.getCache` when webpack caches, else the cache folder),
 * so only changed modules compile; `log` gets the line saying what was compiled and what came from the cache.
 */
export async function precompileStep(options: ResolvedPycacheOptions, sources: ReadonlyMap<ManifestModule, Uint8Array>, projectRoot: string, compilation: object = {}, log: (line: string) => void = () => {}): Promise<Map<string, Uint8Array>> {
  if (options.precompile === false) return new Map();
  const { precompileCached, describeCachedPrecompile } = await import('../precompile/cached-precompile.js');
  const { webpackBuildCache } = await import('./bytecode-cache.js');
  const result = await precompileCached({
    modules: [...sources].map(([entry, bytes]) => ({ source: entry.source, cache: entry.cache, bytes })),
    target: options.target,
    mode: options.precompile.invalidationMode,
    optimizations: options.optimizations,
    projectRoot,
    cache: webpackBuildCache(compilation, projectRoot),
  });
  log(describeCachedPrecompile(result));
  return result.pycs;
}
