import type { BytesLike } from './bytes-like.js';
import { bytesOf } from './bytes-like.js';
import { LookupError, PythonSyntaxError, UnicodeDecodeError } from './errors.js';
import { decodeWithEntry, lookupCodecEntry, notTextEncoding } from './codecs/index.js';
import { findUtf8Error } from './codecs/utf8.js';
import { pyRepr } from './py-repr.js';
import type { PythonTarget, PythonTargetSpec } from './target.js';
import { minorOf, pythonTarget } from './target.js';

/** Options of {@link detectEncoding}. */
export interface DetectEncodingOptions {
  /** The Python version whose `tokenize.detect_encoding` applies. Default: {@link pythonTarget}(). */
  target?: PythonTarget | PythonTargetSpec;
  /** The file name CPython would know (`readline.__self__.name`): it switches messages to their `for 'F'` forms. */
  filename?: string | null;
}

/** `tokenize.detect_encoding`'s answer: the encoding name and the (at most two) lines it read, BOM removed. */
export interface DetectedEncoding {
  encoding: string;
  lines: Uint8Array[];
}

// `cookie_re` and `blank_re` of Lib/tokenize.py, run on a binary string (one char per byte) so that they behave as
// the bytes pattern of 3.14+; up to 3.13 the line is first checked to be UTF-8, and then the str pattern under
// re.ASCII matches the same text. `[^\n]` stands for Python's `.` (JavaScript's `.` also stops at `\r`).
const COOKIE_RE = /^[ \t\f]*#[^\n]*?coding[:=][ \t]*([-\w.]+)/;

/** `tokenize._get_normal_name`: the `utf-8` and `latin-1` spellings collapse; anything else is kept as written. */
export function getNormalName(orig: string): string {
  const enc = orig.slice(0, 12).toLowerCase().replace(/_/g, '-');
  if (enc === 'utf-8' || enc.startsWith('utf-8-')) return 'utf-8';
  if (
    ['latin-1', 'iso-8859-1', 'iso-latin-1'].includes(enc) ||
    ['latin-1-', 'iso-8859-1-', 'iso-latin-1-'].some((p) => enc.startsWith(p))
  ) {
    return 'iso-8859-1';
  }
  return orig;
}

// windows-1252 maps no byte to an ASCII character other than itself, so the patterns (ASCII only, `\n`
// excluded) match the decoded line exactly where they match the bytes.
const lineDecoder = new TextDecoder('windows-1252');

/** The byte after the line's leading `[ \t\f]*` (-1 at the end of the line). */
function firstNonSpace(line: Uint8Array): number {
  let i = 0;
  while (i < line.length && (line[i] === 0x20 || line[i] === 0x09 || line[i] === 0x0c)) i++;
  return i < line.length ? line[i] : -1;
}

/** `blank_re.match(line)`: only spaces, tabs and form feeds before a `#`, `\r`, `\n` or the end. */
function isBlankOrComment(line: Uint8Array): boolean {
  const b = firstNonSpace(line);
  return b === -1 || b === 0x23 || b === 0x0d || b === 0x0a;
}

/** `io.BytesIO(bytes).readline()` from `start`: the bytes up to and including the next `\n`. */
function readline(bytes: Uint8Array, start: number): Uint8Array {
  const nl = bytes.indexOf(0x0a, start);
  return bytes.subarray(start, nl < 0 ? bytes.length : nl + 1);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * `tokenize.detect_encoding(io.BytesIO(bytes).readline)` of the target version: the UTF-8 BOM, a PEP 263 cookie
 * on line 1, or on line 2 after a blank or comment line, `_get_normal_name`, and every `SyntaxError` of that
 * version (without `filename`, CPython's message for a nameless stream; with it, the `for 'F'` form). 3.14+
 * also reject NUL bytes and lines the detected codec cannot decode.
 */
export function detectEncoding(data: BytesLike, options: DetectEncodingOptions = {}): DetectedEncoding {
  const bytes = bytesOf(data);
  const target = pythonTarget(options.target);
  const minor = minorOf(target);
  const filename = options.filename ?? null;
  const pythonRepr = (text: string) => pyRepr(text, target.version);
  const bytesCookie = minor >= 14;
  const invalid = () =>
    new PythonSyntaxError(
      filename === null
        ? 'invalid or missing encoding declaration'
        : `invalid or missing encoding declaration for ${pythonRepr(filename)}`,
    );
  let bomFound = false;
  let def = 'utf-8';

  const findCookie = (line: Uint8Array): string | null => {
    if (!bytesCookie && findUtf8Error(line) !== null) throw invalid();
    const match = firstNonSpace(line) === 0x23 ? COOKIE_RE.exec(lineDecoder.decode(line)) : null;
    if (!match) return null;
    const encoding = getNormalName(match[1]);
    try {
      lookupCodecEntry(encoding, minor);
    } catch (e) {
      if (!(e instanceof LookupError)) throw e;
      throw new PythonSyntaxError(
        filename === null
          ? `unknown encoding: ${encoding}`
          : `unknown encoding for ${pythonRepr(filename)}: ${encoding}`,
      );
    }
    if (bomFound) {
      if (encoding !== 'utf-8') {
        throw new PythonSyntaxError(
          filename === null ? 'encoding problem: utf-8' : `encoding problem for ${pythonRepr(filename)}: utf-8`,
        );
      }
      return `${encoding}-sig`;
    }
    return encoding;
  };

  // 3.14+: tokenize's check(): no NUL byte, and the lines must decode with the encoding found.
  const check = (line: Uint8Array, encoding: string): void => {
    if (!bytesCookie) return;
    if (line.includes(0)) throw new PythonSyntaxError('source code cannot contain null bytes');
    if (line.length === 0) return;
    const entry = lookupCodecEntry(encoding, minor);
    if (!entry.text) throw notTextEncoding(encoding);
    try {
      decodeWithEntry(line, entry, minor, encoding);
    } catch (e) {
      if (e instanceof UnicodeDecodeError) throw invalid();
      throw e;
    }
  };

  let first = readline(bytes, 0);
  const secondStart = first.length;
  if (first.length >= 3 && first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) {
    bomFound = true;
    first = first.subarray(3);
    def = 'utf-8-sig';
  }
  if (first.length === 0) return { encoding: def, lines: [] };

  let encoding = findCookie(first);
  if (encoding) {
    check(first, encoding);
    return { encoding, lines: [first.slice()] };
  }
  if (!isBlankOrComment(first)) {
    check(first, def);
    return { encoding: def, lines: [first.slice()] };
  }
  const second = readline(bytes, secondStart);
  if (second.length === 0) {
    check(first, def);
    return { encoding: def, lines: [first.slice()] };
  }
  encoding = findCookie(second);
  if (encoding) {
    if (bytesCookie) check(concat(first, second), encoding);
    return { encoding, lines: [first.slice(), second.slice()] };
  }
  if (bytesCookie) check(concat(first, second), def);
  return { encoding: def, lines: [first.slice(), second.slice()] };
}
