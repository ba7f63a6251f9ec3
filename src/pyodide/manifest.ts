/**
 * The runtime's view of a `pycache-manifest@1` file (emitted by the Vite and webpack plugins and the CLI). The
 * format and its types are the contract's (src/contract), shared with the build; the checks are in
 * validate-manifest.ts.
 */
import { toHex } from '../contract/index.js';

export { MANIFEST_FORMAT, cacheKey, toHex } from '../contract/index.js';
export type {
  ArchiveRecord,
  ManifestBytecode,
  ManifestFile,
  ManifestModule,
  ManifestPython,
  PycacheManifest,
} from '../contract/index.js';

/** `importlib.util.MAGIC_NUMBER` as lowercase hex from any of the accepted manifest spellings. */
export function magicHex(value: string | number | readonly number[] | undefined): string | undefined {
  if (typeof value === 'string') return /^[0-9a-f]{8}$/i.test(value) ? value.toLowerCase() : undefined;
  if (typeof value === 'number') return toHex(Uint8Array.of(value & 0xff, (value >> 8) & 0xff, 0x0d, 0x0a));
  if (Array.isArray(value) && value.length === 4) return toHex(Uint8Array.from(value as number[]));
  return undefined;
}
