import { own } from '../own.js';
import { UnicodeDecodeError } from '../errors.js';
import { CHARMAPS, CHARMAP_CHANGES } from './tables/charmaps.js';

const UNDEFINED = 0xfffe;
const expanded = new Map<string, Uint16Array>();

/** The module's decoding table for a version, or undefined when the module is not a charmap codec. */
function rawTable(module: string, minor: number): string | undefined {
  let table = own(CHARMAPS, module);
  if (table === undefined) return undefined;
  for (const [since, changes] of Object.entries(CHARMAP_CHANGES)) {
    const changed = own(changes, module);
    if (minor >= Number(since) && changed !== undefined) table = changed;
  }
  return table;
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
 * The WHATWG encoding whose decoder may agree with a CPython charmap codec. Agreement is not assumed: it is
 * checked against CPython's table, byte by byte, before first use (see {@link nativeDecoder}).
 */
const WHATWG_LABELS: Readonly<Record<string, string>> = {
  cp866: 'ibm866',
  cp874: 'windows-874',
  cp1250: 'windows-1250',
  cp1251: 'windows-1251',
  cp1252: 'windows-1252',
  cp1253: 'windows-1253',
  cp1254: 'windows-1254',
  cp1255: 'windows-1255',
  cp1256: 'windows-1256',
  cp1257: 'windows-1257',
  cp1258: 'windows-1258',
  iso8859_2: 'iso-8859-2',
  iso8859_3: 'iso-8859-3',
  iso8859_4: 'iso-8859-4',
  iso8859_5: 'iso-8859-5',
  iso8859_6: 'iso-8859-6',
  iso8859_7: 'iso-8859-7',
  iso8859_8: 'iso-8859-8',
  iso8859_10: 'iso-8859-10',
  iso8859_13: 'iso-8859-13',
  iso8859_14: 'iso-8859-14',
  iso8859_15: 'iso-8859-15',
  iso8859_16: 'iso-8859-16',
  koi8_r: 'koi8-r',
  koi8_u: 'koi8-u',
  mac_roman: 'macintosh',
  mac_cyrillic: 'x-mac-cyrillic',
};

/** A table's native decoder, and whether the table has undefined bytes to check for first. */
interface Native {
  decoder: TextDecoder;
  hasUndefined: boolean;
}

const natives = new Map<Uint16Array, Native | null>();

/**
 * The engine's own decoder for `table`, when it gives exactly CPython's character for every byte CPython
 * defines (checked once on all 256 bytes); `null` where the engine lacks the encoding or any byte differs.
 * It builds the text in one native step: no JavaScript loop, no parts to join.
 */
function nativeDecoder(module: string, table: Uint16Array): Native | null {
  let native = natives.get(table);
  if (native !== undefined) return native;
  native = null;
  const label = own(WHATWG_LABELS, module);
  if (label) {
    try {
      const candidate = new TextDecoder(label, { ignoreBOM: true });
      const all = candidate.decode(Uint8Array.from({ length: 256 }, (_, b) => b));
      let same = all.length === 256;
      for (let b = 0; same && b < 256; b++) same = table[b] === UNDEFINED || all.charCodeAt(b) === table[b];
      if (same) native = { decoder: candidate, hasUndefined: table.includes(UNDEFINED) };
    } catch {
      // an engine without this legacy encoding (a small-ICU build): the loop below decodes it
    }
  }
  natives.set(table, native);
  return native;
}

/**
 * `codecs.charmap_decode` with a table, strict: an undefined byte raises
 * `'charmap' codec can't decode byte 0xNN in position P: character maps to <undefined>`.
 */
export function decodeCharmap(bytes: Uint8Array, table: Uint16Array, module = ''): string {
  const native = nativeDecoder(module, table);
  if (native) {
    if (native.hasUndefined) {
      for (let i = 0; i < bytes.length; i++) {
        if (table[bytes[i]] === UNDEFINED)
          throw new UnicodeDecodeError('charmap', bytes, i, i + 1, 'character maps to <undefined>');
      }
    }
    return native.decoder.decode(bytes);
  }
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
