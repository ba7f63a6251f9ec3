import type { BytesLike } from './bytes-like.js';
import { bytesOf } from './bytes-like.js';
import { decodeWithEntry, lookupCodecEntry, newlinesAreBytes, notTextEncoding } from './codecs/index.js';
import { decodeIdnaIncremental } from './codecs/idna.js';
import { decodeUtf8, decodeUtf8Sig } from './codecs/utf8.js';
import { PythonSyntaxError, UnicodeDecodeError } from './errors.js';
import { detectEncoding } from './detect-encoding.js';
import type { PythonTarget, PythonTargetSpec } from './target.js';
import { minorOf, pythonTarget } from './target.js';

/** Options of {@link decodeSource}. */
export interface DecodeSourceOptions {
  /** The Python version whose `importlib.util.decode_source` applies. Default: {@link pythonTarget}(). */
  target?: PythonTarget | PythonTargetSpec;
  /**
   * The source's file name, for tooling: it is put on a thrown `SyntaxError`'s `filename` field. The message
   * stays CPython's, which never names the file here (`decode_source` reads from a nameless `BytesIO`).
   */
  filename?: string | null;
}

/**
 * Universal newlines as `decode_source` applies them: `\r\n` and `\r` become `\n`. Up to 3.14 the
 * `IncrementalNewlineDecoder` is never flushed, so a final `\r` is dropped; 3.15 reads through `TextIOWrapper`
 * and keeps it (as `\n`).
 */
export function translateNewlines(text: string, minor: number): string {
  if (text.indexOf('\r') < 0) return text;
  if (minor <= 14 && text.charCodeAt(text.length - 1) === 0x0d) text = text.slice(0, -1);
  // two plain passes are faster than one regex: after the CRLFs, any CR left is a lone one
  text = text.replaceAll('\r\n', '\n');
  return text.indexOf('\r') < 0 ? text : text.replaceAll('\r', '\n');
}

/**
 * Universal newlines on UTF-8 bytes, before decoding: `\r` (0x0D) and `\n` never occur inside a multi-byte
 * sequence, so this equals {@link translateNewlines} on the text, and it keeps peak memory low (one byte copy
 * instead of a second string as large as the text, which is two bytes a character once anything is non-ASCII).
 * Validity is unchanged (0x0D is never a continuation byte). Returns `bytes` itself when there is no `\r`.
 */
export function translateNewlineBytes(bytes: Uint8Array, minor: number): Uint8Array {
  let cr = bytes.indexOf(0x0d);
  if (cr < 0) return bytes;
  let end = bytes.length;
  if (minor <= 14 && bytes[end - 1] === 0x0d) end--;
  const out = new Uint8Array(end);
  let from = 0;
  let to = 0;
  while (cr >= 0 && cr < end) {
    out.set(bytes.subarray(from, cr), to);
    to += cr - from;
    out[to++] = 0x0a;
    from = cr + (cr + 1 < end && bytes[cr + 1] === 0x0a ? 2 : 1);
    cr = bytes.indexOf(0x0d, from);
  }
  if (from < end) {
    out.set(bytes.subarray(from, end), to);
    to += end - from;
  }
  return out.subarray(0, to);
}

/** From this size on, newlines are translated on the bytes (memory) rather than on the text (speed). */
const BIG_SOURCE = 8 << 20;

/**
 * UTF-8 (or utf-8-sig) source. Small inputs: decode, then translate the text (a string's `indexOf('\r')` is far
 * faster than a byte array's). Big inputs: translate the bytes first, so that peak memory stays one byte copy
 * plus the string; errors are then reported on the original bytes.
 */
function decodeUtf8Source(bytes: Uint8Array, minor: number, sig: boolean): string {
  return decodeTranslated(bytes, minor, sig ? decodeUtf8Sig : decodeUtf8);
}

/**
 * `decode` then universal newlines, for a codec where newlines may be translated on the bytes (UTF-8, and
 * single-byte codecs whose 0x0A/0x0D are `\n`/`\r`). Big inputs are translated first, and an error is then
 * reported from the original bytes, so positions are CPython's.
 */
function decodeTranslated(bytes: Uint8Array, minor: number, decode: (bytes: Uint8Array) => string): string {
  if (bytes.length < BIG_SOURCE) return translateNewlines(decode(bytes), minor);
  const translated = translateNewlineBytes(bytes, minor);
  try {
    return decode(translated);
  } catch (e) {
    if (translated !== bytes && e instanceof UnicodeDecodeError) decode(bytes);
    throw e;
  }
}

/**
 * 3.15 decodes through `TextIOWrapper`, whose `utf_16` / `utf_32` incremental decoders (unlike `bytes.decode`)
 * refuse a stream without a BOM once they have consumed a code unit.
 */
function requireBom(bytes: Uint8Array, module: string): void {
  if (module === 'utf_16' && bytes.length >= 2) {
    const bom = (bytes[0] << 8) | bytes[1];
    if (bom !== 0xfffe && bom !== 0xfeff)
      throw new UnicodeDecodeError('utf-16', bytes, 0, 2, 'Stream does not start with BOM');
  } else if (module === 'utf_32' && bytes.length >= 4) {
    const le = bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0;
    const be = bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff;
    if (!le && !be) throw new UnicodeDecodeError('utf-32', bytes, 0, 4, 'Stream does not start with BOM');
  }
}

/**
 * `importlib.util.decode_source(bytes)` of the target version: `tokenize.detect_encoding`, the whole input
 * decoded with that codec (strict; BOM and cookie lines included, so error positions count from the file's first
 * byte), then universal newlines. Throws what CPython raises: `SyntaxError`, `UnicodeDecodeError`, `LookupError`.
 */
export function decodeSource(data: BytesLike, options: DecodeSourceOptions = {}): string {
  const bytes = bytesOf(data);
  const target = pythonTarget(options.target);
  const minor = minorOf(target);
  let encoding: string;
  try {
    encoding = detectEncoding(bytes, { target }).encoding;
  } catch (e) {
    if (e instanceof PythonSyntaxError && options.filename != null)
      throw new PythonSyntaxError(e.message, options.filename, e.lineno);
    throw e;
  }
  if (encoding === 'utf-8' || encoding === 'utf-8-sig') return decodeUtf8Source(bytes, minor, encoding === 'utf-8-sig');
  const entry = lookupCodecEntry(encoding, minor);
  if (!entry.text) throw notTextEncoding(encoding);
  if (newlinesAreBytes(entry.module, minor))
    return decodeTranslated(bytes, minor, (b) => decodeWithEntry(b, entry, minor, encoding));
  // 3.15's TextIOWrapper decodes idna with its incremental decoder, which differs from bytes.decode
  const text =
    minor >= 15 && entry.module === 'idna'
      ? decodeIdnaIncremental(bytes, minor, encoding)
      : decodeWithEntry(bytes, entry, minor, encoding);
  if (minor >= 15) requireBom(bytes, entry.module);
  return translateNewlines(text, minor);
}
