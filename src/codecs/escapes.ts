import { UnicodeDecodeError } from '../errors.js';
import { CodeUnitWriter } from './code-units.js';
import { warnOnce } from '../warnings.js';
import { unicodeData } from './unicode-data.js';

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

const SIMPLE: Readonly<Record<number, number>> = {
  0x5c: 0x5c,
  0x27: 0x27,
  0x22: 0x22,
  0x62: 0x08,
  0x66: 0x0c,
  0x74: 0x09,
  0x6e: 0x0a,
  0x72: 0x0d,
  0x76: 0x0b,
  0x61: 0x07,
};

/**
 * The `unicode_escape` codec (`_PyUnicode_DecodeUnicodeEscapeInternal`), strict; errors name `unicodeescape`.
 * `\N{name}` reads the version's Unicode name database (names and aliases; tables loaded on first use).
 */
export function decodeUnicodeEscape(bytes: Uint8Array, minor: number): string {
  const n = bytes.length;
  // CPython warns (once, after a successful decode) about the first invalid escape; 3.12+ also about octal
  // escapes above 0o377
  let firstInvalid: string | null = null;
  const out = new CodeUnitWriter(n);
  const fail = (start: number, end: number, reason: string) =>
    new UnicodeDecodeError('unicodeescape', bytes, start, end, reason);
  let s = 0;
  while (s < n) {
    let c = bytes[s++];
    if (c !== 0x5c) {
      out.unit(c);
      continue;
    }
    const start = s - 1;
    if (s >= n) throw fail(start, n, '\\ at end of string');
    c = bytes[s++];
    if (c === 0x0a) continue;
    const simple = SIMPLE[c];
    if (simple !== undefined) {
      out.unit(simple);
      continue;
    }
    if (c >= 0x30 && c <= 0x37) {
      let ch = c - 0x30;
      if (s < n && bytes[s] >= 0x30 && bytes[s] <= 0x37) {
        ch = (ch << 3) + bytes[s++] - 0x30;
        if (s < n && bytes[s] >= 0x30 && bytes[s] <= 0x37) ch = (ch << 3) + bytes[s++] - 0x30;
      }
      if (ch > 0o377 && minor >= 12 && firstInvalid === null) {
        firstInvalid = `invalid octal escape sequence '\\${String.fromCharCode(...bytes.subarray(start + 1, start + 4))}'`;
      }
      out.unit(ch);
      continue;
    }
    if (c === 0x78 || c === 0x75 || c === 0x55) {
      let count = c === 0x78 ? 2 : c === 0x75 ? 4 : 8;
      const reason =
        c === 0x78
          ? 'truncated \\xXX escape'
          : c === 0x75
            ? 'truncated \\uXXXX escape'
            : 'truncated \\UXXXXXXXX escape';
      let ch = 0;
      for (; count; s++, count--) {
        if (s >= n) throw fail(start, n, reason);
        const v = hexValue(bytes[s]);
        if (v < 0) throw fail(start, s, reason);
        ch = ch * 16 + v;
      }
      if (ch > 0x10ffff) throw fail(start, s, 'illegal Unicode character');
      out.codePoint(ch);
      continue;
    }
    if (c === 0x4e) {
      const malformed = 'malformed \\N character escape';
      if (s >= n) throw fail(start, n, malformed);
      if (bytes[s] === 0x7b) {
        const nameStart = ++s;
        while (s < n && bytes[s] !== 0x7d) s++;
        if (s >= n) throw fail(start, n, malformed);
        if (s > nameStart) {
          const cp = unicodeData('the \\N{...} escape of unicode_escape').lookupName(
            bytes.subarray(nameStart, s),
            minor,
          );
          s++;
          if (cp < 0) throw fail(start, s, 'unknown Unicode character name');
          out.codePoint(cp);
          continue;
        }
      }
      throw fail(start, s, malformed);
    }
    if (firstInvalid === null) firstInvalid = `invalid escape sequence '\\${String.fromCharCode(c)}'`;
    out.unit(0x5c);
    out.unit(c);
  }
  const text = out.toString();
  if (firstInvalid !== null) warnOnce({ category: 'DeprecationWarning', message: firstInvalid });
  return text;
}

/** The `raw_unicode_escape` codec, strict: only `\uXXXX` / `\UXXXXXXXX` after an odd run of backslashes. */
export function decodeRawUnicodeEscape(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new CodeUnitWriter(n);
  const fail = (start: number, end: number, reason: string) =>
    new UnicodeDecodeError('rawunicodeescape', bytes, start, end, reason);
  let s = 0;
  while (s < n) {
    const c = bytes[s];
    if (c !== 0x5c) {
      out.unit(c);
      s++;
      continue;
    }
    const bs = s;
    while (s < n && bytes[s] === 0x5c) s++;
    const run = s - bs;
    const escape = (run & 1) === 1 && s < n && (bytes[s] === 0x75 || bytes[s] === 0x55);
    for (let k = escape ? 1 : 0; k < run; k++) out.unit(0x5c);
    if (!escape) continue;
    const start = s - 1;
    const big = bytes[s] === 0x55;
    let count = big ? 8 : 4;
    const reason = big ? 'truncated \\UXXXXXXXX escape' : 'truncated \\uXXXX escape';
    s++;
    let ch = 0;
    for (; count; s++, count--) {
      if (s >= n) throw fail(start, n, reason);
      const v = hexValue(bytes[s]);
      if (v < 0) throw fail(start, s, reason);
      ch = ch * 16 + v;
    }
    if (ch > 0x10ffff) throw fail(start, s, '\\Uxxxxxxxx out of range');
    out.codePoint(ch);
  }
  return out.toString();
}
