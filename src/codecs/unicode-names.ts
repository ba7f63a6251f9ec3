import { asciiToString } from './ascii.js';
import {
  ALIASES_ADDED,
  ALIASES_BASE,
  HANGUL_ANY_CASE_FROM,
  NAME_RANGES,
  NAMES_ADDED,
  NAMES_BASE,
} from './tables/unicode-names.js';

// The name database behind `\N{NAME}` in unicode_escape (CPython's `_getcode`, without named sequences): stored
// names and aliases match case-insensitively (ASCII); up to 3.14 the computed Hangul syllable and CJK unified
// ideograph names only as CPython spells them (upper case, 4 or 5 hex digits for the ideographs), from 3.15 in
// any case (the ideographs with exactly their own digits, like the stored PREFIX-HEX names).

const JAMO_L = ['G', 'GG', 'N', 'D', 'DD', 'R', 'M', 'B', 'BB', 'S', 'SS', '', 'J', 'JJ', 'C', 'K', 'T', 'P', 'H'];
const JAMO_V = [
  'A',
  'AE',
  'YA',
  'YAE',
  'EO',
  'E',
  'YEO',
  'YE',
  'O',
  'WA',
  'WAE',
  'OE',
  'YO',
  'U',
  'WEO',
  'WE',
  'WI',
  'YU',
  'EU',
  'YI',
  'I',
];
const JAMO_T = [
  '',
  'G',
  'GG',
  'GS',
  'N',
  'NJ',
  'NH',
  'D',
  'L',
  'LG',
  'LM',
  'LB',
  'LS',
  'LT',
  'LP',
  'LH',
  'M',
  'B',
  'BS',
  'S',
  'SS',
  'NG',
  'J',
  'C',
  'K',
  'T',
  'P',
  'H',
];
const HANGUL = 'HANGUL SYLLABLE ';

/** `find_syllable`: the longest jamo name at `pos`, as [index, length], or [-1, 0]. */
function findSyllable(name: string, pos: number, jamo: readonly string[]): [number, number] {
  let best = -1;
  let len = -1;
  for (let i = 0; i < jamo.length; i++) {
    if (jamo[i].length > len && name.startsWith(jamo[i], pos)) {
      best = i;
      len = jamo[i].length;
    }
  }
  return [best, Math.max(len, 0)];
}

function hangul(name: string): number {
  let pos = HANGUL.length;
  const [l, ll] = findSyllable(name, pos, JAMO_L);
  pos += ll;
  const [v, vl] = findSyllable(name, pos, JAMO_V);
  pos += vl;
  const [t, tl] = findSyllable(name, pos, JAMO_T);
  pos += tl;
  if (l < 0 || v < 0 || t < 0 || pos !== name.length) return -1;
  return 0xac00 + (l * JAMO_V.length + v) * JAMO_T.length + t;
}

type NameRange = readonly [string, number, number, number, number];

/**
 * Every version's names and aliases in one map (names are only ever added): the value is the code point times 64
 * plus the first minor version that has the name, so one map serves all versions.
 */
let allNames: Map<string, number> | undefined;

function names(): Map<string, number> {
  if (allNames) return allNames;
  const map = new Map<string, number>();
  const addNames = (text: string, since: number) => {
    let cp = 0;
    let previous = '';
    for (const line of text.split('\n')) {
      const space = line.indexOf(' ');
      cp += parseInt(line.slice(0, space), 36);
      previous = previous.slice(0, line.charCodeAt(space + 1) - 0x21) + line.slice(space + 2);
      map.set(previous, cp * 64 + since);
    }
  };
  const addAliases = (text: string, since: number) => {
    for (const line of text.split('\n')) {
      const space = line.indexOf(' ');
      map.set(line.slice(space + 1), parseInt(line.slice(0, space), 36) * 64 + since);
    }
  };
  addNames(NAMES_BASE, 0);
  // \N{...} accepts aliases from 3.3 on (What's New in Python 3.3)
  addAliases(ALIASES_BASE, 3);
  for (const [m, text] of Object.entries(NAMES_ADDED)) addNames(text, Number(m));
  for (const [m, text] of Object.entries(ALIASES_ADDED)) addAliases(text, Number(m));
  allNames = map;
  return map;
}

/** The PREFIX-HEX ranges of 3.`minor`. */
function rangesFor(minor: number): readonly NameRange[] {
  let ranges: readonly NameRange[] = [];
  for (const [m, list] of Object.entries(NAME_RANGES)) if (Number(m) <= minor || ranges.length === 0) ranges = list;
  return ranges;
}

const HEX = /^[0-9A-F]+$/;

/**
 * The code point `\N{NAME}` stands for in CPython 3.`minor` (its Unicode database), or -1 when CPython says
 * `unknown Unicode character name`. `name` is the bytes between the braces.
 */
export function lookupName(name: Uint8Array, minor: number): number {
  for (const b of name) if (b >= 0x80) return -1;
  const raw = asciiToString(name); // ASCII only (checked above); no spread, the name may be any length
  const upper = raw.replace(/[a-z]+/g, (m) => m.toUpperCase());
  const text = minor >= HANGUL_ANY_CASE_FROM ? upper : raw;
  if (text.startsWith(HANGUL)) return hangul(text);
  const ranges = rangesFor(minor);
  for (const [prefix, , , stored] of ranges) {
    if (stored || !text.startsWith(prefix)) continue;
    // a computed name: CPython's own check, with no fallback to the stored names
    const digits = text.slice(prefix.length);
    if ((digits.length !== 4 && digits.length !== 5) || !HEX.test(digits)) return -1;
    const cp = parseInt(digits, 16);
    return ranges.some(([p, a, b, s]) => !s && p === prefix && cp >= a && cp <= b) ? cp : -1;
  }
  const found = names().get(upper);
  if (found !== undefined && (found & 63) <= minor) return Math.floor(found / 64);
  for (const [prefix, first, last, stored] of ranges) {
    if (!stored || !upper.startsWith(prefix)) continue;
    const cp = parseInt(upper.slice(prefix.length), 16);
    if (cp >= first && cp <= last && upper === prefix + cp.toString(16).toUpperCase().padStart(4, '0')) return cp;
  }
  return -1;
}
