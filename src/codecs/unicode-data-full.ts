import { decodeAceLabel } from './idna-ace.js';
import { provideUnicodeData } from './unicode-data.js';
import { lookupName } from './unicode-names.js';

/** Provides the Unicode data features (static imports: whoever calls this bundles the tables). Idempotent, cheap. */
export function useUnicodeData(): void {
  provideUnicodeData(FULL);
}

const FULL = { decodeAceLabel, lookupName };
