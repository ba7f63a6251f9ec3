import type { ManifestModule, ResolvedPycacheOptions } from '../common/index.js';

/**
 * The `precompile` option (issue 7): `.pyc` bytes by manifest cache path for every entry, compiled by the
 * target's real interpreter through `plugins/precompile`. Empty when the option is off. Loaded lazily so a build
 * without it never loads Pyodide.
 */
export async function precompileStep(options: ResolvedPycacheOptions, sources: ReadonlyMap<ManifestModule, Uint8Array>, projectRoot: string): Promise<Map<string, Uint8Array>> {
  if (options.precompile === false) return new Map();
  const { precompile } = await import('../precompile/index.js');
  return precompile({
    modules: [...sources].map(([entry, bytes]) => ({ source: entry.source, cache: entry.cache, bytes })),
    target: options.target,
    mode: options.precompile.invalidationMode,
    optimizations: options.optimizations,
    projectRoot,
  });
}
