import { NotImplementedError } from '../errors.js';
import type { decodeAceLabel } from './idna-ace.js';
import type { lookupName } from './unicode-names.js';

/**
 * The two codec features that need Unicode data tables: `idna`'s nameprep (the stringprep tables and NFKC on
 * Unicode 3.2.0, for `xn--` labels) and `unicode_escape`'s `\N{NAME}` (each version's name database). They are
 * reached through this registry so that a bundle can leave the tables out: `pycache-kit` provides them on first
 * use, `pycache-kit/light` only after `await loadCodecTables()` (a chunk of their own).
 */
export interface UnicodeData {
  decodeAceLabel: typeof decodeAceLabel;
  lookupName: typeof lookupName;
}

let provided: UnicodeData | undefined;

/** Makes the Unicode data features available to every decoder of this copy of the package. */
export function provideUnicodeData(data: UnicodeData): void {
  provided = data;
}

/** The Unicode data features, or the error that says how to load them. */
export function unicodeData(what: string): UnicodeData {
  if (provided) return provided;
  throw new NotImplementedError(
    `${what} needs the Unicode data tables, which this bundle has not loaded: call \`await loadCodecTables()\` from 'pycache-kit/light' first, or import from 'pycache-kit'`,
  );
}
