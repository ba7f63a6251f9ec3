import { UnicodeDecodeError } from '../errors.js';

/** Index of the first byte ≥ 0x80, or -1. Reads four bytes at a time where the buffer is aligned. */
export function firstNonAscii(bytes: Uint8Array, from = 0): number {
  const n = bytes.length;
  let i = from;
  while (i < n && ((bytes.byteOffset + i) & 3) !== 0) {
    if (bytes[i] & 0x80) return i;
    i++;
  }
  const words = (n - i) >> 2;
  if (words > 0) {
    const w32 = new Uint32Array(bytes.buffer, bytes.byteOffset + i, words);
    for (let k = 0; k < words; k++) {
      if (w32[k] & 0x80808080) {
        i += k << 2;
        while (!(bytes[i] & 0x80)) i++;
        return i;
      }
    }
    i += words << 2;
  }
  for (; i < n; i++) if (bytes[i] & 0x80) return i;
  return -1;
}

const latin1Like = new TextDecoder('windows-1252');

/**
 * Bytes known to be ASCII as a string. `TextDecoder('windows-1252')` (what WHATWG calls latin1) agrees with
 * ASCII on 0x00..0x7F and gives V8 a one-byte string quickly.
 */
export function asciiToString(bytes: Uint8Array): string {
  return latin1Like.decode(bytes);
}

/** The `ascii` codec: `'ascii' codec can't decode byte 0xNN in position P: ordinal not in range(128)`. */
export function decodeAscii(bytes: Uint8Array): string {
  const bad = firstNonAscii(bytes);
  if (bad >= 0) throw new UnicodeDecodeError('ascii', bytes, bad, bad + 1, 'ordinal not in range(128)');
  return asciiToString(bytes);
}

/** The `latin_1` codec: byte b is U+00bb, never an error (unlike WHATWG's latin1, which is windows-1252). */
export function decodeLatin1(bytes: Uint8Array): string {
  const bad = firstNonAscii(bytes);
  // windows-1252 differs from Latin-1 only on 0x80..0x9F: without those bytes its native decoder is exact, and
  // builds the string in one step (no parts to join: a big source needs no more memory than its text).
  if (bad < 0 || !hasC1(bytes, bad)) return asciiToString(bytes);
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    parts.push(
      String.fromCharCode.apply(null, bytes.subarray(i, Math.min(i + CHUNK, bytes.length)) as unknown as number[]),
    );
  }
  return parts.join('');
}

/** Whether any byte from `from` on is in 0x80..0x9F (the C1 controls in Latin-1, other characters in windows-1252). */
function hasC1(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if ((bytes[i] & 0xe0) === 0x80) return true;
  return false;
}
