import { defaultCacheDir, FolderBuildCache, openEntry, sealEntry } from '../common/build-cache.js';
import type { BuildCache } from '../common/build-cache.js';

/** webpack's `CacheFacade` (`compilation.getCache(name)`), as far as the bytecode cache uses it. */
export interface CacheFacadeLike {
  getPromise<T>(identifier: string, etag: null): Promise<T | undefined>;
  storePromise<T>(identifier: string, etag: null, data: T): Promise<void>;
}

/** The compiler and compilation members the bytecode cache looks for (webpack 5 has them; others may not). */
export interface CacheHostLike {
  readonly compiler?: { readonly options?: { readonly cache?: unknown } };
  getCache?(name: string): CacheFacadeLike;
}

/**
 * Where a webpack/Rspack build keeps compiled bytecode: webpack's own cache (`compilation.getCache`) when it is
 * `cache: { type: 'filesystem' }`, which persists it with the rest of the build, else pycache-kit's cache folder
 * under the project's `node_modules/.cache`. Entries are sealed
 * with their SHA-256 either way, so a damaged one is recompiled.
 */
export function webpackBuildCache(compilation: object, projectRoot: string): BuildCache {
  const host = compilation as CacheHostLike;
  const cache = host.compiler?.options?.cache;
  // Only webpack's filesystem cache persists what `getCache` stores; a memory cache (and Rspack's, whose
  // persistent cache is kept on the Rust side) would lose it on restart, where the cache folder keeps it.
  if (
    typeof host.getCache === 'function' &&
    typeof cache === 'object' &&
    cache !== null &&
    (cache as { type?: unknown }).type === 'filesystem'
  ) {
    const facade = host.getCache('pycache-kit/bytecode');
    return {
      async get(key) {
        const data = await facade.getPromise<Uint8Array>(key, null);
        return data === undefined ? undefined : openEntry(data);
      },
      async set(key, bytes) {
        await facade.storePromise(key, null, Buffer.from(sealEntry(bytes)));
      },
    };
  }
  return new FolderBuildCache(defaultCacheDir(projectRoot));
}
