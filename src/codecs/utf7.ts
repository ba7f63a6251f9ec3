import { UnicodeDecodeError } from '../errors.js';
import { CodeUnitWriter } from './code-units.js';

const B64 = new Int8Array(256).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => {
  B64[c.charCodeAt(0)] = i;
});

/**
 * CPython's `PyUnicode_DecodeUTF7Stateful` with `final=True`, strict. Errors name the codec `utf7` (CPython's
 * spelling); a shift sequence's errors start at its `+`. Up to 3.7 a `+` followed by a character outside
 * base64 opened an empty shift sequence instead of raising `ill-formed sequence`. Lone surrogates decode to themselves, as in CPython.
 */
export function decodeUtf7(bytes: Uint8Array, minor: number): string {
  const n = bytes.length;
  const out = new CodeUnitWriter(n);
  const fail = (start: number, end: number, reason: string) =>
    new UnicodeDecodeError('utf7', bytes, start, end, reason);
  let s = 0;
  let inShift = false;
  let bits = 0;
  let buffer = 0;
  let surrogate = 0;
  let startinpos = 0;
  while (s < n) {
    const ch = bytes[s];
    if (inShift) {
      const v = B64[ch];
      if (v >= 0) {
        buffer = (buffer << 6) | v;
        bits += 6;
        s++;
        if (bits >= 16) {
          const outCh = (buffer >>> (bits - 16)) & 0xffff;
          bits -= 16;
          buffer &= (1 << bits) - 1;
          if (surrogate) {
            if (outCh >= 0xdc00 && outCh <= 0xdfff) {
              out.unit(surrogate);
              out.unit(outCh);
              surrogate = 0;
              continue;
            }
            out.unit(surrogate);
            surrogate = 0;
          }
          if (outCh >= 0xd800 && outCh <= 0xdbff) surrogate = outCh;
          else out.unit(outCh);
        }
      } else {
        inShift = false;
        if (bits >= 6) throw fail(startinpos, s + 1, 'partial character in shift sequence');
        if (bits > 0 && buffer !== 0) throw fail(startinpos, s + 1, 'non-zero padding bits in shift sequence');
        if (surrogate) {
          out.unit(surrogate);
          surrogate = 0;
        }
        if (ch === 0x2d) s++;
      }
    } else if (ch === 0x2b) {
      startinpos = s;
      s++;
      if (s < n && bytes[s] === 0x2d) {
        s++;
        out.unit(0x2b);
      } else if (minor >= 8 && s < n && B64[bytes[s]] < 0) {
        throw fail(startinpos, s + 1, 'ill-formed sequence');
      } else {
        inShift = true;
        surrogate = 0;
        bits = 0;
        buffer = 0;
      }
    } else if (ch < 0x80) {
      out.unit(ch);
      s++;
    } else {
      throw fail(s, s + 1, 'unexpected special character');
    }
  }
  if (inShift && (surrogate || bits >= 6 || (bits > 0 && buffer !== 0)))
    throw fail(startinpos, n, 'unterminated shift sequence');
  if (inShift && surrogate) out.unit(surrogate);
  return out.toString();
}
