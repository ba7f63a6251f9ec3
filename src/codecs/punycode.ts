import { IndexError, UnicodeDecodeError } from '../errors.js';
import { UnicodeError } from './unicode-error.js';
import { wrapCodecError } from './wrap-codec-error.js';
import { stringFromCodePoints } from './code-units.js';

// Lib/encodings/punycode.py (RFC 3492 decoding) with each version's errors. Numbers are BigInts: Python's are
// unbounded and a long digit run makes them huge (they end up in the `Invalid character U+...` message).

function T(j: number, bias: number): number {
  const res = 36 * (j + 1) - bias;
  return res < 1 ? 1 : res > 26 ? 26 : res;
}

function adapt(delta: bigint, first: boolean, numchars: number): number {
  delta = first ? delta / 700n : delta / 2n;
  delta += delta / BigInt(numchars);
  let divisions = 0n;
  while (delta > 455n) {
    delta /= 35n;
    divisions += 36n;
  }
  return Number(divisions + (36n * delta) / (delta + 38n));
}

/** A failure inside insertion_sort, with positions in `extended` (3.13+ adds the offset). */
class PunyFail extends Error {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly reason: string,
    readonly kind: 'unicode' | 'index' = 'unicode',
  ) {
    super(reason);
  }
}

function decodeNumber(extended: Uint8Array, extpos: number, bias: number, minor: number): [number, bigint] {
  let result = 0n;
  let w = 1n;
  let j = 0;
  for (;;) {
    if (extpos >= extended.length)
      throw new PunyFail(extpos, extpos + 1, minor >= 13 ? 'incomplete punycode string' : 'incomplete punicode string');
    const char = extended[extpos];
    extpos++;
    let digit: number;
    if (char >= 0x41 && char <= 0x5a) digit = char - 0x41;
    else if (char >= 0x30 && char <= 0x39) digit = char - 22;
    else if (minor >= 13) throw new PunyFail(extpos - 1, extpos, `Invalid extended code point '${char}'`);
    else if (minor <= 6) {
      // 3.6 quoted the character after the bad one (an IndexError at the end)
      if (extpos >= extended.length) throw new PunyFail(0, 0, 'string index out of range', 'index');
      throw new PunyFail(0, 0, `Invalid extended code point '${String.fromCharCode(extended[extpos])}'`);
    } else throw new PunyFail(0, 0, `Invalid extended code point '${String.fromCharCode(char)}'`);
    const t = T(j, bias);
    result += BigInt(digit) * w;
    if (digit < t) return [extpos, result];
    w *= BigInt(36 - t);
    j++;
  }
}

function insertionSort(base: number[], extended: Uint8Array, minor: number): number[] {
  let char = 0x80n;
  let pos = -1n;
  let bias = 72;
  let extpos = 0;
  while (extpos < extended.length) {
    const [newpos, delta] = decodeNumber(extended, extpos, bias, minor);
    pos += delta + 1n;
    char += pos / BigInt(base.length + 1);
    if (char > 0x10ffffn) {
      // 3.13+ report positions `pos - 1 .. pos` in `extended` (sic); they can be far outside the input
      throw new PunyFail(Number(pos - 1n), Number(pos), `Invalid character U+${char.toString(16)}`);
    }
    pos %= BigInt(base.length + 1);
    base.splice(Number(pos), 0, Number(char));
    bias = adapt(delta, extpos === 0, base.length);
    extpos = newpos;
  }
  return base;
}

const upper = (b: Uint8Array) => b.map((c) => (c >= 0x61 && c <= 0x7a ? c - 0x20 : c));

/** The `punycode` codec, strict, as the target version decodes it. */
export function decodePunycode(bytes: Uint8Array, minor: number, name: string): string {
  // No spread: a million code points as call arguments overflow the stack, where CPython just joins them.
  return stringFromCodePoints(decodePunycodeCodePoints(bytes, minor, name));
}

/**
 * {@link decodePunycode}'s code points: what idna's ToUnicode continues with (a JavaScript string would merge a
 * decoded high and low surrogate into one character, where Python keeps two).
 */
export function decodePunycodeCodePoints(bytes: Uint8Array, minor: number, name: string): number[] {
  const pos = bytes.lastIndexOf(0x2d);
  const baseBytes = pos < 0 ? new Uint8Array(0) : bytes.subarray(0, pos);
  const extBytes = pos < 0 ? bytes : bytes.subarray(pos + 1);
  for (let i = 0; i < baseBytes.length; i++) {
    if (baseBytes[i] >= 0x80)
      throw new UnicodeDecodeError('ascii', minor >= 13 ? bytes : baseBytes, i, i + 1, 'ordinal not in range(128)');
  }
  if (minor <= 12) {
    for (let i = 0; i < extBytes.length; i++) {
      if (extBytes[i] >= 0x80) throw new UnicodeDecodeError('ascii', extBytes, i, i + 1, 'ordinal not in range(128)');
    }
  }
  const base = Array.from(baseBytes);
  try {
    return insertionSort(base, upper(extBytes), minor);
  } catch (e) {
    if (!(e instanceof PunyFail)) throw e;
    if (minor >= 13) {
      const offset = pos + 1;
      throw new UnicodeDecodeError('punycode', bytes, offset + e.start, offset + e.end, e.reason);
    }
    throw wrapCodecError(e.kind === 'index' ? new IndexError(e.reason) : new UnicodeError(e.reason), minor, name);
  }
}
