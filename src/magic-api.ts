import { KNOWN_VERSIONS, magicBytes, rawMagicFor, versionForMagic } from './magic-number.js';
import { pythonTarget } from './target.js';

export { KNOWN_VERSIONS, versionForMagic };

/**
 * `importlib.util.MAGIC_NUMBER` of the final release of `version` (`'3.12'`, `'3.12.1'`, `'3.5.1'`), 4 bytes.
 * Throws a `RangeError` listing the known versions for others.
 */
export function magicNumberFor(version: string): Uint8Array {
  return Uint8Array.from(pythonTarget(version).magicNumber);
}

/** `importlib.util.MAGIC_NUMBER` of the default target (the newest final CPython release). */
export const MAGIC_NUMBER: Uint8Array = magicBytes(rawMagicFor(pythonTarget().version) as number);
