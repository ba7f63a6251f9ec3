import { UnicodeDecodeError } from '../errors.js';
import { asciiToString } from './ascii.js';
import { IdnaLabelError, RoundTripError } from './idna-label-error.js';
import { nameprep } from './nameprep.js';
import { decodePunycodeCodePoints } from './punycode.js';
import { encodePunycode } from './punycode-encode.js';

// The `xn--` half of Lib/encodings/idna.py's ToUnicode (punycode, then ToASCII of the result, which must give the
// label back), per version. It needs nameprep's tables, so it is provided with them (src/codecs/unicode-data.ts).

const ACE = 'xn--';

const lowerAscii = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/** ToASCII(label) of 3.`minor` on a decoded label's code points: the ASCII label, or {@link IdnaLabelError}. */
function toAscii(label: number[], minor: number): string {
  const lengthError = (l: number[]) => {
    if (minor <= 12) return new IdnaLabelError('label empty or too long', 0, 0);
    return l.length === 0 ? new IdnaLabelError('label empty', 0, 1) : new IdnaLabelError('label too long', 0, l.length);
  };
  if (label.every((cp) => cp < 0x80)) {
    if (label.length > 0 && label.length < 64) return String.fromCharCode(...label);
    throw lengthError(label);
  }
  const prepped = nameprep(label, minor);
  if (prepped.every((cp) => cp < 0x80)) {
    if (prepped.length > 0 && prepped.length < 64) return String.fromCharCode(...prepped);
    throw lengthError(prepped);
  }
  const head = String.fromCodePoint(...prepped.slice(0, 4));
  if ((minor >= 13 ? lowerAscii(head) : head) === ACE) throw new IdnaLabelError('Label starts with ACE prefix', 0, 4);
  const ascii = ACE + encodePunycode(prepped);
  if (ascii.length < 64 && (minor >= 13 || ascii.length > 0)) return ascii;
  throw minor <= 12 ? new IdnaLabelError('label empty or too long', 0, 0) : new IdnaLabelError('label too long', 0, prepped.length);
}

/**
 * ToUnicode steps 4 - 8 of 3.`minor` on a label that starts with the ACE prefix: punycode, ToASCII, the round-trip
 * check. Throws punycode's errors (3.13+ re-raised at the label's positions), {@link IdnaLabelError} or
 * {@link RoundTripError}.
 */
export function decodeAceLabel(label: Uint8Array, minor: number): string {
  let result: number[];
  try {
    result = decodePunycodeCodePoints(label.subarray(4), minor, 'punycode');
  } catch (e) {
    if (minor >= 13 && e instanceof UnicodeDecodeError) throw new UnicodeDecodeError('idna', label, 4 + e.start, 4 + e.end, e.reason);
    throw e;
  }
  const label2 = toAscii(result, minor);
  if (lowerAscii(asciiToString(label)) !== label2) throw new RoundTripError(label, label2);
  return String.fromCodePoint(...result);
}
