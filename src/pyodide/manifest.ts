/**
 * The runtime's view of a `pycache-manifest@1` file (emitted by the Vite and webpack plugins and the CLI).
 * Declared here, structurally, so the isomorphic runtime does not depend on the build-side code.
 */
export interface ManifestModule {
  /** Dotted module name (`pkg` for `pkg/__init__.py`). */
  readonly module: string;
  /** Source path relative to the Python root, POSIX separators. */
  readonly source: string;
  /** Bytecode path per optimization level: `''` (none), `'1'`, `'2'`; relative to the same root. */
  readonly cache: Readonly<Record<string, string>>;
  /** The source's encoding as CPython detects it. */
  readonly encoding: string;
  /** Size of the source file in bytes. */
  readonly size: number;
  /** Lowercase hex SHA-256 of the source file's bytes. */
  readonly sha256: string;
  /** Size and SHA-256 of the `.pyc` at each `cache` path, by the same keys; present when the manifest's `bytecode` is not `null`. */
  readonly pyc?: Readonly<Record<string, ManifestFile>>;
}

/** Size and SHA-256 of one file the build emitted. */
export interface ManifestFile {
  /** Size in bytes. */
  readonly size: number;
  /** Lowercase hex SHA-256 of the bytes. */
  readonly sha256: string;
}

/** How the build compiled its `.pyc` files (PEP 552 mode). */
export interface ManifestBytecode {
  readonly invalidationMode: 'checked-hash' | 'unchecked-hash';
}

/** The interpreter a manifest's paths were computed for. */
export interface ManifestPython {
  /** `'3.14'`. */
  readonly version: string;
  /** `sys.implementation.cache_tag`, `'cpython-314'`. */
  readonly cacheTag: string;
  /** `importlib.util.MAGIC_NUMBER` as 8 lowercase hex digits. */
  readonly magicNumber: string;
}

/** A `pycache-manifest@1` document. */
export interface PycacheManifest {
  readonly format: string;
  readonly python: ManifestPython;
  /**
   * Whether the build emitted `.pyc` files at the `cache` paths: an object (their invalidation mode) means every
   * listed `.pyc` exists and each module's `pyc` gives its size and SHA-256; `null` means none does, and the
   * runtime requests none.
   */
  readonly bytecode: ManifestBytecode | null;
  readonly modules: readonly ManifestModule[];
}

/** The manifest format this runtime reads. */
export const MANIFEST_FORMAT = 'pycache-manifest@1';

/** The manifest's `cache` key for an optimization level: `''` for 0, else the digit. */
export function cacheKey(level: number): string {
  return level === 0 ? '' : String(level);
}

/** `importlib.util.MAGIC_NUMBER` as lowercase hex from any of the accepted manifest spellings. */
export function magicHex(value: string | number | readonly number[] | undefined): string | undefined {
  if (typeof value === 'string') return /^[0-9a-f]{8}$/i.test(value) ? value.toLowerCase() : undefined;
  if (typeof value === 'number') return toHex(Uint8Array.of(value & 0xff, (value >> 8) & 0xff, 0x0d, 0x0a));
  if (Array.isArray(value) && value.length === 4) return toHex(Uint8Array.from(value as number[]));
  return undefined;
}

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
