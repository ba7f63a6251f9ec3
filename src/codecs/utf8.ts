import { UnicodeDecodeError } from '../errors.js';

// WHATWG's UTF-8 decoder accepts exactly the byte sequences CPython's accepts (well-formed UTF-8: no overlongs,
// no surrogates, nothing above U+10FFFF; noncharacters allowed), so it decodes valid input. `ignoreBOM` keeps a
// leading U+FEFF as CPython's utf-8 does. The replacing decoder is the fast one (Node's `fatal` mode takes a
// slower path): a result without U+FFFD proves the input valid; otherwise the fatal decoder decides (the file may
// hold a real U+FFFD) and on failure findUtf8Error re-scans for CPython's exact error.
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const isCont = (b: number): boolean => (b & 0xc0) === 0x80;

/**
 * CPython's first UTF-8 error in `bytes[from..]` (`Objects/stringlib/codecs.h` `utf8_decode`): start, end and
 * reason, or `null` when the bytes are valid.
 */
export function findUtf8Error(bytes: Uint8Array, from = 0): { start: number; end: number; reason: string } | null {
  const n = bytes.length;
  let i = from;
  const invalidCont = (k: number) => ({ start: i, end: i + k, reason: 'invalid continuation byte' });
  while (i < n) {
    const ch = bytes[i];
    if (ch < 0x80) {
      i++;
      continue;
    }
    const left = n - i;
    if (ch < 0xc2) return { start: i, end: i + 1, reason: 'invalid start byte' };
    if (ch < 0xe0) {
      if (left < 2) return { start: i, end: n, reason: 'unexpected end of data' };
      if (!isCont(bytes[i + 1])) return invalidCont(1);
      i += 2;
      continue;
    }
    if (ch < 0xf0) {
      if (left < 3) {
        if (left >= 2) {
          const ch2 = bytes[i + 1];
          if (!isCont(ch2) || (ch2 < 0xa0 ? ch === 0xe0 : ch === 0xed)) return invalidCont(1);
        }
        return { start: i, end: n, reason: 'unexpected end of data' };
      }
      const ch2 = bytes[i + 1];
      if (!isCont(ch2) || (ch === 0xe0 && ch2 < 0xa0) || (ch === 0xed && ch2 >= 0xa0)) return invalidCont(1);
      if (!isCont(bytes[i + 2])) return invalidCont(2);
      i += 3;
      continue;
    }
    if (ch < 0xf5) {
      if (left < 4) {
        if (left >= 2) {
          const ch2 = bytes[i + 1];
          if (!isCont(ch2) || (ch2 < 0x90 ? ch === 0xf0 : ch === 0xf4)) return invalidCont(1);
          if (left >= 3 && !isCont(bytes[i + 2])) return invalidCont(2);
        }
        return { start: i, end: n, reason: 'unexpected end of data' };
      }
      const ch2 = bytes[i + 1];
      if (!isCont(ch2) || (ch === 0xf0 && ch2 < 0x90) || (ch === 0xf4 && ch2 >= 0x90)) return invalidCont(1);
      if (!isCont(bytes[i + 2])) return invalidCont(2);
      if (!isCont(bytes[i + 3])) return invalidCont(3);
      i += 4;
      continue;
    }
    return { start: i, end: i + 1, reason: 'invalid start byte' };
  }
  return null;
}

/** The `utf_8` codec, strict. (V8 makes a one-byte string of pure-ASCII input.) */
export function decodeUtf8(bytes: Uint8Array): string {
  const text = lenientUtf8.decode(bytes);
  if (text.indexOf('\ufffd') < 0) return text;
  try {
    return fatalUtf8.decode(bytes);
  } catch {
    const err = findUtf8Error(bytes, 0);
    if (!err) throw new Error('internal: TextDecoder rejected UTF-8 that CPython accepts');
    throw new UnicodeDecodeError('utf-8', bytes, err.start, err.end, err.reason);
  }
}

/**
 * The `utf_8_sig` codec: one leading BOM is skipped, then UTF-8; error positions count from after the BOM
 * (CPython decodes `input[3:]`).
 */
export function decodeUtf8Sig(bytes: Uint8Array): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return decodeUtf8(bytes.subarray(3));
  return decodeUtf8(bytes);
}
