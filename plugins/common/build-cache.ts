import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * A content store for build products (compiled bytecode, discovered module lists) keyed by a hash of
 * everything the product depends on. Hosts with a persistent cache of their own (webpack's `getCache`)
 * adapt it to this interface; the others use {@link FolderBuildCache}.
 */
export interface BuildCache {
  /** The bytes stored under `key`, or `undefined` when there are none or they failed verification. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Stores `bytes` under `key` (never partially visible to a concurrent reader). */
  set(key: string, bytes: Uint8Array): Promise<void>;
}

/** What a {@link FolderBuildCache} saw, for reports and tests. */
export interface BuildCacheStats {
  hits: number;
  misses: number;
  /** Entries whose bytes did not match their recorded digest: dropped and counted as misses. */
  corrupt: number;
}

/**
 * The default cache folder of a project: `$PYCACHE_KIT_CACHE_DIR` when set (CI caches), else
 * `node_modules/.cache/pycache-kit` in the nearest folder from `projectRoot` up that has a `node_modules` folder
 * or a `package.json` (where Babel, ESLint and Vite keep theirs), else in `projectRoot`.
 */
export function defaultCacheDir(projectRoot: string): string {
  const fromEnv = process.env.PYCACHE_KIT_CACHE_DIR;
  if (fromEnv) return resolve(fromEnv);
  for (let dir = resolve(projectRoot); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules')) || existsSync(join(dir, 'package.json')))
      return join(dir, 'node_modules', '.cache', 'pycache-kit');
    if (dirname(dir) === dir) return join(resolve(projectRoot), 'node_modules', '.cache', 'pycache-kit');
  }
}

/** SHA-256, lowercase hex, of the JSON of `parts`: a cache key that changes with any part. */
export function cacheKeyOf(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

const DIGEST_BYTES = 32;

/** An entry as stored: the payload's SHA-256, then the payload. */
export function sealEntry(payload: Uint8Array): Uint8Array {
  return Buffer.concat([createHash('sha256').update(payload).digest(), payload]);
}

/** The payload of a sealed entry, or `undefined` when its digest does not match (a damaged entry). */
export function openEntry(data: Uint8Array): Uint8Array | undefined {
  if (data.length < DIGEST_BYTES) return undefined;
  const payload = data.subarray(DIGEST_BYTES);
  const digest = createHash('sha256').update(payload).digest();
  return digest.equals(data.subarray(0, DIGEST_BYTES)) ? new Uint8Array(payload) : undefined;
}

/**
 * A folder of entries named by their key (`ab/abcdef….bin`), each the SHA-256 of its payload followed by the
 * payload. Writes go to a unique temporary file in the same folder and are renamed into place (atomic on POSIX
 * and NTFS), so concurrent builds and a folder restored from another machine's CI cache are safe: every read
 * is verified against the digest, and a damaged entry is deleted and reported as a miss.
 */
export class FolderBuildCache implements BuildCache {
  readonly dir: string;
  readonly stats: BuildCacheStats = { hits: 0, misses: 0, corrupt: 0 };

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Where the entry of `key` lives. */
  pathOf(key: string): string {
    if (!/^[0-9a-f]{16,}$/.test(key))
      throw new TypeError(`pycache cache: a key must be lowercase hex, got ${JSON.stringify(key)}`);
    return join(this.dir, key.slice(0, 2), `${key}.bin`);
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const file = this.pathOf(key);
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch {
      this.stats.misses++;
      return undefined;
    }
    const payload = openEntry(data);
    if (payload === undefined) {
      this.stats.corrupt++;
      this.stats.misses++;
      await rm(file, { force: true });
      return undefined;
    }
    this.stats.hits++;
    return payload;
  }

  async set(key: string, bytes: Uint8Array): Promise<void> {
    const file = this.pathOf(key);
    const folder = join(this.dir, key.slice(0, 2));
    await mkdir(folder, { recursive: true });
    const temp = join(folder, `.${key}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temp, sealEntry(bytes));
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}
