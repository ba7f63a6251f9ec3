import { UnicodeDecodeError } from '../errors.js';
import { asciiToString, firstNonAscii } from './ascii.js';
import { unicodeData } from './unicode-data.js';
import { UnicodeError } from './unicode-error.js';

// Lib/encodings/idna.py (RFC 3490 ToUnicode, with ToASCII for the round-trip check) as each version has it:
// 3.12 added the 1024-character label limit; 3.13 made every error a UnicodeDecodeError with positions in the
// input, compares the ACE prefix case-insensitively and quotes both labels when a label does not round-trip.

/**
 * ToUnicode(label) of 3.`minor` on a label's bytes. Throws what the codec raises, 3.13+ with positions in the label.
 * `xn--` labels are decoded by `decodeAceLabel`, which comes with the Unicode data tables (nameprep).
 */
function toUnicode(label: Uint8Array, minor: number, name: string): string {
  if (minor >= 12 && label.length > 1024) {
    throw minor >= 13
      ? new UnicodeDecodeError('idna', label, 0, label.length, 'label way too long')
      : new UnicodeError('label way too long');
  }
  const prefixed =
    label.length >= 4 &&
    label[2] === 0x2d &&
    label[3] === 0x2d &&
    (minor >= 13 ? (label[0] | 0x20) === 0x78 && (label[1] | 0x20) === 0x6e : label[0] === 0x78 && label[1] === 0x6e);
  if (!prefixed) {
    const bad = firstNonAscii(label);
    if (bad >= 0) throw new UnicodeDecodeError('ascii', label, bad, bad + 1, 'ordinal not in range(128)');
    return asciiToString(label);
  }
  return unicodeData('the idna codec (an "xn--" label)').decodeAceLabel(label, minor, name);
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
  if (trailingDot) {
    labels.pop();
    starts.pop();
  }
  return { labels, starts, trailingDot };
}

/** 3.13+ re-raise a label's `UnicodeDecodeError` at the label's offset in the input; older versions let it through. */
function labelFailure(e: unknown, input: Uint8Array, offset: number, minor: number): unknown {
  return minor >= 13 && e instanceof UnicodeDecodeError
    ? new UnicodeDecodeError('idna', input, offset + e.start, offset + e.end, e.reason)
    : e;
}

/** `bytes.decode('idna')` of 3.`minor` (`Codec.decode`), strict. `name` is the codec name as the caller spelled it. */
export function decodeIdna(bytes: Uint8Array, minor: number, name: string): string {
  const hasAce = hasPrefixAnywhere(bytes, minor >= 13);
  if (!hasAce && firstNonAscii(bytes) < 0) return asciiToString(bytes);
  const { labels, starts, trailingDot } = labelsOf(bytes);
  const result: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    try {
      result.push(toUnicode(labels[i], minor, name));
    } catch (e) {
      throw labelFailure(e, bytes, starts[i], minor);
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
      result.push(toUnicode(label, minor, name));
    } catch (e) {
      throw labelFailure(e, bytes, size, minor);
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
