/**
 * CPython's CJK multibyte codecs (Modules/cjkcodecs), decode direction, strict: byte for byte the text
 * `bytes.decode(codec)` returns, or the `UnicodeDecodeError` it raises (same encoding name, start, end and
 * reason). Tables are packed text (src/codecs/cjk/tables, generated from the interpreters) expanded on first
 * use of a codec that needs them; decoding is synchronous and linear in the input.
 */
import { decodeHz } from './hz.js';
import { decodeIso2022, ISO2022_CODECS } from './iso2022.js';
import { decodeStateless, STATELESS_CODECS } from './stateless.js';

export { RuntimeError } from './decode-errors.js';

/** The codec module names this module decodes (CPython's spelling: lower case, underscores). */
export const CJK_CODECS: readonly string[] = [...STATELESS_CODECS, ...ISO2022_CODECS, 'hz'].sort();

/** The newest minor version whose behaviour the decoders default to. */
const LATEST_MINOR = 15;

/**
 * The strict decoder of a CJK codec, or undefined if `name` is not one. `name` is the codec module name
 * (`'shift_jis'`, `'euc_jis_2004'`, `'iso2022_jp_2'`, `'hz'`, ...). The tables are identical in CPython
 * 3.6 .. 3.15; `minor` (default: 15) only changes the message of the RuntimeError that iso2022_jp_2 raises
 * for ESC N after ESC . J (wrapped before 3.12). Decoders throw `UnicodeDecodeError` (and that RuntimeError).
 */
export function getCjkDecoder(name: string, minor: number = LATEST_MINOR): ((bytes: Uint8Array) => string) | undefined {
  if ((STATELESS_CODECS as readonly string[]).includes(name)) return (bytes) => decodeStateless(name, bytes);
  if ((ISO2022_CODECS as readonly string[]).includes(name)) return (bytes) => decodeIso2022(name, bytes, minor);
  if (name === 'hz') return decodeHz;
  return undefined;
}
