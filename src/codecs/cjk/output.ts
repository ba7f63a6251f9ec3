/** The UTF-16 output of a CJK decoder: a preallocated buffer of code units turned into a string at the end. */
import { SEQ_BASE, sequence } from './packed-table.js';

/**
 * Every CJK codec yields at most one UTF-16 code unit per input byte (a two-byte sequence gives at most a
 * surrogate pair or two BMP characters), so a buffer as long as the input always suffices.
 */
export function outputBuffer(inputLength: number): Uint16Array {
  return new Uint16Array(inputLength);
}

/** Writes a table cell value (a code point or a multi-code-point sequence) at `o`; returns the new end. */
export function writeCell(units: Uint16Array, o: number, v: number): number {
  if (v < 0x10000) {
    units[o] = v;
    return o + 1;
  }
  if (v < SEQ_BASE) {
    const c = v - 0x10000;
    units[o] = 0xd800 | (c >> 10);
    units[o + 1] = 0xdc00 | (c & 0x3ff);
    return o + 2;
  }
  const text = sequence(v);
  for (let k = 0; k < text.length; k++) units[o++] = text.charCodeAt(k);
  return o;
}

const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
let utf16le: TextDecoder | undefined;

/**
 * The text of `units[0..length)`. The units never hold lone surrogates, so a UTF-16LE TextDecoder (in every
 * browser and Node build) reads them unchanged and much faster than String.fromCharCode.
 */
export function unitsToString(units: Uint16Array, length: number): string {
  if (length < 64 || !littleEndian || typeof TextDecoder === 'undefined') {
    let text = '';
    const chunk = 0x1000;
    for (let at = 0; at < length; at += chunk) {
      text += String.fromCharCode.apply(null, units.subarray(at, Math.min(at + chunk, length)) as unknown as number[]);
    }
    return text;
  }
  // ignoreBOM: a U+FEFF at the start is text here, not a byte order mark.
  utf16le ??= new TextDecoder('utf-16le', { ignoreBOM: true });
  return utf16le.decode(units.subarray(0, length));
}
