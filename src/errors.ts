/**
 * CPython's exception classes that JavaScript lacks, all in this one module (the package re-exports each).
 * Each error's `name` is the CPython class name and its `message` is CPython's `str(exc)`, so `${err.name}: ${err.message}` reads like a Python traceback's last line.
 * Where JavaScript already has the class (`TypeError`, `SyntaxError`), the core throws the JavaScript one
 * (`SyntaxError` as {@link PythonSyntaxError}, which carries Python's extra fields).
 */

/** Python's `ValueError`. */
export class ValueError extends Error {
  override name = 'ValueError';
}

/** Python's `LookupError` (base of `IndexError`). */
export class LookupError extends Error {
  override name = 'LookupError';
}

/** Python's `IndexError`; like CPython's, it is a {@link LookupError}. */
export class IndexError extends LookupError {
  override name = 'IndexError';
}

/** Python's `NotImplementedError`. */
export class NotImplementedError extends Error {
  override name = 'NotImplementedError';
}

/** Python's `ImportError` (bad magic number, stale or invalid `.pyc`). */
export class ImportError extends Error {
  override name = 'ImportError';
}

/** Python's `EOFError` (a `.pyc` header cut short). */
export class EOFError extends Error {
  override name = 'EOFError';
}

/** Python's `OverflowError`. */
export class OverflowError extends Error {
  override name = 'OverflowError';
}

/**
 * Python's `UnicodeError` (a `ValueError`, base of `UnicodeDecodeError`), raised bare by the `undefined` codec
 * (`UnicodeError: undefined encoding`) and by `idna`.
 */
export class UnicodeError extends ValueError {
  override name = 'UnicodeError';
}

/**
 * Python's `UnicodeEncodeError`, as raised when a codec *name* holds a lone surrogate (CPython converts the name
 * to UTF-8 first): `'utf-8' codec can't encode character '\ud800' in position 3: surrogates not allowed`.
 */
export class UnicodeEncodeError extends UnicodeError {
  override name = 'UnicodeEncodeError';
}

/**
 * Python's `UnicodeDecodeError` (a `UnicodeError`, so a `ValueError`). `start`/`end` index the bytes given to the codec; the
 * message is CPython's: `'utf-8' codec can't decode byte 0xff in position 17: invalid start byte`.
 */
export class UnicodeDecodeError extends UnicodeError {
  override name = 'UnicodeDecodeError';
  readonly encoding: string;
  readonly start: number;
  readonly end: number;
  readonly reason: string;
  readonly object: Uint8Array;

  constructor(encoding: string, object: Uint8Array, start: number, end: number, reason: string) {
    super(unicodeDecodeErrorMessage(encoding, object, start, end, reason));
    this.encoding = encoding;
    this.object = object;
    this.start = start;
    this.end = end;
    this.reason = reason;
  }
}

/** `UnicodeDecodeError.__str__` of CPython (`Objects/exceptions.c`). */
function unicodeDecodeErrorMessage(
  encoding: string,
  object: Uint8Array,
  start: number,
  end: number,
  reason: string,
): string {
  if (start < object.length && end === start + 1) {
    const byte = object[start].toString(16).padStart(2, '0');
    return `'${encoding}' codec can't decode byte 0x${byte} in position ${start}: ${reason}`;
  }
  return `'${encoding}' codec can't decode bytes in position ${start}-${end - 1}: ${reason}`;
}

/**
 * Python's `SyntaxError` (what `tokenize.detect_encoding` raises). Its `name` is `'SyntaxError'` and it is a
 * JavaScript `SyntaxError` too; `filename`/`lineno` are set where CPython sets them.
 */
export class PythonSyntaxError extends SyntaxError {
  override name = 'SyntaxError';
  readonly filename: string | null;
  readonly lineno: number | null;

  constructor(message: string, filename: string | null = null, lineno: number | null = null) {
    super(message);
    this.filename = filename;
    this.lineno = lineno;
  }
}

/** Python's `AttributeError` (a function the target version does not have, such as `source_hash` before 3.7). */
export class AttributeError extends Error {
  override name = 'AttributeError';
}

/**
 * CPython's `RuntimeError` (raised by iso2022_jp_2 for a single shift ESC N after ESC . J, where its G2
 * handling has no case: "internal codec error"). 3.4 to 3.11's `bytes.decode` wrapped it in a new
 * RuntimeError whose message names the codec.
 */
export class RuntimeError extends Error {
  override name = 'RuntimeError';
}
