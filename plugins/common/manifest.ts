import { createHash } from 'node:crypto';
import { cacheFromSource, pythonTarget } from '../../src/index.js';
import type { PythonTarget } from '../../src/index.js';
import type { OptimizationLevel } from './options.js';
import type { PythonLocation } from './python-roots.js';
import { serializePyodideField } from './manifest-pyodide.js';
import type { ManifestPyodide } from './manifest-pyodide.js';

/** The `format` field of every manifest this version writes. */
export const MANIFEST_FORMAT = 'pycache-manifest@1';

/** The manifest's default file name and dev-server URL path (under the host's base). */
export const DEFAULT_MANIFEST_FILE = 'pycache-manifest.json';

/** The key of a `cache` entry: `''` for level 0, else the level (`'1'`, `'2'`), as `cache_from_source`'s `optimization`. */
export type CacheKey = '' | '1' | '2';

/** One Python module in a {@link PycacheManifest}. */
export interface ManifestModule {
  /** Dotted module name (`pkg.mod`; `pkg` for `pkg/__init__.py`). */
  module: string;
  /** POSIX path relative to the root (`sys.path` entry) the file lives under. */
  source: string;
  /** `importlib.util.cache_from_source(source, optimization=key)` for each configured level, relative to the root. */
  cache: Partial<Record<CacheKey, string>>;
  /** What `tokenize.detect_encoding` names (`utf-8`, `utf-8-sig`, `iso-8859-1`, the cookie's name otherwise). */
  encoding: string;
  /** Size of the source file in bytes. */
  size: number;
  /** SHA-256 of the source file's bytes, lowercase hex. */
  sha256: string;
}

/** The `pycache-manifest.json` a build emits (schema: `pycache-kit/manifest-schema.json`). */
export interface PycacheManifest {
  format: typeof MANIFEST_FORMAT;
  python: {
    /** `'3.12'`. */
    version: string;
    /** `sys.implementation.cache_tag`, `'cpython-312'`. */
    cacheTag: string;
    /** `importlib.util.MAGIC_NUMBER` as 8 lowercase hex digits (`'cb0d0d0a'` for 3.12). */
    magicNumber: string;
  };
  /** [stdlib branch] Where the Pyodide runtime and the stdlib archive are (options `pyodide`, `stdlib`). */
  pyodide?: ManifestPyodide;
  /** Sorted by `source` (code-unit order). */
  modules: ManifestModule[];
}

/** The manifest key of an optimization level. */
export function cacheKey(level: OptimizationLevel): CacheKey {
  return level === 0 ? '' : (String(level) as CacheKey);
}

/** 4 bytes → 8 lowercase hex digits. */
export function magicNumberHex(magic: Uint8Array): string {
  return Array.from(magic, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * `cache_from_source` of a root-relative POSIX `source` for each level, on a POSIX copy of `target` with no
 * `pycache_prefix`, so the result is the root-relative `__pycache__` path whatever OS builds it.
 */
export function cachePathsFor(source: string, target: PythonTarget, optimizations: readonly OptimizationLevel[]): Partial<Record<CacheKey, string>> {
  const posix = target.platform === 'posix' && target.pycachePrefix === null
    ? target
    : pythonTarget({ ...target, platform: 'posix', pycachePrefix: null, cwd: '/' });
  const cache: Partial<Record<CacheKey, string>> = {};
  for (const level of [...optimizations].sort()) {
    cache[cacheKey(level)] = cacheFromSource(source, { optimization: level === 0 ? '' : level, target: posix });
  }
  return cache;
}

/** The manifest entry of one source file. */
export function manifestModule(init: {
  location: PythonLocation;
  bytes: Uint8Array;
  encoding: string;
  target: PythonTarget;
  optimizations: readonly OptimizationLevel[];
}): ManifestModule {
  const { location, bytes } = init;
  return {
    module: location.module,
    source: location.source,
    cache: cachePathsFor(location.source, init.target, init.optimizations),
    encoding: init.encoding,
    size: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** Two files that would land on one manifest path (same `source` under different roots). */
export class ManifestConflictError extends Error {
  override name = 'ManifestConflictError';
}

/**
 * The manifest of `modules` for `target`: entries sorted by `source` in code-unit order (never locale order),
 * each entry's keys in a fixed order. Throws {@link ManifestConflictError} when two entries share a `source`.
 */
export function buildManifest(target: PythonTarget, modules: Iterable<ManifestModule>): PycacheManifest {
  const sorted = [...modules].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].source === sorted[i - 1].source) {
      throw new ManifestConflictError(`pycache: two Python files map to the manifest path "${sorted[i].source}" (one under each of two roots); rename one or change "roots"`);
    }
  }
  return {
    format: MANIFEST_FORMAT,
    python: { version: target.version, cacheTag: target.cacheTag ?? '', magicNumber: magicNumberHex(target.magicNumber) },
    modules: sorted.map((entry) => ({
      module: entry.module,
      source: entry.source,
      cache: sortedCache(entry.cache),
      encoding: entry.encoding,
      size: entry.size,
      sha256: entry.sha256,
    })),
  };
}

function sortedCache(cache: Partial<Record<CacheKey, string>>): Partial<Record<CacheKey, string>> {
  const out: Partial<Record<CacheKey, string>> = {};
  for (const key of ['', '1', '2'] as const) if (cache[key] !== undefined) out[key] = cache[key];
  return out;
}

/**
 * The manifest's bytes as text: JSON, 2-space indent, `\n` line ends, a final newline, keys in the documented
 * order (`cache` keys `""`, `"1"`, `"2"`, which `JSON.stringify` alone would reorder: integer-like keys go first
 * in JavaScript objects). The same manifest gives the same string on every OS and run.
 */
export function serializeManifest(manifest: PycacheManifest): string {
  const q = (value: string | number) => JSON.stringify(value);
  const lines = [
    '{',
    `  "format": ${q(manifest.format)},`,
    '  "python": {',
    `    "version": ${q(manifest.python.version)},`,
    `    "cacheTag": ${q(manifest.python.cacheTag)},`,
    `    "magicNumber": ${q(manifest.python.magicNumber)}`,
    '  },',
    ...serializePyodideField(manifest.pyodide), // [stdlib branch]
  ];
  if (manifest.modules.length === 0) {
    lines.push('  "modules": []');
  } else {
    lines.push('  "modules": [');
    manifest.modules.forEach((entry, index) => {
      const cacheKeys = (['', '1', '2'] as const).filter((key) => entry.cache[key] !== undefined);
      lines.push(
        '    {',
        `      "module": ${q(entry.module)},`,
        `      "source": ${q(entry.source)},`,
        cacheKeys.length === 0 ? '      "cache": {},' : '      "cache": {',
        ...cacheKeys.map((key, i) => `        ${q(key)}: ${q(entry.cache[key] as string)}${i < cacheKeys.length - 1 ? ',' : ''}`),
        ...(cacheKeys.length === 0 ? [] : ['      },']),
        `      "encoding": ${q(entry.encoding)},`,
        `      "size": ${q(entry.size)},`,
        `      "sha256": ${q(entry.sha256)}`,
        `    }${index < manifest.modules.length - 1 ? ',' : ''}`,
      );
    });
    lines.push('  ]');
  }
  lines.push('}', '');
  return lines.join('\n');
}
