import { ALIASES_ADDED, ALIASES_BASE, HANGUL_ANY_CASE_FROM, NAME_RANGES, NAMES_ADDED, NAMES_BASE } from './tables/unicode-names.js';

// The name database behind `\N{NAME}` in unicode_escape (CPython's `_getcode`, without named sequences): stored
// names and aliases match case-insensitively (ASCII); up to 3.14 the computed Hangul syllable and CJK unified
// ideograph names only as CPython spells them (upper case, 4 or 5 hex digits for the ideographs), from 3.15 in
// any case (the ideographs with exactly their own digits, like the stored PREFIX-HEX names).

const JAMO_L = ['G', 'GG', 'N', 'D', 'DD', 'R', 'M', 'B', 'BB', 'S', 'SS', '', 'J', 'JJ', 'C', 'K', 'T', 'P', 'H'];
const JAMO_V = ['A', 'AE', 'YA', 'YAE', 'EO', 'E', 'YEO', 'YE', 'O', 'WA', 'WAE', 'OE', 'YO', 'U', 'WEO', 'WE', 'WI', 'YU', 'EU', 'YI', 'I'];
const JAMO_T = ['', 'G', 'GG', 'GS', 'N', 'NJ', 'NH', 'D', 'L', 'LG', 'LM', 'LB', 'LS', 'LT', 'LP', 'LH', 'M', 'B', 'BS', 'S', 'SS', 'NG', 'J', 'C', 'K', 'T', 'P', 'H'];
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

interface Database {
  names: Map<string, number>;
  ranges: readonly NameRange[];
}

const databases = new Map<number, Database>();

function database(minor: number): Database {
  let db = databases.get(minor);
  if (db) return db;
  const names = new Map<string, number>();
  const addNames = (text: string) => {
    let cp = 0;
    let previous = '';
    for (const line of text.split('\n')) {
      const space = line.indexOf(' ');
      cp += parseInt(line.slice(0, space), 36);
      previous = previous.slice(0, line.charCodeAt(space + 1) - 0x21) + line.slice(space + 2);
      names.set(previous, cp);
    }
  };
  const addAliases = (text: string) => {
    for (const line of text.split('\n')) {
      const space = line.indexOf(' ');
      names.set(line.slice(space + 1), parseInt(line.slice(0, space), 36));
    }
  };
  addNames(NAMES_BASE);
  addAliases(ALIASES_BASE);
  for (const [m, text] of Object.entries(NAMES_ADDED)) if (Number(m) <= minor) addNames(text);
  for (const [m, text] of Object.entries(ALIASES_ADDED)) if (Number(m) <= minor) addAliases(text);
  let ranges: readonly NameRange[] = [];
  for (const [m, list] of Object.entries(NAME_RANGES)) if (Number(m) <= minor || ranges.length === 0) ranges = list;
  db = { names, ranges };
  databases.set(minor, db);
  return db;
}

const HEX = /^[0-9A-F]+$/;

/**
 * The code point `\N{NAME}` stands for in CPython 3.`minor` (its Unicode database), or -1 when CPython says
 * `unknown Unicode character name`. `name` is the bytes between the braces.
 */
export function lookupName(name: Uint8Array, minor: number): number {
  for (const b of name) if (b >= 0x80) return -1;
  const raw = String.fromCharCode(...name);
  const upper = raw.replace(/[a-z]+/g, (m) => m.toUpperCase());
  const text = minor >= HANGUL_ANY_CASE_FROM ? upper : raw;
  if (text.startsWith(HANGUL)) return hangul(text);
  const db = database(minor);
  for (const [prefix, , , stored] of db.ranges) {
    if (stored || !text.startsWith(prefix)) continue;
    // a computed name: CPython's own check, with no fallback to the stored names
    const digits = text.slice(prefix.length);
    if ((digits.length !== 4 && digits.length !== 5) || !HEX.test(digits)) return -1;
    const cp = parseInt(digits, 16);
    return db.ranges.some(([p, a, b, s]) => !s && p === prefix && cp >= a && cp <= b) ? cp : -1;
  }
  const found = db.names.get(upper);
  if (found !== undefined) return found;
  for (const [prefix, first, last, stored] of db.ranges) {
    if (!stored || !upper.startsWith(prefix)) continue;
    const cp = parseInt(upper.slice(prefix.length), 16);
    if (cp >= first && cp <= last && upper === prefix + cp.toString(16).toUpperCase().padStart(4, '0')) return cp;
  }
  return -1;
}
