import { UnicodeDecodeError } from '../errors.js';
import { warnOnce } from '../warnings.js';
import { CodeUnitWriter } from './code-units.js';
import { UnicodeError } from './unicode-error.js';
import { wrapCodecError } from './wrap-codec-error.js';

/**
 * The `undefined` codec: every decode raises `UnicodeError: undefined encoding`. 3.4 to 3.11 wrapped
 * exceptions of Python-level codecs: `decoding with 'NAME' codec failed (UnicodeError: undefined encoding)`.
 */
export function decodeUndefined(_bytes: Uint8Array, minor: number, name: string): string {
  throw wrapCodecError(new UnicodeError('undefined encoding'), minor, name);
}

/**
 * `unicode_internal` (3.7 and older): UCS-4 in the build's byte order (little-endian), surrogates allowed.
 * Deprecated since 3.3, so CPython warns.
 */
export function decodeUnicodeInternal(bytes: Uint8Array): string {
  warnOnce({ category: 'DeprecationWarning', message: 'unicode_internal codec has been deprecated' });
  const n = bytes.length;
  const out = new CodeUnitWriter(n >> 1);
  for (let q = 0; q < n; q += 4) {
    if (n - q < 4) throw new UnicodeDecodeError('unicode_internal', bytes, q, n, 'truncated input');
    const ch = ((bytes[q + 3] << 24) | (bytes[q + 2] << 16) | (bytes[q + 1] << 8) | bytes[q]) >>> 0;
    if (ch > 0x10ffff)
      throw new UnicodeDecodeError('unicode_internal', bytes, q, q + 4, 'illegal code point (> 0x10FFFF)');
    out.codePoint(ch);
  }
  return out.toString();
}
