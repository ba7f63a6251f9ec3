/**
 * CPython's hz codec (RFC 1843): ASCII, with `~{` switching to GB 2312 (two 7-bit bytes per character) and
 * `~}` back. In ASCII mode `~~` is a tilde and `~` newline a line continuation; in GB mode CPython accepts
 * no `~` sequence but `~}` (verified on 3.6 .. 3.15).
 */
import { charset } from './charsets.js';
import { illegal, incomplete } from './decode-errors.js';
import { outputBuffer, unitsToString, writeCell } from './output.js';

const TILDE = 0x7e;

/** Decodes `bytes` as hz, strict. */
export function decodeHz(bytes: Uint8Array): string {
  const units = outputBuffer(bytes.length);
  let o = 0;
  const n = bytes.length;
  let gb = false;
  let i = 0;
  while (i < n) {
    const c = bytes[i];
    if (c === TILDE) {
      if (i + 1 >= n) throw incomplete('hz', bytes, i);
      const c2 = bytes[i + 1];
      if (gb) {
        if (c2 !== 0x7d) throw illegal('hz', bytes, i, 1);
        gb = false;
      } else if (c2 === TILDE) {
        units[o++] = TILDE;
      } else if (c2 === 0x7b) {
        gb = true;
      } else if (c2 !== 0x0a) {
        throw illegal('hz', bytes, i, 1);
      }
      i += 2;
      continue;
    }
    if (c >= 0x80) throw illegal('hz', bytes, i, 1);
    if (!gb) {
      units[o++] = c;
      i++;
      continue;
    }
    if (i + 1 >= n) throw incomplete('hz', bytes, i);
    const c2 = bytes[i + 1];
    const v = c >= 0x21 && c <= 0x7e && c2 >= 0x21 && c2 <= 0x7e ? charset('gb2312')[(c - 0x21) * 94 + c2 - 0x21] : 0;
    if (v === 0) throw illegal('hz', bytes, i, 1);
    o = writeCell(units, o, v);
    i += 2;
  }
  return unitsToString(units, o);
}
