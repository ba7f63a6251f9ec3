/**
 * CPython's ISO 2022 decoders (iso2022_jp, _jp_1, _jp_2, _jp_2004, _jp_3, _jp_ext, iso2022_kr): a state
 * machine over designations G0..G2, the locking shifts SO/SI (iso2022_kr only), iso2022_jp_2's single
 * shift ESC N, and CPython's own rules for unknown escapes (an ESC not followed by an ISO 2022 intermediate
 * passes through, with everything up to the next final byte A..Z or @, as ISO 8859-1 text).
 */
import { LookupError } from '../../errors.js';
import { own } from '../../own.js';
import { ISO2022_CODECS } from './codec-names.js';
import { charset, type CharsetName } from './charsets.js';
import { illegal, incomplete, internalCodecError } from './decode-errors.js';
import { outputBuffer, unitsToString, writeCell } from './output.js';
import { ISO2022_G2_ISO8859_7 } from './tables/small.js';

const ESC = 0x1b;
const SO = 0x0e;
const SI = 0x0f;
const LF = 0x0a;
/** Marks of double-byte sets carry this bit, as in CPython's state bytes. */
const DBCS = 0x80;
const ASCII = 0x42; // 'B'
const ISO8859_1 = 0x41; // 'A'
const ISO8859_7 = 0x46; // 'F'
const JISX0201_R = 0x4a; // 'J'
const JISX0201_K = 0x49; // 'I'
const MAX_ESCAPE_LENGTH = 16;

/** How a designated set decodes: a 94 x 94 set, or a one-byte rule; `none` decodes nothing (ISO 8859 in G0). */
type SetDecoder = CharsetName | 'jisx0201_r' | 'jisx0201_k' | 'none';

interface Config {
  /** SO and SI pass through as characters instead of shifting. */
  readonly noShift: boolean;
  /** ESC . F designates G2 and ESC N single-shifts it. */
  readonly useG2: boolean;
  /** ESC & @ may prefix a designation (JIS X 0208:1990). */
  readonly jisx0208Ext: boolean;
  /** Set mark (final byte, | DBCS for double-byte sets) to its decoder. */
  readonly sets: ReadonlyMap<number, SetDecoder>;
}

const JP_SETS: [number, SetDecoder][] = [
  [0x42 | DBCS, 'jis0208'],
  [JISX0201_R, 'jisx0201_r'],
  [0x40 | DBCS, 'jis0208'],
];

// Keyed by every name in ISO2022_CODECS, so the list and the configurations cannot drift apart.
const CONFIGS: Readonly<Record<(typeof ISO2022_CODECS)[number], Config>> = {
  iso2022_kr: { noShift: false, useG2: false, jisx0208Ext: false, sets: new Map([[0x43 | DBCS, 'ksx1001']]) },
  iso2022_jp: { noShift: true, useG2: false, jisx0208Ext: true, sets: new Map(JP_SETS) },
  iso2022_jp_1: {
    noShift: true,
    useG2: false,
    jisx0208Ext: true,
    sets: new Map([...JP_SETS, [0x44 | DBCS, 'jis0212']]),
  },
  iso2022_jp_2: {
    noShift: true,
    useG2: true,
    jisx0208Ext: true,
    sets: new Map([
      ...JP_SETS,
      [0x44 | DBCS, 'jis0212'],
      [0x43 | DBCS, 'ksx1001'],
      [0x41 | DBCS, 'gb2312'],
      [ISO8859_1, 'none'],
      [ISO8859_7, 'none'],
    ]),
  },
  iso2022_jp_2004: {
    noShift: true,
    useG2: false,
    jisx0208Ext: true,
    sets: new Map([
      [0x51 | DBCS, 'jis0213_1_2004'],
      [0x42 | DBCS, 'jis0208'],
      [0x50 | DBCS, 'jis0213_2'],
    ]),
  },
  iso2022_jp_3: {
    noShift: true,
    useG2: false,
    jisx0208Ext: true,
    sets: new Map([
      [0x4f | DBCS, 'jis0213_1_2000'],
      [0x42 | DBCS, 'jis0208'],
      [0x50 | DBCS, 'jis0213_2'],
    ]),
  },
  iso2022_jp_ext: {
    noShift: true,
    useG2: false,
    jisx0208Ext: true,
    sets: new Map([...JP_SETS, [0x44 | DBCS, 'jis0212'], [JISX0201_K, 'jisx0201_k']]),
  },
};

export { ISO2022_CODECS };

const isFinal = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || c === 0x40;
const isIntermediate = (c: number): boolean => c === 0x28 || c === 0x29 || c === 0x24 || c === 0x2e || c === 0x26;

/** Decodes `bytes` with an ISO 2022 codec, strict; `minor` picks the wording of the one RuntimeError. */
export function decodeIso2022(codec: string, bytes: Uint8Array, minor: number): string {
  const config = own(CONFIGS, codec);
  if (config === undefined) throw new LookupError(`unknown encoding: ${codec}`);
  const units = outputBuffer(bytes.length);
  let o = 0;
  const g = [ASCII, ASCII, ASCII];
  let shifted = false;
  let escThroughout = false;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const c = bytes[i];
    if (escThroughout) {
      units[o++] = c;
      i++;
      if (isFinal(c)) escThroughout = false;
      continue;
    }
    if (c === ESC) {
      if (i + 1 >= n) throw incomplete(codec, bytes, i);
      const c2 = bytes[i + 1];
      if (isIntermediate(c2)) {
        i += designate(codec, config, bytes, i, g);
      } else if (config.useG2 && c2 === 0x4e) {
        if (i + 2 >= n) throw incomplete(codec, bytes, i);
        units[o++] = singleShift(codec, bytes, i, g[2], minor);
        i += 3;
      } else {
        units[o++] = ESC;
        escThroughout = true;
        i++;
      }
      continue;
    }
    if ((c === SI || c === SO) && !config.noShift) {
      shifted = c === SO;
      i++;
      continue;
    }
    if (c === LF) {
      shifted = false;
      units[o++] = LF;
      i++;
      continue;
    }
    if (c < 0x20) {
      units[o++] = c;
      i++;
      continue;
    }
    if (c >= 0x80) throw illegal(codec, bytes, i, 1);
    const mark = shifted ? g[1] : g[0];
    if (mark === ASCII) {
      units[o++] = c;
      i++;
      continue;
    }
    const set = config.sets.get(mark) as SetDecoder;
    if (set === 'jisx0201_r') {
      units[o++] = c === 0x5c ? 0xa5 : c === 0x7e ? 0x203e : c;
      i++;
    } else if (set === 'jisx0201_k') {
      if (c < 0x21 || c > 0x5f) throw illegal(codec, bytes, i, 1);
      units[o++] = 0xff61 + c - 0x21;
      i++;
    } else if (set === 'none') {
      throw illegal(codec, bytes, i, 1);
    } else {
      if (i + 1 >= n) throw incomplete(codec, bytes, i);
      const c2 = bytes[i + 1];
      const v = c >= 0x21 && c <= 0x7e && c2 >= 0x21 && c2 <= 0x7e ? charset(set)[(c - 0x21) * 94 + c2 - 0x21] : 0;
      if (v === 0) throw illegal(codec, bytes, i, 2);
      o = writeCell(units, o, v);
      i += 2;
    }
  }
  return unitsToString(units, o);
}

/**
 * An escape sequence ESC I... F starting at `i`: updates the designations and returns its length, or throws
 * (an unknown or undesignatable one is illegal over its whole length; one cut off by the end is incomplete).
 */
function designate(codec: string, config: Config, bytes: Uint8Array, i: number, g: number[]): number {
  const left = bytes.length - i;
  const at = (k: number): number => bytes[i + k];
  let length = 0;
  let k = 1;
  for (; k < MAX_ESCAPE_LENGTH; k++) {
    if (k >= left) throw incomplete(codec, bytes, i);
    if (isFinal(at(k))) {
      length = k + 1;
      break;
    }
    if (config.jisx0208Ext && k + 1 < left && at(k) === 0x26 && at(k + 1) === 0x40) k += 2;
  }
  if (k >= MAX_ESCAPE_LENGTH) throw illegal(codec, bytes, i, 1);
  let mark: number;
  let plane: number;
  if (length === 3) {
    if (at(1) === 0x24) {
      mark = at(2) | DBCS;
      plane = 0;
    } else {
      mark = at(2);
      if (at(1) === 0x28) plane = 0;
      else if (at(1) === 0x29) plane = 1;
      else if (config.useG2 && at(1) === 0x2e) plane = 2;
      else throw illegal(codec, bytes, i, 3);
    }
  } else if (length === 4) {
    if (at(1) !== 0x24) throw illegal(codec, bytes, i, 4);
    mark = at(3) | DBCS;
    if (at(2) === 0x28) plane = 0;
    else if (at(2) === 0x29) plane = 1;
    else throw illegal(codec, bytes, i, 4);
  } else if (length === 6 && config.jisx0208Ext && at(3) === ESC && at(4) === 0x24 && at(5) === 0x42) {
    mark = 0x42 | DBCS;
    plane = 0;
  } else {
    throw illegal(codec, bytes, i, length);
  }
  if (mark !== ASCII && !config.sets.has(mark)) throw illegal(codec, bytes, i, length);
  g[plane] = mark;
  return length;
}

/** ESC N x: one character of the set designated to G2. */
function singleShift(codec: string, bytes: Uint8Array, i: number, g2: number, minor: number): number {
  const x = bytes[i + 2];
  if (g2 === ISO8859_1) {
    if (x >= 0x80) throw illegal(codec, bytes, i, 3);
    return x + 0x80;
  }
  if (g2 === ISO8859_7) {
    const u = ISO2022_G2_ISO8859_7.charCodeAt(x);
    if (u === 0xffff) throw illegal(codec, bytes, i, 3);
    return u;
  }
  if (g2 === ASCII) {
    if (x >= 0x80) throw illegal(codec, bytes, i, 3);
    return x;
  }
  throw internalCodecError(codec, minor);
}
