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
  if (path instanceof Uint8Array) {
    throw new TypeError(minorOf(target) >= 8 ? "argument should be integer or bytes-like object, not 'str'" : "a bytes-like object is required, not 'str'");
  }
  throw new TypeError(`expected str, bytes or os.PathLike object, not ${pyTypeName(path)}`);
}
