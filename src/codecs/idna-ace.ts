import { UnicodeDecodeError } from '../errors.js';
import { pyBytesRepr } from '../py-repr.js';
import { asciiToString } from './ascii.js';
import { stringFromCodePoints } from './code-units.js';
import { IdnaLabelError } from './idna-label-error.js';
import { nameprep } from './nameprep.js';
import { decodePunycodeCodePoints } from './punycode.js';
import { encodePunycode } from './punycode-encode.js';
import { UnicodeError } from './unicode-error.js';
import { wrapCodecError } from './wrap-codec-error.js';

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
  throw minor <= 12
    ? new IdnaLabelError('label empty or too long', 0, 0)
    : new IdnaLabelError('label too long', 0, prepped.length);
}

const asciiBytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/**
 * ToUnicode steps 4 - 8 of 3.`minor` on a label that starts with the ACE prefix: punycode, ToASCII, the round-trip
 * check. Throws what the codec raises for the label: 3.13+ a `UnicodeDecodeError` with positions in the label
 * (the codec moves them to the label's offset); before, the `UnicodeError` (wrapped 3.4 - 3.11 with the codec
 * `name`) or punycode's own errors. A failed round trip is a `UnicodeError` of three arguments before 3.13 (its
 * message is the tuple's repr, and `bytes.decode` does not wrap it).
 */
export function decodeAceLabel(label: Uint8Array, minor: number, name: string): string {
  let result: number[];
  try {
    result = decodePunycodeCodePoints(label.subarray(4), minor, 'punycode');
  } catch (e) {
    if (minor >= 13 && e instanceof UnicodeDecodeError)
      throw new UnicodeDecodeError('idna', label, 4 + e.start, 4 + e.end, e.reason);
    throw e instanceof UnicodeDecodeError || !(e instanceof Error) ? e : wrapCodecError(e, minor, name);
  }
  let label2: string;
  try {
    label2 = toAscii(result, minor);
  } catch (e) {
    if (!(e instanceof IdnaLabelError)) throw e;
    throw minor >= 13
      ? new UnicodeDecodeError('idna', label, e.start, e.end, e.reason)
      : wrapCodecError(new UnicodeError(e.reason), minor, name);
  }
  if (lowerAscii(asciiToString(label)) !== label2) {
    if (minor >= 13) {
      throw new UnicodeDecodeError(
        'idna',
        label,
        0,
        label.length,
        `IDNA does not round-trip, '${pyBytesRepr(label)}' != '${pyBytesRepr(asciiBytes(label2))}'`,
      );
    }
    throw new UnicodeError(`('IDNA does not round-trip', ${pyBytesRepr(label)}, ${pyBytesRepr(asciiBytes(label2))})`);
  }
  return stringFromCodePoints(result);
}
