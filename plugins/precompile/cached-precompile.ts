import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { pythonTarget } from '../../src/light.js';
import type { PythonTarget } from '../../src/light.js';
import { cacheKeyOf } from '../common/build-cache.js';
import type { BuildCache } from '../common/build-cache.js';
import { findPyodide } from './find-pyodide.js';
import type { PyodidePackage } from './find-pyodide.js';
import { precompile } from './precompile.js';
import type { PrecompileMode, PrecompileModule, PrecompileOptions } from './precompile.js';
import { bytecodeMatches, compileInParallel } from './parallel-precompile.js';

/** Options of {@link precompileCached}: {@link precompile}'s, plus where compiled bytecode is kept. */
export interface CachedPrecompileOptions extends PrecompileOptions {
  /** Where `.pyc` bytes are looked up before compiling and stored after. @default none (compile everything) */
  readonly cache?: BuildCache;
  /**
   * Extra threads (each loading its own Pyodide) that share a cold build's compile jobs with this thread.
   * @default `os.availableParallelism() - 1` when there are more than {@link PARALLEL_THRESHOLD} jobs, else 0
   */
  readonly workers?: number;
}

/** What {@link precompileCached} did, by manifest cache path. */
export interface CachedPrecompileResult {
  /** Every requested `.pyc`, by manifest cache path. */
  readonly pycs: Map<string, Uint8Array>;
  /** Cache paths compiled by the interpreter in this call. */
  readonly compiled: string[];
  /** Cache paths taken from the cache. */
  readonly fromCache: string[];
  /** How many threads compiled (1 = this one only). */
  readonly threads: number;
}

/**
 * Below this many jobs a cold build stays on one thread: a worker's Pyodide takes 3-5 s to load while this
 * thread compiles about 100 modules a second (measured on the 2-core development machine: 170 stdlib modules were
 * all compiled here before a worker was ready), and a loading worker competes with it for the cores.
 */
export const PARALLEL_THRESHOLD = 400;

/**
 * The cache key of one `.pyc`: it depends on the source bytes, the target (magic number, cache tag), the
 * optimization level, the invalidation mode, the file name compiled into the code object (tracebacks) and
 * the compiler (the Pyodide release), and on nothing else, so a key computed on another machine means the same.
 */
export function bytecodeCacheKey(init: {
  bytes: Uint8Array;
  target: PythonTarget;
  level: 0 | 1 | 2;
  mode: PrecompileMode;
  filename: string;
  compiler: PyodidePackage;
}): string {
  const { target, compiler } = init;
  return cacheKeyOf([
    'pycache-kit bytecode 1',
    createHash('sha256').update(init.bytes).digest('hex'),
    hex(target.magicNumber),
    target.cacheTag,
    init.level,
    init.mode,
    init.filename,
    `${compiler.name}@${compiler.version}`,
    compiler.python,
  ]);
}

/**
 * {@link precompile} with a bytecode cache: each `.pyc` is looked up by {@link bytecodeCacheKey}; only the misses
 * are compiled (on several threads when there are many), then stored. A cached `.pyc` is used only when its
 * header names the target's magic number, the mode and the source's hash; otherwise it is compiled again.
 */
export async function precompileCached(options: CachedPrecompileOptions): Promise<CachedPrecompileResult> {
  const target = pythonTarget(options.target);
  const mode = options.mode ?? 'checked-hash';
  const root = (options.root ?? '/home/pyodide').replace(/\/+$/, '');
  const compiler = findPyodide(target, options.projectRoot);
  const cache = options.cache;

  const pycs = new Map<string, Uint8Array>();
  const fromCache: string[] = [];
  const missing: PrecompileModule[] = [];
  const keys = new Map<string, string>();
  for (const module of options.modules) {
    const missingCache: Partial<Record<string, string>> = {};
    for (const level of levelsFor(module, options.optimizations)) {
      const cachePath = module.cache[level === 0 ? '' : String(level)];
      if (cachePath === undefined) {
        throw new TypeError(`pycache precompile: ${module.source} has no cache path for optimization level ${level}`);
      }
      const key = bytecodeCacheKey({
        bytes: module.bytes,
        target,
        level,
        mode,
        filename: `${root}/${module.source}`,
        compiler,
      });
      keys.set(cachePath, key);
      const cached = cache ? await cache.get(key) : undefined;
      if (cached && bytecodeMatches(cached, module.bytes, target, mode)) {
        pycs.set(cachePath, cached);
        fromCache.push(cachePath);
      } else {
        missingCache[level === 0 ? '' : String(level)] = cachePath;
      }
    }
    if (Object.keys(missingCache).length > 0)
      missing.push({ source: module.source, cache: missingCache, bytes: module.bytes });
  }

  let threads = 1;
  if (missing.length > 0) {
    const jobs = missing.reduce((n, m) => n + Object.keys(m.cache).length, 0);
    const workers = options.workers ?? (jobs > PARALLEL_THRESHOLD ? defaultWorkers() : 0);
    const base = { target, mode, projectRoot: options.projectRoot, root };
    const compiled =
      workers > 0
        ? await compileInParallel({ ...base, modules: missing, workers, compiler })
        : { pycs: await precompile({ ...base, modules: missing }), threads: 1 };
    threads = compiled.threads;
    for (const [cachePath, pyc] of compiled.pycs) {
      pycs.set(cachePath, pyc);
      const key = keys.get(cachePath);
      if (cache && key !== undefined) await cache.set(key, pyc);
    }
  }
  const compiledPaths = [...keys.keys()].filter((path) => !fromCache.includes(path));
  return { pycs: sortByKey(pycs), compiled: compiledPaths, fromCache, threads };
}

/** One line for the build log: what was compiled and what came from the cache. */
export function describeCachedPrecompile(result: CachedPrecompileResult, what = 'modules'): string {
  const threads = result.threads > 1 ? ` on ${result.threads} threads` : '';
  return `pycache: bytecode for ${result.compiled.length + result.fromCache.length} ${what}: ${result.compiled.length} compiled${threads}, ${result.fromCache.length} from cache`;
}

function defaultWorkers(): number {
  return Math.max(0, availableParallelism() - 1);
}

function levelsFor(module: PrecompileModule, wanted: readonly (0 | 1 | 2)[] | undefined): (0 | 1 | 2)[] {
  if (wanted !== undefined) return [...new Set(wanted)];
  return ([0, 1, 2] as const).filter((level) => module.cache[level === 0 ? '' : String(level)] !== undefined);
}

function sortByKey(map: Map<string, Uint8Array>): Map<string, Uint8Array> {
  return new Map([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
