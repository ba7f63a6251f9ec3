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
 * Where a webpack/Rspack build keeps compiled bytecode: the host's own cache (`compilation.getCache`, which
 * `cache: { type: 'filesystem' }` persists with the rest of the build) when caching is on and the host has
 * that API, else pycache-kit's cache folder under the project's `node_modules/.cache`. Entries are sealed
 * with their SHA-256 either way, so a damaged one is recompiled.
 */
export function webpackBuildCache(compilation: object, projectRoot: string): BuildCache {
  const host = compilation as CacheHostLike;
  if (typeof host.getCache === 'function' && host.compiler?.options?.cache) {
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
