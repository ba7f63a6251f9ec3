/**
 * The stateless CJK codecs (everything but iso2022_* and hz): single bytes from a 256-entry table, byte
 * pairs from the codec's grid, and the few longer forms: EUC code set 3 (0x8F b2 b3), gb18030's four-byte
 * sequences and EUC-KR's eight-byte KS X 1001:1998 Annex 3 make-up sequences.
 *
 * Error extents follow CPython's multibytecodec: an illegal sequence covers the lead byte (two bytes for
 * the cells marked so), and a sequence cut off by the end of the input is "incomplete" from its lead byte
 * to the end, decided as soon as the bytes that the codec looks at next are missing.
 */
import { LookupError } from '../../errors.js';
import { own } from '../../own.js';
import { STATELESS_CODECS } from './codec-names.js';
import { codecGrid, gridIndex } from './codec-grids.js';
import { illegal, incomplete } from './decode-errors.js';
import { ILLEGAL2 } from './packed-table.js';
import { outputBuffer, unitsToString, writeCell } from './output.js';
import { SINGLES } from './tables/singles.js';
import { EUC_KR_CHOSEONG, EUC_KR_JONGSEONG, EUC_KR_JUNGSEONG, GB18030_BMP_RANGES } from './tables/small.js';

const LEAD = 0xffff;
const ILLEGAL_BYTE = 0xfffe;

export { STATELESS_CODECS };

type Extra = 'none' | 'euc3' | 'gb18030' | 'euckr';

const EXTRA: Readonly<Record<string, Extra>> = {
  euc_jp: 'euc3',
  euc_jis_2004: 'euc3',
  euc_jisx0213: 'euc3',
  gb18030: 'gb18030',
  euc_kr: 'euckr',
};

const singlesCache = new Map<string, Uint16Array>();

function singlesOf(codec: string): Uint16Array {
  let table = singlesCache.get(codec);
  if (!table) {
    const text = own(SINGLES, codec);
    if (text === undefined) throw new LookupError(`unknown encoding: ${codec}`);
    table = Uint16Array.from({ length: 256 }, (_, b) => text.charCodeAt(b));
    singlesCache.set(codec, table);
  }
  return table;
}

/** Decodes `bytes` with the stateless codec `codec` (one of {@link STATELESS_CODECS}), strict. */
export function decodeStateless(codec: string, bytes: Uint8Array): string {
  const singles = singlesOf(codec);
  const grid = codecGrid(codec);
  const extra = own(EXTRA, codec) ?? 'none';
  const units = outputBuffer(bytes.length);
  const n = bytes.length;
  let o = 0;
  let i = 0;
  while (i < n) {
    const lead = bytes[i];
    const single = singles[lead];
    if (single < ILLEGAL_BYTE) {
      units[o++] = single;
      i++;
      continue;
    }
    if (single !== LEAD) throw illegal(codec, bytes, i, 1);
    if (i + 1 >= n) throw incomplete(codec, bytes, i);
    if (extra !== 'none') {
      const used = decodeExtra(extra, codec, bytes, i, units, o);
      if (used > 0) {
        i += used;
        o = extraEnd;
        continue;
      }
    }
    const v = grid[gridIndex(lead, bytes[i + 1])];
    if (v < 0x10000 && v !== 0) {
      units[o++] = v;
    } else {
      if (v === 0) throw illegal(codec, bytes, i, 1);
      if (v === ILLEGAL2) throw illegal(codec, bytes, i, 2);
      o = writeCell(units, o, v);
    }
    i += 2;
  }
  return unitsToString(units, o);
}

/** Where the last longer form's output ended (set by {@link decodeExtra}; decoding is synchronous). */
let extraEnd = 0;

/**
 * The longer forms, written at `units[o]`: returns the bytes consumed (the output end goes to `extraEnd`),
 * or 0 when the pair at `i` is an ordinary one.
 */
function decodeExtra(extra: Extra, codec: string, bytes: Uint8Array, i: number, units: Uint16Array, o: number): number {
  const lead = bytes[i];
  const trail = bytes[i + 1];
  if (extra === 'euc3') {
    if (lead !== 0x8f) return 0;
    if (i + 2 >= bytes.length) throw incomplete(codec, bytes, i);
    const b3 = bytes[i + 2];
    const v =
      trail >= 0xa1 && trail <= 0xfe && b3 >= 0xa1 && b3 <= 0xfe
        ? codecGrid(`${codec}/3`)[(trail - 0xa1) * 94 + b3 - 0xa1]
        : 0;
    if (v === 0) throw illegal(codec, bytes, i, 1);
    if (v === ILLEGAL2) throw illegal(codec, bytes, i, 2);
    extraEnd = writeCell(units, o, v);
    return 3;
  }
  if (extra === 'gb18030') {
    if (trail < 0x30 || trail > 0x39) return 0;
    return decodeGb18030Four(codec, bytes, i, units, o);
  }
  if (lead !== 0xa4 || trail !== 0xd4) return 0;
  return decodeEucKrMakeUp(codec, bytes, i, units, o);
}

let gbRanges: Int32Array | undefined;

/** gb18030 four-byte sequences: BMP ranges below 0x84 0x31 0xA5 0x30, planes 1..16 from 0x90 0x30 0x81 0x30. */
function decodeGb18030Four(codec: string, bytes: Uint8Array, i: number, units: Uint16Array, o: number): number {
  if (i + 3 >= bytes.length) throw incomplete(codec, bytes, i);
  const b1 = bytes[i];
  const b3 = bytes[i + 2];
  const b4 = bytes[i + 3];
  if (b1 < 0x81 || b3 < 0x81 || b3 > 0xfe || b4 < 0x30 || b4 > 0x39) throw illegal(codec, bytes, i, 1);
  const c1 = b1 - 0x81;
  const tail = (bytes[i + 1] - 0x30) * 1260 + (b3 - 0x81) * 10 + (b4 - 0x30);
  if (c1 < 4) {
    const linear = c1 * 12600 + tail;
    if (linear < 39420) {
      gbRanges ??= Int32Array.from(GB18030_BMP_RANGES.split(','), (s) => parseInt(s, 36));
      // The last range that starts at or before `linear` (pairs: start, first code point).
      let lo = 0;
      let hi = gbRanges.length / 2 - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (gbRanges[2 * mid] <= linear) lo = mid;
        else hi = mid - 1;
      }
      extraEnd = writeCell(units, o, gbRanges[2 * lo + 1] + linear - gbRanges[2 * lo]);
      return 4;
    }
  } else if (c1 >= 15) {
    const cp = 0x10000 + (c1 - 15) * 12600 + tail;
    if (cp <= 0x10ffff) {
      extraEnd = writeCell(units, o, cp);
      return 4;
    }
  }
  throw illegal(codec, bytes, i, 1);
}

let jamo: [Int8Array, Int8Array, Int8Array] | undefined;

function jamoTable(text: string): Int8Array {
  const table = new Int8Array(256).fill(-1);
  text.split(',').forEach((s, k) => {
    if (s !== '.') table[0x80 + k] = parseInt(s, 36);
  });
  return table;
}

/** EUC-KR A4 D4 A4 X A4 Y A4 Z: one precomposed Hangul syllable from its choseong, jungseong and jongseong. */
function decodeEucKrMakeUp(codec: string, bytes: Uint8Array, i: number, units: Uint16Array, o: number): number {
  if (i + 7 >= bytes.length) throw incomplete(codec, bytes, i);
  if (bytes[i + 2] !== 0xa4 || bytes[i + 4] !== 0xa4 || bytes[i + 6] !== 0xa4) throw illegal(codec, bytes, i, 1);
  jamo ??= [jamoTable(EUC_KR_CHOSEONG), jamoTable(EUC_KR_JUNGSEONG), jamoTable(EUC_KR_JONGSEONG)];
  const cho = jamo[0][bytes[i + 3]];
  const jung = jamo[1][bytes[i + 5]];
  const jong = jamo[2][bytes[i + 7]];
  if (cho < 0 || jung < 0 || jong < 0) throw illegal(codec, bytes, i, 1);
  units[o] = 0xac00 + cho * 588 + jung * 28 + jong;
  extraEnd = o + 1;
  return 8;
}
