import { NotImplementedError } from '../errors.js';
import type { charmapTable, decodeCharmap } from './charmap.js';
import type { getCjkDecoder } from './cjk/index.js';

/**
 * The codecs whose decoding needs generated tables: the single-byte charmaps (cp1252, koi8_r, mac_roman…) and
 * the CJK multibyte codecs. They are reached through this registry so that a bundle can leave them out:
 * `pycache-kit` provides them on first use, `pycache-kit/light` only after `await loadCodecTables()`.
 */
export interface TableCodecs {
  charmapTable: typeof charmapTable;
  decodeCharmap: typeof decodeCharmap;
  getCjkDecoder: typeof getCjkDecoder;
}

let provided: TableCodecs | undefined;

/** Makes the table codecs available to every decoder of this copy of the package. */
export function provideTableCodecs(codecs: TableCodecs): void {
  provided = codecs;
}

/** The table codecs, or the error that says how to load them. */
export function tableCodecs(module: string): TableCodecs {
  if (provided) return provided;
  throw new NotImplementedError(
    `the ${module} codec needs its tables, which this bundle has not loaded: call \`await loadCodecTables()\` from 'pycache-kit/light' first, or import from 'pycache-kit'`,
  );
}
