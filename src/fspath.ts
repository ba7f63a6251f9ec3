import { AttributeError } from './errors.js';
import type { PythonTarget } from './target.js';
import { minorOf } from './target.js';
import { pyTypeName } from './python-values.js';

/**
 * `os.fspath(path)` as `cache_from_source`/`source_from_cache` apply it (3.6+), followed by what the path
 * helpers do to a `bytes` path: CPython accepts bytes in fspath, then fails inside `_path_split` mixing str
 * separators with bytes, with a message that changed in 3.8.
 */
export function fspath(path: unknown, target: PythonTarget): string {
  if (typeof path === 'string') return path;
  if (isPathLike(path)) {
    const className = (path as { constructor?: { name?: string } }).constructor?.name || 'object';
    // Before 3.6 there was no os.fspath(): the path helpers call str methods on the object itself.
    if (minorOf(target) < 6) throw new AttributeError(`'${className}' object has no attribute 'rpartition'`);
    // os.fspath(): the protocol's result must be str or bytes; bytes then fail as a bytes path does below.
    const text: unknown = path.__fspath__();
    if (typeof text === 'string') return text;
    if (!(text instanceof Uint8Array)) {
      throw new TypeError(`expected ${className}.__fspath__() to return str or bytes, not ${pyTypeName(text)}`);
    }
    path = text;
  }
  if (path instanceof Uint8Array) {
    throw new TypeError(
      minorOf(target) >= 8
        ? "argument should be integer or bytes-like object, not 'str'"
        : "a bytes-like object is required, not 'str'",
    );
  }
  throw new TypeError(`expected str, bytes or os.PathLike object, not ${pyTypeName(path)}`);
}

/** Python's `os.PathLike` protocol in JavaScript: an object whose `__fspath__()` gives the path. */
export interface PathLike {
  __fspath__(): string;
}

function isPathLike(value: unknown): value is { __fspath__(): unknown } {
  return (
    typeof value === 'object' && value !== null && typeof (value as { __fspath__?: unknown }).__fspath__ === 'function'
  );
}
