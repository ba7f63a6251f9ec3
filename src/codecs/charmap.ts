import { UnicodeDecodeError } from '../errors.js';
import { CHARMAPS, CHARMAP_CHANGES } from './tables/charmaps.js';

const UNDEFINED = 0xfffe;
const expanded = new Map<string, Uint16Array>();

/** The module's decoding table for a version, or undefined when the module is not a charmap codec. */
function rawTable(module: string, minor: number): string | undefined {
  let table = CHARMAPS[module];
  if (table === undefined) return undefined;
  for (const [since, changes] of Object.entries(CHARMAP_CHANGES)) {
    if (minor >= Number(since) && changes[module] !== undefined) table = changes[module];
  }
  return table;
}

/** Whether `module` decodes through a generated charmap table. */
export function isCharmapModule(module: string): boolean {
  return module in CHARMAPS;
}

/** The 256-entry table (0xFFFE = undefined), expanded on first use from the compact generated string. */
export function charmapTable(module: string, minor: number): Uint16Array | undefined {
  const raw = rawTable(module, minor);
  if (raw === undefined) return undefined;
  let t = expanded.get(raw);
  if (!t) {
    t = new Uint16Array(256);
    const offset = 256 - raw.length;
    for (let b = 0; b < offset; b++) t[b] = b;
    for (let k = 0; k < raw.length; k++) t[offset + k] = raw.charCodeAt(k);
    expanded.set(raw, t);
  }
  return t;
}

/**
 * `codecs.charmap_decode` with a table, strict: an undefined byte raises
 * `'charmap' codec can't decode byte 0xNN in position P: character maps to <undefined>`.
 */
export function decodeCharmap(bytes: Uint8Array, table: Uint16Array): string {
  const n = bytes.length;
  const parts: string[] = [];
  const CHUNK = 8192;
  const units = new Uint16Array(Math.min(n, CHUNK));
  for (let base = 0; base < n; base += CHUNK) {
    const end = Math.min(base + CHUNK, n);
    for (let i = base; i < end; i++) {
      const u = table[bytes[i]];
      if (u === UNDEFINED) throw new UnicodeDecodeError('charmap', bytes, i, i + 1, 'character maps to <undefined>');
      units[i - base] = u;
    }
    parts.push(String.fromCharCode.apply(null, units.subarray(0, end - base) as unknown as number[]));
  }
  return parts.join('');
}
