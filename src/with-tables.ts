/**
 * The decoding functions of `pycache-kit`: the core's, with every table codec provided on first use (so a bundle
 * that uses them carries the tables). `pycache-kit/light` exports the core's own, which need
 * `await loadCodecTables()` before a charmap or CJK codec.
 */
import type { BytesLike } from './bytes-like.js';
import { decodeBytes as decodeBytesCore } from './codecs/index.js';
import type { CodecOptions } from './codecs/index.js';
import { useFullTables } from './codecs/full-tables.js';
import { useUnicodeData } from './codecs/unicode-data-full.js';
import { decodeSource as decodeSourceCore } from './decode-source.js';
import type { DecodeSourceOptions } from './decode-source.js';
import { detectEncoding as detectEncodingCore } from './detect-encoding.js';
import type { DetectEncodingOptions, DetectedEncoding } from './detect-encoding.js';

/**
 * `importlib.util.decode_source(bytes)` of the target version: `tokenize.detect_encoding`, the whole input
 * decoded with that codec (strict; error positions count from the file's first byte), then universal newlines.
 * Throws what CPython raises: `SyntaxError`, `UnicodeDecodeError`, `LookupError`.
 */
export function decodeSource(bytes: BytesLike, options?: DecodeSourceOptions): string {
  useFullTables();
  useUnicodeData();
  return decodeSourceCore(bytes, options);
}

/**
 * `tokenize.detect_encoding(readline)` of the target version: the encoding (BOM, PEP 263 cookie on line 1 or 2,
 * CPython's name normalisation) and the lines it read, or CPython's `SyntaxError`.
 */
export function detectEncoding(bytes: BytesLike, options?: DetectEncodingOptions): DetectedEncoding {
  useFullTables();
  useUnicodeData();
  return detectEncodingCore(bytes, options);
}

/**
 * `bytes.decode(encoding)` in Python (strict) on the target version, for every text codec of `Lib/encodings`,
 * with CPython's `UnicodeDecodeError` and `LookupError`.
 */
export function decodeBytes(bytes: BytesLike, encoding: string, options?: CodecOptions): string {
  useFullTables();
  useUnicodeData();
  return decodeBytesCore(bytes, encoding, options);
}
