import { UnicodeDecodeError } from '../errors.js';
import { CodeUnitWriter } from './code-units.js';
import type { ByteOrder } from './utf16.js';

/**
 * CPython's `PyUnicode_DecodeUTF32Stateful` with `final=True`, strict; `order` as for UTF-16. Errors name
 * `utf-32-le`/`utf-32-be`; `surrogateReason` is the version's text for a code point in D800..DFFF.
 */
export function decodeUtf32(bytes: Uint8Array, order: ByteOrder, surrogateReason: string): string {
  const n = bytes.length;
  let q = 0;
  let bo: number = order;
  if (bo === 0 && n >= 4) {
    const bom = ((bytes[3] << 24) | (bytes[2] << 16) | (bytes[1] << 8) | bytes[0]) >>> 0;
    if (bom === 0x0000feff) {
      q = 4;
      bo = -1;
    } else if (bom === 0xfffe0000) {
      q = 4;
      bo = 1;
    }
  }
  if (q === n) return '';
  const le = bo <= 0;
  const encoding = le ? 'utf-32-le' : 'utf-32-be';
  const out = new CodeUnitWriter((n - q) >> 1);
  while (q < n) {
    if (n - q < 4) throw new UnicodeDecodeError(encoding, bytes, q, n, 'truncated data');
    const ch = le
      ? ((bytes[q + 3] << 24) | (bytes[q + 2] << 16) | (bytes[q + 1] << 8) | bytes[q]) >>> 0
      : ((bytes[q] << 24) | (bytes[q + 1] << 16) | (bytes[q + 2] << 8) | bytes[q + 3]) >>> 0;
    if (ch >= 0x110000) throw new UnicodeDecodeError(encoding, bytes, q, q + 4, 'code point not in range(0x110000)');
    if (ch >= 0xd800 && ch < 0xe000) throw new UnicodeDecodeError(encoding, bytes, q, q + 4, surrogateReason);
    out.codePoint(ch);
    q += 4;
  }
  return out.toString();
}
