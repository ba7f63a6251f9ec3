/**
 * `bytes.decode(encoding)` and `codecs.lookup(name)` as CPython does them, per target version. The codec
 * tables (charmaps, aliases) are plain strings expanded on first use, so importing this module costs little.
 */
import type { BytesLike } from '../bytes-like.js';
import { bytesOf } from '../bytes-like.js';
import { own } from '../own.js';
import { NotImplementedError, LookupError } from '../errors.js';
import { checkCodecName } from './unicode-error.js';
import type { PythonTarget, PythonTargetSpec } from '../target.js';
import { minorOf, pythonTarget } from '../target.js';
import { decodeAscii, decodeLatin1 } from './ascii.js';
import { decodeRawUnicodeEscape, decodeUnicodeEscape } from './escapes.js';
import { decodeIdna } from './idna.js';
import { decodeUndefined, decodeUnicodeInternal } from './other-codecs.js';
import { decodePunycode } from './punycode.js';
import type { CodecEntry } from './registry.js';
import { lookupEntry } from './registry.js';
import { cNormalizeEncoding } from './normalize.js';
import { decodeUtf16 } from './utf16.js';
import { decodeUtf32 } from './utf32.js';
import { decodeUtf7 } from './utf7.js';
import { decodeUtf8, decodeUtf8Sig } from './utf8.js';
import { tableCodecs } from './table-codecs.js';
import { CJK_CODEC_NAMES } from './cjk/codec-names.js';

export type { CodecEntry } from './registry.js';

/** Options of {@link decodeBytes} and {@link lookupCodec}. */
export interface CodecOptions {
  /** The Python version whose codec registry applies (aliases differ per version). Default: {@link pythonTarget}(). */
  target?: PythonTarget | PythonTargetSpec;
}

/** A decoder: the bytes, the target's minor version, and the codec name as the caller spelled it. */
type Decoder = (bytes: Uint8Array, minor: number, name: string) => string;

const SURROGATE_32 = 'code point in surrogate code point range(0xd800, 0xe000)';

const BUILTIN: Readonly<Record<string, Decoder>> = {
  ascii: decodeAscii,
  latin_1: decodeLatin1,
  charmap: decodeLatin1,
  utf_8: decodeUtf8,
  utf_8_sig: decodeUtf8Sig,
  utf_16: (b, m) => decodeUtf16(b, 0, m),
  utf_16_le: (b, m) => decodeUtf16(b, -1, m),
  utf_16_be: (b, m) => decodeUtf16(b, 1, m),
  utf_32: (b) => decodeUtf32(b, 0, SURROGATE_32),
  utf_32_le: (b) => decodeUtf32(b, -1, SURROGATE_32),
  utf_32_be: (b) => decodeUtf32(b, 1, SURROGATE_32),
  utf_7: decodeUtf7,
  unicode_escape: decodeUnicodeEscape,
  raw_unicode_escape: decodeRawUnicodeEscape,
  unicode_internal: decodeUnicodeInternal,
  undefined: decodeUndefined,
  idna: decodeIdna,
  punycode: decodePunycode,
};

/**
 * `PyUnicode_Decode`'s shortcuts, taken before any lookup on the name normalised by `_Py_normalize_encoding`
 * into an 11-byte buffer (so at most 10 characters). Up to 3.8 they are why `'\u0130utf8'` decodes although
 * `codecs.lookup` rejects it.
 */
const FAST_PATHS: Readonly<Record<string, string>> = {
  utf8: 'utf_8',
  utf_8: 'utf_8',
  utf16: 'utf_16',
  utf_16: 'utf_16',
  utf32: 'utf_32',
  utf_32: 'utf_32',
  ascii: 'ascii',
  us_ascii: 'ascii',
  latin1: 'latin_1',
  latin_1: 'latin_1',
  iso_8859_1: 'latin_1',
  iso8859_1: 'latin_1',
};

/** The CJK multibyte codecs (`Modules/cjkcodecs`), decoded by `src/codecs/cjk/`. */
export const CJK_MODULES: ReadonlySet<string> = new Set(CJK_CODEC_NAMES);

/** The decoder of an `encodings` module on a version. */
export function decoderFor(module: string, minor: number): Decoder {
  const builtin = own(BUILTIN, module);
  if (builtin) return builtin;
  // Every other text codec of Lib/encodings is a CJK codec or a charmap: both need the generated tables.
  const codecs = tableCodecs(module);
  if (CJK_MODULES.has(module)) {
    const cjk = codecs.getCjkDecoder(module, minor);
    if (cjk) return cjk;
    throw new NotImplementedError(`the CJK codec ${module} is not available in this build`);
  }
  const table = codecs.charmapTable(module, minor);
  if (table) return (b) => codecs.decodeCharmap(b, table, module);
  throw new NotImplementedError(`no decoder for the codec module ${module}`);
}

/**
 * Whether a codec decodes one byte to one character with 0x0A and 0x0D (and only they) giving `\n` and `\r`:
 * then universal newlines may be applied to the bytes before decoding, with the same text.
 */
export function newlinesAreBytes(module: string, minor: number): boolean {
  if (module === 'ascii' || module === 'latin_1') return true;
  if (own(BUILTIN, module) || CJK_MODULES.has(module)) return false;
  const table = tableCodecs(module).charmapTable(module, minor);
  if (!table) return false;
  let safe = newlineSafe.get(table);
  if (safe === undefined) {
    // Once per table: only 0x0A and 0x0D give '\n' and '\r'.
    safe = table[0x0a] === 0x0a && table[0x0d] === 0x0d && table.filter((u) => u === 0x0a || u === 0x0d).length === 2;
    newlineSafe.set(table, safe);
  }
  return safe;
}

const newlineSafe = new WeakMap<Uint16Array, boolean>();

/** `codecs.lookup(name)` of the target version, as a {@link CodecEntry}. */
export function lookupCodecEntry(name: string, minor: number): CodecEntry {
  return lookupEntry(name, minor);
}

/**
 * `codecs.lookup(name).name`: CPython's canonical name of a codec (`'utf-8'`, `'iso8859-1'`, `'mac-roman'`,
 * `'cp932'`) on the target version, or `LookupError('unknown encoding: NAME')` (`ValueError` for a NUL in the
 * name, `UnicodeEncodeError` for a lone surrogate, as CPython).
 */
export function lookupCodec(name: string, options: CodecOptions = {}): string {
  return lookupEntry(name, minorOf(pythonTarget(options.target))).name;
}

/**
 * Decodes with an already looked-up text codec: `bytes.decode` after its lookup and text-encoding check.
 */
export function decodeWithEntry(bytes: Uint8Array, entry: CodecEntry, minor: number, name: string): string {
  return decoderFor(entry.module, minor)(bytes, minor, name);
}

/** The `LookupError` `bytes.decode` raises for a codec that is not a text encoding (`hex`, `rot13`, `zlib`…). */
export function notTextEncoding(name: string): LookupError {
  return new LookupError(`'${name}' is not a text encoding; use codecs.decode() to handle arbitrary codecs`);
}

/**
 * `bytes.decode(encoding)` in Python (strict errors) on the target version: every codec of `Lib/encodings` that
 * is a text encoding, with CPython's `UnicodeDecodeError` (codec name, start, end, reason, message) on bad
 * input, `LookupError` for unknown or non-text codecs, and `''` for empty input whatever the name (as CPython).
 */
export function decodeBytes(data: BytesLike, encoding: string, options: CodecOptions = {}): string {
  const bytes = bytesOf(data);
  checkCodecName(encoding);
  if (bytes.length === 0) return '';
  const minor = minorOf(pythonTarget(options.target));
  // own(): `decodeBytes(b, 'constructor')` must reach the lookup's LookupError, not Object.prototype.
  const fast = own(FAST_PATHS, cNormalizeEncoding(encoding, 9));
  const decode = fast === undefined ? undefined : own(BUILTIN, fast);
  if (decode) return decode(bytes, minor, encoding);
  const entry = lookupEntry(encoding, minor);
  if (!entry.text) throw notTextEncoding(encoding);
  return decodeWithEntry(bytes, entry, minor, encoding);
}
