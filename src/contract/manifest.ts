/**
 * The `pycache-manifest@1` format: what the build writes (the Vite and webpack plugins, the CLI) and what the
 * runtime (`pycache-kit/pyodide`) reads. `client.d.ts` spells the same types out for code that imports
 * `virtual:pycache-manifest`; test/types/contract-client.ts fails to type-check when the two drift apart.
 */

/** The `format` field of every manifest this version writes and the only one the runtime reads. */
export const MANIFEST_FORMAT = 'pycache-manifest@1';

/** The manifest's default file name and dev-server URL path (under the host's base). */
export const DEFAULT_MANIFEST_FILE = 'pycache-manifest.json';

/** The key of a `cache` entry: `''` for level 0, else the level (`'1'`, `'2'`), as `cache_from_source`'s `optimization`. */
export type CacheKey = '' | '1' | '2';

/** The optimization levels a manifest can name (`sys.flags.optimize`). */
export type ManifestLevel = 0 | 1 | 2;

/** The manifest key of an optimization level. */
export function cacheKey(level: ManifestLevel): CacheKey {
  return level === 0 ? '' : (String(level) as CacheKey);
}

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
  /** Size and SHA-256 of the `.pyc` at each `cache` path, by the same keys; only when the build compiled bytecode. */
  pyc?: Partial<Record<CacheKey, ManifestFile>>;
}

/** Size and SHA-256 of one emitted file. */
export interface ManifestFile {
  /** Size in bytes. */
  size: number;
  /** SHA-256 of the bytes, lowercase hex. */
  sha256: string;
}

/** The manifest's `bytecode` field: how the build's `.pyc` files were compiled, or `null` when it made none. */
export interface ManifestBytecode {
  /** The PEP 552 mode of every `.pyc` (option `precompile`). */
  invalidationMode: 'checked-hash' | 'unchecked-hash';
}

/** The interpreter a manifest's paths were computed for. */
export interface ManifestPython {
  /** `'3.12'`. */
  version: string;
  /** `sys.implementation.cache_tag`, `'cpython-312'`. */
  cacheTag: string;
  /** `importlib.util.MAGIC_NUMBER` as 8 lowercase hex digits (`'cb0d0d0a'` for 3.12). */
  magicNumber: string;
}

/** The manifest's `archive` record: the one stored ZIP next to the manifest holding every source and `.pyc`. */
export interface ArchiveRecord {
  /** Path relative to the manifest's folder. */
  readonly file: string;
  /** Size in bytes. */
  readonly size: number;
  /** SHA-256 of the archive's bytes, lowercase hex. */
  readonly sha256: string;
}

/**
 * The manifest's `pyodide` field (build options `pyodide` and `stdlib`): where the Pyodide runtime and the app's
 * stdlib archive are, as URLs relative to the manifest itself; `loadPyodide({ indexURL, stdLibURL })` takes them
 * once resolved against the manifest's URL (`pyodideLocation` in `pycache-kit/pyodide`).
 */
export interface ManifestPyodide {
  /** The runtime folder (`loadPyodide`'s `indexURL`), ending in `/`, e.g. `"../pyodide/"`. */
  indexURL?: string;
  /** The `pyodide` package version the runtime files come from, e.g. `"314.0.7"`. */
  version?: string;
  /** The stdlib archive built for this app (`loadPyodide`'s `stdLibURL`). */
  stdLibURL?: string;
}

/** The `pycache-manifest.json` a build emits (schema: `pycache-kit/manifest-schema.json`). */
export interface PycacheManifest {
  format: typeof MANIFEST_FORMAT;
  python: ManifestPython;
  /** Sorted by `source` (code-unit order). */
  modules: ManifestModule[];
  /** `null` when the build emitted no `.pyc`; else every `cache` path of every module has one, described in its `pyc`. */
  bytecode: ManifestBytecode | null;
  /** Options `pyodide` and `stdlib`: where the Pyodide runtime and the stdlib archive are; absent when the build emitted neither. */
  pyodide?: ManifestPyodide;
  /** The `archive` option: every source and `.pyc` in one file next to the manifest (written last). */
  archive?: ArchiveRecord;
}
