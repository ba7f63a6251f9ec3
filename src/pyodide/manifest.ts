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
  readonly encoding?: string;
  /** Size of the source file in bytes. */
  readonly size?: number;
  /** Lowercase hex SHA-256 of the source file's bytes. */
  readonly sha256?: string;
}

/** The interpreter a manifest's paths were computed for. */
export interface ManifestPython {
  /** `'3.14'`. */
  readonly version: string;
  /** `sys.implementation.cache_tag`, `'cpython-314'`. */
  readonly cacheTag: string | null;
  /** `importlib.util.MAGIC_NUMBER`: hex string of its 4 bytes, or the bytes, or its 16-bit number. */
  readonly magicNumber?: string | number | readonly number[];
}

/** A `pycache-manifest@1` document. */
export interface PycacheManifest {
  readonly format: string;
  readonly python: ManifestPython;
  readonly modules: readonly ManifestModule[];
  /**
   * Whether the build emitted `.pyc` files at the `cache` paths, when the builder says so: an object (its
   * invalidation mode) means every listed `.pyc` exists; `null` means none does. When the key is absent the
   * runtime probes for each file.
   */
  readonly bytecode?: { readonly invalidationMode?: string } | null;
  /**
   * [stdlib branch] Where the Pyodide runtime (`indexURL`) and the app's stdlib archive (`stdLibURL`) are, as URLs
   * relative to the manifest; {@link pyodideLocation} resolves them.
   */
  readonly pyodide?: { readonly indexURL?: string; readonly version?: string; readonly stdLibURL?: string };
}

/** The manifest format this runtime reads. */
export const MANIFEST_FORMAT = 'pycache-manifest@1';

/**
 * Checks that `value` is a `pycache-manifest@1` document whose paths are safe to write under a root
 * (relative, no `..`, no empty segments), and returns it typed. Throws a `TypeError` naming the bad field.
 */
export function assertManifest(value: unknown): PycacheManifest {
  if (!isRecord(value)) throw new TypeError('pycache-kit/pyodide: the manifest must be an object (the parsed pycache-manifest.json)');
  if (value.format !== MANIFEST_FORMAT) {
    throw new TypeError(`pycache-kit/pyodide: manifest.format is ${JSON.stringify(value.format)}, expected ${JSON.stringify(MANIFEST_FORMAT)}`);
  }
  const python = value.python;
  if (!isRecord(python) || typeof python.version !== 'string') {
    throw new TypeError('pycache-kit/pyodide: manifest.python.version must be a string such as "3.14"');
  }
  if (!Array.isArray(value.modules)) throw new TypeError('pycache-kit/pyodide: manifest.modules must be an array');
  value.modules.forEach((entry: unknown, i: number) => assertModule(entry, `manifest.modules[${i}]`));
  return value as unknown as PycacheManifest;
}

/** Checks one module entry (also the payload of a `pycache:update` event). */
export function assertModule(entry: unknown, where = 'module entry'): ManifestModule {
  if (!isRecord(entry)) throw new TypeError(`pycache-kit/pyodide: ${where} must be an object`);
  if (typeof entry.module !== 'string' || entry.module === '') throw new TypeError(`pycache-kit/pyodide: ${where}.module must be a dotted module name`);
  assertRelativePath(entry.source, `${where}.source`);
  if (!isRecord(entry.cache)) throw new TypeError(`pycache-kit/pyodide: ${where}.cache must be an object of optimization level to path`);
  for (const [level, path] of Object.entries(entry.cache)) assertRelativePath(path, `${where}.cache[${JSON.stringify(level)}]`);
  return entry as unknown as ManifestModule;
}

/** The manifest's `cache` key for an optimization level: `''` for 0, else the digit. */
export function cacheKey(level: number): string {
  return level === 0 ? '' : String(level);
}

/** `importlib.util.MAGIC_NUMBER` as lowercase hex from any of the accepted manifest spellings. */
export function magicHex(value: ManifestPython['magicNumber']): string | undefined {
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

function assertRelativePath(path: unknown, where: string): asserts path is string {
  if (typeof path !== 'string' || path === '') throw new TypeError(`pycache-kit/pyodide: ${where} must be a relative POSIX path`);
  if (path.startsWith('/') || path.includes('\\') || path.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new TypeError(`pycache-kit/pyodide: ${where} is ${JSON.stringify(path)}: manifest paths must be relative POSIX paths without '.', '..' or empty segments`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
