/**
 * The runtime's checks of a `pycache-manifest@1` file (emitted by the Vite and webpack plugins and the CLI). The
 * format and its types are the contract's (src/contract), shared with the build.
 */
import { MANIFEST_FORMAT, toHex, type ManifestModule, type ManifestPython, type PycacheManifest } from '../contract/index.js';

export { MANIFEST_FORMAT, cacheKey, toHex } from '../contract/index.js';
export type { ManifestModule, ManifestPython, PycacheManifest } from '../contract/index.js';

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

/** `importlib.util.MAGIC_NUMBER` as lowercase hex from any of the accepted manifest spellings. */
export function magicHex(value: ManifestPython['magicNumber'] | number | readonly number[] | undefined): string | undefined {
  if (typeof value === 'string') return /^[0-9a-f]{8}$/i.test(value) ? value.toLowerCase() : undefined;
  if (typeof value === 'number') return toHex(Uint8Array.of(value & 0xff, (value >> 8) & 0xff, 0x0d, 0x0a));
  if (Array.isArray(value) && value.length === 4) return toHex(Uint8Array.from(value as number[]));
  return undefined;
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
