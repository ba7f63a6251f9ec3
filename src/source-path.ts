import { NotImplementedError, ValueError } from './errors.js';
import { fspath } from './fspath.js';
import type { PathLike } from './fspath.js';
import { pathOps, rstrip } from './path-ops.js';
import { pyRepr } from './py-repr.js';
import type { PythonTarget, PythonTargetSpec } from './target.js';
import { isPlainPosix, minorOf, pythonTarget } from './target.js';
import { isAlnum } from './unicode-props.js';

/** Options of {@link sourceFromCache}. */
export interface SourceFromCacheOptions {
  /** The interpreter whose answer to give (default: the newest final CPython). */
  target?: PythonTarget | PythonTargetSpec;
}

/**
 * `importlib.util.source_from_cache(path)`: the source path a PEP 3147 bytecode path belongs to, as the target
 * interpreter computes it (3.8+ understands paths under `target.pycachePrefix`). Throws CPython's
 * `ValueError`s with its messages; the cache tag in the file name is never checked, as in CPython.
 * For 3.0 and 3.1 (no `__pycache__`), maps a legacy `x.pyc`/`x.pyo` to `x.py`.
 */
export function sourceFromCache(path: string | PathLike, options: SourceFromCacheOptions = {}): string {
  const target = pythonTarget(options.target);
  if (typeof path === 'string' && isPlainPosix(target)) {
    const fast = posixSourcePath(path);
    if (fast !== undefined) return fast;
  }
  return generalSourceFromCache(path, target);
}

/** {@link sourceFromCache} without its fast path (exported for the test that holds the two equal). */
export function generalSourceFromCache(path: string | PathLike, target: PythonTarget): string {
  const minor = minorOf(target);
  const v = target.version;
  if (minor <= 1) return legacySourceFromCache(path, target);
  if (target.cacheTag === null) throw new NotImplementedError('sys.implementation.cache_tag is None');
  const ops = pathOps(target);
  const text = fspath(path, target);
  const split = ops.split(text);
  const pycacheFilename = split[1];
  let head = split[0];
  let foundInPrefix = false;
  if (minor >= 8 && target.pycachePrefix !== null) {
    const stripped = rstrip(target.pycachePrefix, ops.seps);
    if (head.startsWith(stripped + ops.sep)) {
      head = head.slice(stripped.length);
      foundInPrefix = true;
    }
  }
  if (!foundInPrefix) {
    let pycache: string;
    [head, pycache] = ops.split(head);
    if (pycache !== '__pycache__') throw new ValueError(`__pycache__ not bottom-level directory in ${pyRepr(text, v)}`);
  }
  const dotCount = pycacheFilename.split('.').length - 1;
  if (minor <= 4) {
    if (dotCount !== 2) throw new ValueError(`expected only 2 dots in ${pyRepr(pycacheFilename, v)}`);
  } else if (dotCount !== 2 && dotCount !== 3) {
    throw new ValueError(`expected only 2 or 3 dots in ${pyRepr(pycacheFilename, v)}`);
  } else if (dotCount === 3) {
    const parts = pycacheFilename.split('.');
    const optimization = parts[parts.length - 2];
    if (!optimization.startsWith('opt-'))
      throw new ValueError("optimization portion of filename does not start with 'opt-'");
    if (!isAlnum(optimization.slice(4), v)) {
      throw new ValueError(`optimization level ${pyRepr(optimization, v)} is not an alphanumeric value`);
    }
  }
  const dot = pycacheFilename.indexOf('.');
  return ops.join(head, (dot < 0 ? pycacheFilename : pycacheFilename.slice(0, dot)) + '.py');
}

/**
 * The common case (posix, 3.5+, no prefix, a well-formed `…/__pycache__/name.tag[.opt-N].ext` path) without the
 * general machinery; `undefined` defers to it (and to its errors).
 */
export function posixSourcePath(path: string): string | undefined {
  // Each call into V8's string builtins here (indexOf, slice) costs ~10 ns, more than a few characters compared
  // one by one: this makes six (one search for the folder, three for '/' and dots, two slices for the answer).
  // The rare shapes are in helpers, so that V8 can inline this into its caller.
  const n = path.length;
  // The first '__pycache__/' from near the end (a long name: from the start) must be the last folder: anything else
  // defers to the general path.
  let dir = path.indexOf('__pycache__/', n > 60 ? n - 60 : 0);
  if (dir < 0 && n > 60) dir = path.indexOf('__pycache__/');
  if (dir < 0 || (dir > 0 && path.charCodeAt(dir - 1) !== 0x2f)) return undefined;
  const name = dir + 12;
  if (path.indexOf('/', name) >= 0) return undefined;
  const first = path.indexOf('.', name);
  if (first < 0) return undefined;
  const second = path.indexOf('.', first + 1);
  // The usual 'name.tag.pyc': three characters after the second dot, none of them a dot.
  if (
    second < 0 ||
    ((second !== n - 4 ||
      path.charCodeAt(n - 3) === 0x2e ||
      path.charCodeAt(n - 2) === 0x2e ||
      path.charCodeAt(n - 1) === 0x2e) &&
      !isValidRest(path, second))
  )
    return undefined;
  // head = path[:dir - 1]; _path_join drops it when empty, else strips its trailing separators.
  if (dir > 1 && path.charCodeAt(dir - 2) !== 0x2f) return path.slice(0, dir) + path.slice(name, first) + '.py';
  return joinStripped(path, dir, path.slice(name, first) + '.py');
}

/**
 * After the second dot of a name: no other dot, or one more with 'opt-' and an ASCII alphanumeric level between the
 * two (isalnum in every version; any other level defers to the general path).
 */
function isValidRest(path: string, second: number): boolean {
  const third = path.indexOf('.', second + 1);
  return third < 0 || (path.indexOf('.', third + 1) < 0 && isOptLevel(path, second + 1, third));
}

/** `_path_join(path[:dir - 1], source)` where that head is empty or ends in '/'. */
function joinStripped(path: string, dir: number, source: string): string {
  if (dir <= 1) return source;
  let end = dir - 2;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--;
  return end === 0 ? '/' + source : path.slice(0, end) + '/' + source;
}

/** Whether `path[start:end]` is `'opt-'` and one or more ASCII letters or digits. */
function isOptLevel(path: string, start: number, end: number): boolean {
  if (end - start < 5 || path.slice(start, start + 4) !== 'opt-') return false;
  for (let i = start + 4; i < end; i++) {
    const c = path.charCodeAt(i) | 0x20; // ASCII letters fold to lower case; digits stay digits
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a))) return false;
  }
  return true;
}

/** 3.0/3.1 wrote `x.pyc` (or `x.pyo` under -O) beside `x.py`; there was no API for this mapping. */
function legacySourceFromCache(path: string | PathLike, target: PythonTarget): string {
  if (typeof path !== 'string') path = fspath(path, target);
  if (/\.py[co]$/.test(path)) return path.slice(0, -1);
  throw new ValueError(`${pyRepr(path, target.version)} is not a .pyc or .pyo path`);
}
