import {
  decodeBytes,
  LookupError,
  NotImplementedError,
  PythonSyntaxError,
  RuntimeError,
  UnicodeDecodeError,
  ValueError,
} from '../../src/light.js';

/**
 * A Python source that CPython's `importlib.util.decode_source` refuses. `line` is 1-based; `column` is 0-based
 * (Rollup/Vite `loc` convention) and counts characters of the line before the bad byte (bytes when that prefix
 * cannot be decoded); the message shows `file:line:column` with a 1-based column, as editors do.
 */
export class PythonDecodeError extends Error {
  override name = 'PythonDecodeError';
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** CPython's own words: `'utf-8' codec can't decode byte 0xff in position 17: invalid start byte`. */
  readonly reason: string;

  constructor(file: string, line: number, column: number, reason: string, cause: unknown) {
    super(`${file}:${line}:${column + 1}: cannot decode Python source: ${reason}`, { cause });
    this.file = file;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

/**
 * Whether `error` is one `decodeSource`/`detectEncoding` throws for bad input (not a bug of ours): the Python
 * exceptions CPython raises there (`UnicodeDecodeError` and the other `ValueError`s such as `UnicodeError`,
 * `SyntaxError`, `LookupError`, the CJK codecs' `RuntimeError`), and `NotImplementedError`.
 */
function isSourceDecodeFailure(error: unknown): error is Error {
  return (
    error instanceof ValueError ||
    error instanceof PythonSyntaxError ||
    error instanceof LookupError ||
    error instanceof RuntimeError ||
    error instanceof NotImplementedError
  );
}

/**
 * The {@link PythonDecodeError} for a failure of `decodeSource(bytes)` on `file`, with the line and column of
 * the offending byte. Any other error comes back as an `Error` naming the file, with the original as `cause`.
 */
export function toDecodeError(error: unknown, bytes: Uint8Array, file: string): unknown {
  if (error instanceof UnicodeDecodeError) {
    // The codec may have seen a suffix of the file (utf-8-sig strips the BOM first), so positions index that.
    const offset = error.object.length <= bytes.length ? bytes.length - error.object.length : 0;
    const { line, column } = positionOf(bytes, offset + error.start, error.encoding);
    return new PythonDecodeError(file, line, column, `${error.name}: ${error.message}`, error);
  }
  if (error instanceof PythonSyntaxError) {
    return new PythonDecodeError(file, error.lineno ?? 1, 0, `${error.name}: ${error.message}`, error);
  }
  if (isSourceDecodeFailure(error)) {
    // No byte position (an unknown codec, 'undefined', a codec that refuses the text as a whole): the line that
    // declares the encoding is the one to look at, as it is for CPython's "unknown encoding" SyntaxError.
    return new PythonDecodeError(file, declarationLine(bytes), 0, `${error.name}: ${error.message}`, error);
  }
  if (error instanceof Error) return new Error(`${file}: ${error.name}: ${error.message}`, { cause: error });
  return error;
}

/** The line (1 or 2, as PEP 263 allows) holding the source's coding declaration; 1 when it has none. */
function declarationLine(bytes: Uint8Array): number {
  const firstEnd = bytes.indexOf(0x0a);
  const first = bytes.subarray(0, firstEnd < 0 ? bytes.length : firstEnd);
  if (firstEnd < 0 || COOKIE.test(String.fromCharCode(...first.subarray(0, 200)))) return 1;
  const secondEnd = bytes.indexOf(0x0a, firstEnd + 1);
  const second = bytes.subarray(firstEnd + 1, secondEnd < 0 ? bytes.length : secondEnd);
  return COOKIE.test(String.fromCharCode(...second.subarray(0, 200))) ? 2 : 1;
}

/** PEP 263's declaration, as tokenize's cookie_re finds it (on at most the first 200 bytes of a line). */
const COOKIE = /^[ \t\f]*#.*?coding[:=]/;

/**
 * 1-based line and 0-based column of byte `position`; lines end at `\n`, `\r\n` or `\r` (universal newlines,
 * as `decode_source` reads them).
 */
export function positionOf(bytes: Uint8Array, position: number, encoding: string): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(position, bytes.length);
  for (let i = 0; i < end; i++) {
    const byte = bytes[i];
    if (byte === 0x0a || (byte === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  // A UTF-8 BOM is no character of line 1 for CPython (utf-8-sig strips it).
  if (lineStart === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf && end >= 3) lineStart = 3;
  const prefix = bytes.subarray(lineStart, end);
  let column = prefix.length;
  try {
    column = [...decodeBytes(prefix, encoding)].length;
  } catch {
    // The prefix alone may not decode (a stateful codec cut mid-sequence): count bytes instead.
  }
  return { line, column };
}
