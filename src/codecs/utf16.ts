import { UnicodeDecodeError } from '../errors.js';
import { CodeUnitWriter } from './code-units.js';

/** Byte order of a UTF-16/32 codec: fixed, or `0` to look for a BOM and fall back to little-endian (native). */
export type ByteOrder = -1 | 0 | 1;

/**
 * CPython's `PyUnicode_DecodeUTF16Stateful` with `final=True`, strict. `order` -1 little-endian, 1 big-endian,
 * 0 BOM-detecting (`utf_16`: a leading BOM is consumed; without one the native order, little-endian, applies).
 * Errors name `utf-16-le` or `utf-16-be` as CPython does.
 */
export function decodeUtf16(bytes: Uint8Array, order: ByteOrder, minor: number): string {
  const n = bytes.length;
  let q = 0;
  let bo: number = order;
  if (bo === 0 && n >= 2) {
    const bom = (bytes[1] << 8) | bytes[0];
    if (bom === 0xfeff) {
      q = 2;
      bo = -1;
    } else if (bom === 0xfffe) {
      q = 2;
      bo = 1;
    }
  }
  if (q === n) return '';
  const le = bo <= 0;
  const encoding = le ? 'utf-16-le' : 'utf-16-be';
  const hi = le ? 1 : 0;
  const lo = le ? 0 : 1;
  const out = new CodeUnitWriter((n - q) >> 1);
  const e = n - 1;
  while (q < e) {
    const ch = (bytes[q + hi] << 8) | bytes[q + lo];
    q += 2;
    if (ch < 0xd800 || ch > 0xdfff) {
      out.unit(ch);
      continue;
    }
    // 3.6 looked for the end of data before telling a high surrogate from a low one.
    if (minor <= 6 && q >= e) throw new UnicodeDecodeError(encoding, bytes, q - 2, n, 'unexpected end of data');
    if (ch >= 0xdc00) throw new UnicodeDecodeError(encoding, bytes, q - 2, q, 'illegal encoding');
    if (q >= e) throw new UnicodeDecodeError(encoding, bytes, q - 2, n, 'unexpected end of data');
    const ch2 = (bytes[q + hi] << 8) | bytes[q + lo];
    q += 2;
    if (ch2 < 0xdc00 || ch2 > 0xdfff)
      throw new UnicodeDecodeError(encoding, bytes, q - 4, q - 2, 'illegal UTF-16 surrogate');
    out.unit(ch);
    out.unit(ch2);
  }
  if (q !== n) throw new UnicodeDecodeError(encoding, bytes, q, n, 'truncated data');
  return out.toString();
}
