import { NotImplementedError, UnicodeDecodeError } from '../errors.js';
import { warnOnce } from '../warnings.js';
import { asciiToString, firstNonAscii } from './ascii.js';
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
    if (ch > 0x10ffff) throw new UnicodeDecodeError('unicode_internal', bytes, q, q + 4, 'illegal code point (> 0x10FFFF)');
    out.codePoint(ch);
  }
  return out.toString();
}

const ACE = [0x78, 0x6e, 0x2d, 0x2d];

function hasAcePrefix(bytes: Uint8Array): boolean {
  outer: for (let i = 0; i + 4 <= bytes.length; i++) {
    for (let k = 0; k < 4; k++) if (bytes[i + k] !== ACE[k]) continue outer;
    return true;
  }
  return false;
}

/**
 * The `idna` codec without `xn--` labels: ASCII input decodes as ASCII; a non-ASCII byte raises what the version
 * raises (3.13+: `'idna' codec` at its position in the input; before: `'ascii' codec` at its position in its
 * dot-separated label). Punycode labels (`xn--`) and labels over 1024 bytes (whose check depends on the patch
 * release) throw `NotImplementedError`.
 */
export function decodeIdna(bytes: Uint8Array, minor: number): string {
  if (hasAcePrefix(bytes)) throw new NotImplementedError('idna: labels with the "xn--" prefix (punycode) are not supported (see docs/decoding.md)');
  const bad = firstNonAscii(bytes);
  if (bad < 0) return asciiToString(bytes);
  if (minor >= 13) throw new UnicodeDecodeError('idna', bytes, bad, bad + 1, 'ordinal not in range(128)');
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x2e, start);
    if (end < 0) end = bytes.length;
    if (end - start > 1024) throw new NotImplementedError('idna: labels longer than 1024 bytes are not supported (see docs/decoding.md)');
    if (bad < end) {
      const label = bytes.subarray(start, end);
      throw new UnicodeDecodeError('ascii', label, bad - start, bad - start + 1, 'ordinal not in range(128)');
    }
    start = end + 1;
  }
  throw new Error('internal: idna label scan');
}
