import { charmapTable, decodeCharmap } from './charmap.js';
import { getCjkDecoder } from './cjk/index.js';
import { provideTableCodecs } from './table-codecs.js';

/** Provides every table codec (static imports: whoever calls this bundles the tables). Idempotent and cheap. */
export function useFullTables(): void {
  provideTableCodecs(FULL);
}

const FULL = { charmapTable, decodeCharmap, getCjkDecoder };
