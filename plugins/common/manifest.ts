import { hash } from 'node:crypto';
import { cacheFromSource, pythonTarget } from '../../src/light.js';
import type { PythonTarget } from '../../src/light.js';
import { cacheKey, MANIFEST_FORMAT, toHex } from '../../src/contract/index.js';
import type {
  CacheKey,
  ManifestBytecode,
  ManifestFile,
  ManifestModule,
  PycacheManifest,
} from '../../src/contract/index.js';
import type { OptimizationLevel } from './options.js';
import type { PythonLocation } from './python-roots.js';
import { serializePyodideField } from './manifest-pyodide.js';

export { MANIFEST_FORMAT, DEFAULT_MANIFEST_FILE, cacheKey } from '../../src/contract/index.js';
export type {
  CacheKey,
  ManifestBytecode,
  ManifestFile,
  ManifestModule,
  ManifestPyodide,
  ManifestPython,
  PycacheManifest,
} from '../../src/contract/index.js';

/** What the manifest builder needs to describe the build's bytecode: its mode and the `.pyc` bytes by cache path. */
export interface BuiltBytecode extends ManifestBytecode {
  files: ReadonlyMap<string, Uint8Array>;
}

/**
 * `cache_from_source` of a root-relative POSIX `source` for each level, on a POSIX copy of `target` with no
 * `pycache_prefix`, so the result is the root-relative `__pycache__` path whatever OS builds it.
 */
export function cachePathsFor(
  source: string,
  target: PythonTarget,
  optimizations: readonly OptimizationLevel[],
): Partial<Record<CacheKey, string>> {
  const posix =
    target.platform === 'posix' && target.pycachePrefix === null
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
    sha256: sha256Hex(bytes),
  };
}

function sha256Hex(bytes: Uint8Array): string {
  // One call, no Hash object: the manifest hashes every source of a build (Node >= 20.12).
  return hash('sha256', bytes, 'hex');
}

/** Two files that would land on one manifest path (same `source` under different roots). */
export class ManifestConflictError extends Error {
  override name = 'ManifestConflictError';
}

/**
 * The manifest of `modules` for `target`: entries sorted by `source` in code-unit order (never locale order),
 * each entry's keys in a fixed order. Throws {@link ManifestConflictError} when two entries share a `source`.
 * With `bytecode` (the `precompile` step's output) every entry gets the size and SHA-256 of its `.pyc` files and
 * the manifest says how they were compiled; without it, `bytecode` is `null`, so a runtime requests no `.pyc`.
 */
export function buildManifest(
  target: PythonTarget,
  modules: Iterable<ManifestModule>,
  bytecode?: BuiltBytecode,
): PycacheManifest {
  const sorted = [...modules].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].source === sorted[i - 1].source) {
      throw new ManifestConflictError(
        `pycache: two Python files map to the manifest path "${sorted[i].source}" (one under each of two roots); rename one or change "roots"`,
      );
    }
  }
  return {
    format: MANIFEST_FORMAT,
    python: { version: target.version, cacheTag: target.cacheTag ?? '', magicNumber: toHex(target.magicNumber) },
    bytecode: bytecode === undefined ? null : { invalidationMode: bytecode.invalidationMode },
    modules: sorted.map((entry) => ({
      module: entry.module,
      source: entry.source,
      cache: sortedCache(entry.cache),
      encoding: entry.encoding,
      size: entry.size,
      sha256: entry.sha256,
      ...(bytecode === undefined ? {} : { pyc: pycFiles(entry, bytecode.files) }),
    })),
  };
}

/** Size and SHA-256 of each of `entry`'s `.pyc` files; a missing one is a bug of the build step that made them. */
function pycFiles(
  entry: ManifestModule,
  files: ReadonlyMap<string, Uint8Array>,
): Partial<Record<CacheKey, ManifestFile>> {
  const out: Partial<Record<CacheKey, ManifestFile>> = {};
  for (const key of ['', '1', '2'] as const) {
    const path = entry.cache[key];
    if (path === undefined) continue;
    const pyc = files.get(path);
    if (pyc === undefined) throw new Error(`pycache: no .pyc was compiled for ${entry.source} at ${path}`);
    out[key] = { size: pyc.byteLength, sha256: sha256Hex(pyc) };
  }
  return out;
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
    `  "bytecode": ${manifest.bytecode === null ? 'null' : `{ "invalidationMode": ${q(manifest.bytecode.invalidationMode)} }`},`,
    // Options `pyodide` and `stdlib`: absent otherwise, so manifests without it keep their bytes.
    ...serializePyodideField(manifest.pyodide),
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
        ...cacheKeys.map(
          (key, i) => `        ${q(key)}: ${q(entry.cache[key] as string)}${i < cacheKeys.length - 1 ? ',' : ''}`,
        ),
        ...(cacheKeys.length === 0 ? [] : ['      },']),
        `      "encoding": ${q(entry.encoding)},`,
        `      "size": ${q(entry.size)},`,
        `      "sha256": ${q(entry.sha256)}${entry.pyc === undefined ? '' : ','}`,
        ...(entry.pyc === undefined ? [] : pycLines(entry.pyc)),
        `    }${index < manifest.modules.length - 1 ? ',' : ''}`,
      );
    });
    lines.push('  ]');
  }
  // --- archive (plugins/common/archive.ts): last, so manifests without one keep their bytes ---
  if (manifest.archive !== undefined) {
    lines[lines.length - 1] += ',';
    lines.push(
      '  "archive": {',
      `    "file": ${q(manifest.archive.file)},`,
      `    "size": ${q(manifest.archive.size)},`,
      `    "sha256": ${q(manifest.archive.sha256)}`,
      '  }',
    );
  }
  lines.push('}', '');
  return lines.join('\n');
}

/** The `pyc` field's lines, keys in the order of `cache`. */
function pycLines(pyc: Partial<Record<CacheKey, ManifestFile>>): string[] {
  const keys = (['', '1', '2'] as const).filter((key) => pyc[key] !== undefined);
  if (keys.length === 0) return ['      "pyc": {}'];
  return [
    '      "pyc": {',
    ...keys.map((key, i) => {
      const file = pyc[key] as ManifestFile;
      return `        ${JSON.stringify(key)}: { "size": ${JSON.stringify(file.size)}, "sha256": ${JSON.stringify(file.sha256)} }${i < keys.length - 1 ? ',' : ''}`;
    }),
    '      }',
  ];
}
