// Types for code bundled with pycache-kit's Vite/Rollup/Rolldown plugin or webpack/Rspack loader.
// Use with `/// <reference types="pycache-kit/client" />` or `"types": ["pycache-kit/client"]` in tsconfig.json.
// It needs no bundler's types; Vite apps use `pycache-kit/vite-client`, which adds the `pycache:update` event.

/** A Python source imported through pycache-kit: the default export is the decoded text. */
declare module '*.py' {
  /** The text CPython's `importlib.util.decode_source` gives for the target Python (cookie honoured, `\n` line ends). */
  const text: string;
  export default text;
  /** POSIX path relative to the Python root (the manifest's `source`), e.g. `pkg/mod.py`. */
  export const sourcePath: string;
  /** `importlib.util.cache_from_source(sourcePath)` for the target, relative to the same root. */
  export const cachePath: string;
  /** Dotted module name, e.g. `pkg.mod` (`pkg` for `pkg/__init__.py`). */
  export const moduleName: string;
  /** The encoding `tokenize.detect_encoding` found, e.g. `utf-8`, `iso-8859-1`. */
  export const encoding: string;
}

/** A `.pyw` source (Windows' windowed scripts): the same exports as `*.py`. */
declare module '*.pyw' {
  const text: string;
  export default text;
  export const sourcePath: string;
  export const cachePath: string;
  export const moduleName: string;
  export const encoding: string;
}

/**
 * The manifest of every Python module in the build (format `pycache-manifest@1`, docs/manifest.md). Its types
 * are spelled out here, not imported, so this file needs nothing built; test/types/contract-client.ts keeps them
 * equal to the contract's (src/contract/manifest.ts).
 */
declare module 'virtual:pycache-manifest' {
  /** One Python module of the manifest. */
  export interface ManifestModule {
    /** Dotted module name (`pkg.mod`; `pkg` for `pkg/__init__.py`). */
    module: string;
    /** POSIX path relative to the root (`sys.path` entry) the file lives under. */
    source: string;
    /** `importlib.util.cache_from_source(source, optimization=key)` per configured level (`''`, `'1'`, `'2'`). */
    cache: { ''?: string; '1'?: string; '2'?: string };
    /** What `tokenize.detect_encoding` names. */
    encoding: string;
    /** Size of the source in bytes. */
    size: number;
    /** SHA-256 of the source's bytes, lowercase hex. */
    sha256: string;
    /** Size and SHA-256 of the `.pyc` at each `cache` path, by the same keys; only when the build compiled bytecode. */
    pyc?: { ''?: ManifestFile; '1'?: ManifestFile; '2'?: ManifestFile };
  }
  /** Size and SHA-256 of one emitted file. */
  export interface ManifestFile {
    /** Size in bytes. */
    size: number;
    /** SHA-256 of the bytes, lowercase hex. */
    sha256: string;
  }
  /** How the build compiled its `.pyc` files (option `precompile`). */
  export interface ManifestBytecode {
    invalidationMode: 'checked-hash' | 'unchecked-hash';
  }
  /** The manifest: the target Python and its modules, sorted by `source`. */
  export interface PycacheManifest {
    format: 'pycache-manifest@1';
    python: { version: string; cacheTag: string; magicNumber: string };
    /** `null` when the build emitted no `.pyc`; else every `cache` path has one, described in each module's `pyc`. */
    bytecode: ManifestBytecode | null;
    /** With the `pyodide` / `stdlib` options: where the Pyodide runtime and the stdlib archive are. */
    pyodide?: ManifestPyodide;
    modules: ManifestModule[];
    /** With the `archive` option: the one file next to the manifest holding every source and `.pyc`. */
    archive?: ArchiveRecord;
  }
  /** The manifest's `pyodide` field: URLs relative to the manifest (`pyodideLocation` resolves them). */
  export interface ManifestPyodide {
    /** The runtime folder (`loadPyodide`'s `indexURL`), ending in `/`. */
    indexURL?: string;
    /** The `pyodide` package version the runtime files come from. */
    version?: string;
    /** The stdlib archive built for this app (`loadPyodide`'s `stdLibURL`). */
    stdLibURL?: string;
  }
  /** The manifest's `archive` record. */
  export interface ArchiveRecord {
    /** Path relative to the manifest's folder. */
    readonly file: string;
    /** Size in bytes. */
    readonly size: number;
    /** SHA-256 of the archive's bytes, lowercase hex. */
    readonly sha256: string;
  }
  const manifest: PycacheManifest;
  export default manifest;
}
