import { UnicodeDecodeError } from '../errors.js';
import { pyBytesRepr } from '../py-repr.js';
import { asciiToString, firstNonAscii } from './ascii.js';
import { IdnaLabelError, RoundTripError } from './idna-label-error.js';
import { unicodeData } from './unicode-data.js';
import { UnicodeError } from './unicode-error.js';
import { wrapCodecError } from './wrap-codec-error.js';

// Lib/encodings/idna.py (RFC 3490 ToUnicode, with ToASCII for the round-trip check) as each version has it:
// 3.12 added the 1024-character label limit; 3.13 made every error a UnicodeDecodeError with positions in the
// input, compares the ACE prefix case-insensitively and quotes both labels when a label does not round-trip.

const asciiBytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/**
 * ToUnicode(label) of 3.`minor` on a label's bytes. Throws what the codec turns into its error: a
 * `UnicodeDecodeError` (from the ASCII check or from punycode, label-relative), an {@link IdnaLabelError}, a
 * {@link RoundTripError}, or (before 3.13) punycode's own wrapped `UnicodeError`. `xn--` labels are decoded by
 * `decodeAceLabel`, which comes with the Unicode data tables (nameprep).
 */
function toUnicode(label: Uint8Array, minor: number): string {
  if (minor >= 12 && label.length > 1024) throw new IdnaLabelError('label way too long', 0, label.length);
  const prefixed = label.length >= 4 && label[2] === 0x2d && label[3] === 0x2d
    && (minor >= 13 ? (label[0] | 0x20) === 0x78 && (label[1] | 0x20) === 0x6e : label[0] === 0x78 && label[1] === 0x6e);
  if (!prefixed) {
    const bad = firstNonAscii(label);
    if (bad >= 0) throw new UnicodeDecodeError('ascii', label, bad, bad + 1, 'ordinal not in range(128)');
    return asciiToString(label);
  }
  return unicodeData('the idna codec (an "xn--" label)').decodeAceLabel(label, minor);
}

/** Splits at dots; a final empty label becomes the trailing dot. Offsets are where each label starts. */
function labelsOf(bytes: Uint8Array): { labels: Uint8Array[]; starts: number[]; trailingDot: boolean } {
  const labels: Uint8Array[] = [];
  const starts: number[] = [];
  let start = 0;
  for (;;) {
    const dot = bytes.indexOf(0x2e, start);
    const end = dot < 0 ? bytes.length : dot;
    labels.push(bytes.subarray(start, end));
    starts.push(start);
    if (dot < 0) break;
    start = dot + 1;
  }
  const trailingDot = labels[labels.length - 1].length === 0;
  if (trailingDot) { labels.pop(); starts.pop(); }
  return { labels, starts, trailingDot };
}

/** The error a label's failure becomes in 3.`minor`, for an error at `offset` in `input`. */
function labelFailure(e: unknown, input: Uint8Array, offset: number, minor: number, name: string): unknown {
  if (minor >= 13) {
    if (e instanceof UnicodeDecodeError || e instanceof IdnaLabelError) return new UnicodeDecodeError('idna', input, offset + e.start, offset + e.end, e.reason);
    if (e instanceof RoundTripError) {
      const reason = `IDNA does not round-trip, '${pyBytesRepr(e.label)}' != '${pyBytesRepr(asciiBytes(e.label2))}'`;
      return new UnicodeDecodeError('idna', input, offset, offset + e.label.length, reason);
    }
    return e;
  }
  if (e instanceof RoundTripError) {
    // a UnicodeError of three arguments: str() is the tuple's repr, and bytes.decode does not wrap it
    return new UnicodeError(`('IDNA does not round-trip', ${pyBytesRepr(e.label)}, ${pyBytesRepr(asciiBytes(e.label2))})`);
  }
  if (e instanceof IdnaLabelError) return wrapCodecError(new UnicodeError(e.reason), minor, name);
  if (e instanceof UnicodeDecodeError) return e;
  return e instanceof Error ? wrapCodecError(e, minor, name) : e;
}

/** `bytes.decode('idna')` of 3.`minor` (`Codec.decode`), strict. `name` is the codec name as the caller spelled it. */
export function decodeIdna(bytes: Uint8Array, minor: number, name: string): string {
  const hasAce = minor >= 13 ? hasPrefixAnywhere(bytes, true) : hasPrefixAnywhere(bytes, false);
  if (!hasAce && firstNonAscii(bytes) < 0) return asciiToString(bytes);
  const { labels, starts, trailingDot } = labelsOf(bytes);
  const result: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    try {
      result.push(toUnicode(labels[i], minor));
    } catch (e) {
      throw labelFailure(e, bytes, starts[i], minor, name);
    }
  }
  return result.join('.') + (trailingDot ? '.' : '');
}

/**
 * What 3.15's `decode_source` gets from `idna`: its `TextIOWrapper` decodes with the incremental decoder (one
 * call, final), which checks the whole input is ASCII first, then runs ToUnicode on every label (no fast path,
 * so the 1024-character limit applies to all of them) and counts positions one dot short (CPython's arithmetic).
 */
export function decodeIdnaIncremental(bytes: Uint8Array, minor: number, name: string): string {
  const bad = firstNonAscii(bytes);
  if (bad >= 0) throw new UnicodeDecodeError('idna', bytes, bad, bad + 1, 'ordinal not in range(128)');
  const { labels, trailingDot } = labelsOf(bytes);
  const result: string[] = [];
  let size = 0;
  for (const label of labels) {
    try {
      result.push(toUnicode(label, minor));
    } catch (e) {
      throw labelFailure(e, bytes, size, minor, name);
    }
    if (size) size += 1;
    size += label.length;
  }
  return result.join('.') + (trailingDot ? '.' : '');
}

/** Whether `xn--` occurs in the bytes (3.13+: in their ASCII lower case). */
function hasPrefixAnywhere(bytes: Uint8Array, caseless: boolean): boolean {
  for (let i = bytes.indexOf(0x2d, 2); i >= 0 && i + 1 < bytes.length; i = bytes.indexOf(0x2d, i + 1)) {
    if (bytes[i + 1] !== 0x2d) continue;
    const x = bytes[i - 2];
    const n = bytes[i - 1];
    if (caseless ? (x | 0x20) === 0x78 && (n | 0x20) === 0x6e : x === 0x78 && n === 0x6e) return true;
  }
  return false;
}
