import { own } from './own.js';
import {
  ISALNUM_DIFFS,
  ISALNUM_NEWEST,
  ISPRINTABLE_DIFFS,
  ISPRINTABLE_NEWEST,
  UNICODE_VERSIONS,
} from './unicode-tables.js';

/** Sorted boundaries [start0, end0 + 1, start1, …]: a code point is in the set when an odd number are ≤ it. */
type Boundaries = Int32Array;

function decode(text: string): number[] {
  const out: number[] = [];
  let prev = 0;
  if (text === '') return out;
  for (const part of text.split(',')) {
    const dot = part.indexOf('.');
    const start = prev + parseInt(dot < 0 ? part : part.slice(0, dot), 36);
    const end = start + (dot < 0 ? 0 : parseInt(part.slice(dot + 1), 36)) + 1;
    out.push(start, end);
    prev = end;
  }
  return out;
}

/** Symmetric difference of two boundary lists: shared boundaries cancel. */
function xor(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
    else if (i >= a.length || b[j] < a[i]) out.push(b[j++]);
    else {
      i++;
      j++;
    }
  }
  return out;
}

/** Expands a property's tables for one Python version, once, on first use (most paths are ASCII). */
function lazyTable(newest: string, diffs: Readonly<Record<string, string>>): (version: string) => Boundaries {
  const cache = new Map<string, Boundaries>();
  const raw = new Map<string, number[]>();
  const rawFor = (version: string): number[] => {
    let set = raw.get(version);
    if (set) return set;
    const index = UNICODE_VERSIONS.indexOf(version);
    set = index <= 0 ? decode(newest) : xor(rawFor(UNICODE_VERSIONS[index - 1]), decode(own(diffs, version) ?? ''));
    raw.set(version, set);
    return set;
  };
  return (version) => {
    // 3.0-3.5 have no interpreter here: they share the oldest table (see unicode-tables.ts).
    const known = UNICODE_VERSIONS.includes(version) ? version : UNICODE_VERSIONS[UNICODE_VERSIONS.length - 1];
    let table = cache.get(known);
    if (!table) {
      table = Int32Array.from(rawFor(known));
      cache.set(known, table);
    }
    return table;
  };
}

function contains(table: Boundaries, cp: number): boolean {
  let lo = 0;
  let hi = table.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (table[mid] <= cp) lo = mid + 1;
    else hi = mid;
  }
  return (lo & 1) === 1;
}

const alnumTable = lazyTable(ISALNUM_NEWEST, ISALNUM_DIFFS);
const printableTable = lazyTable(ISPRINTABLE_NEWEST, ISPRINTABLE_DIFFS);

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** `str.isalnum()` of CPython `version` (its Unicode database): non-empty and every character alphanumeric. */
export function isAlnum(text: string, version: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (!isAsciiAlnum(c)) return false;
      continue;
    }
    const cp = text.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    if (!contains(alnumTable(version), cp)) return false;
  }
  return true;
}

/** `Py_UNICODE_ISPRINTABLE` of CPython `version`, for one code point. */
export function isPrintable(cp: number, version: string): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  return contains(printableTable(version), cp);
}
