import { IndexError, NotImplementedError, ValueError } from './errors.js';
import { fspath } from './fspath.js';
import type { PathLike } from './fspath.js';
import { lastSlash, lstrip, pathOps, rstrip } from './path-ops.js';
import { pyRepr } from './py-repr.js';
import { pyStr, pyTruthy, pyTypeName } from './python-values.js';
import type { PythonTarget, PythonTargetSpec } from './target.js';
import { isPlainPosix, minorOf, pythonTarget } from './target.js';
import { isAlnum } from './unicode-props.js';
import { warnOnce } from './warnings.js';

/** Options of {@link cacheFromSource}: CPython's keyword arguments, plus the interpreter to follow. */
export interface CacheFromSourceOptions {
  /**
   * `optimization=`: `null`/`undefined` follows `target.optimize`, `''` means none, anything else is
   * `str()`-ed and must be alphanumeric (`0` gives `opt-0`, `true` gives `opt-True`).
   */
  optimization?: string | number | boolean | bigint | null;
  /** `debug_override=` (deprecated since 3.5, removed in 3.15): truthy means no optimization, falsy `opt-1`. */
  debugOverride?: unknown;
  /** The interpreter whose answer to give (default: the newest final CPython). */
  target?: PythonTarget | PythonTargetSpec;
}

const PYCACHE = '__pycache__';

/**
 * `importlib.util.cache_from_source(path, debug_override=None, *, optimization=None)`: the PEP 3147/488 path of
 * the bytecode file for a source path, as the target interpreter computes it (3.8+ honours
 * `target.pycachePrefix`). Throws CPython's errors (`ValueError`, `TypeError`, `NotImplementedError`, and
 * 3.8-3.13's `IndexError` for `'//x.py'` under a prefix). For 3.0 and 3.1, which had no `__pycache__`,
 * returns the legacy sibling `x.pyc`/`x.pyo` path.
 */
export function cacheFromSource(path: string | PathLike, options: CacheFromSourceOptions = {}): string {
  const target = pythonTarget(options.target);
  if (typeof path === 'string' && options.debugOverride === undefined && isPlainPosix(target)) {
    const fast = posixCachePath(path, target, options.optimization);
    if (fast !== undefined) return fast;
  }
  return generalCacheFromSource(path, options, target);
}

/** {@link cacheFromSource} without its fast path (exported for the test that holds the two equal). */
export function generalCacheFromSource(
  path: string | PathLike,
  options: CacheFromSourceOptions,
  target: PythonTarget,
): string {
  const minor = minorOf(target);
  const { debugOverride } = options;
  let optimization: unknown = options.optimization ?? null;
  const hasDebug = 'debugOverride' in options && debugOverride !== undefined;

  if (minor >= 15 && hasDebug) {
    // 3.15 removed the parameter; the message is the one for the positional call `cache_from_source(p, d)`.
    const keywordOnly = options.optimization !== undefined;
    throw new TypeError(
      keywordOnly
        ? 'cache_from_source() takes 1 positional argument but 2 positional arguments (and 1 keyword-only argument) were given'
        : 'cache_from_source() takes 1 positional argument but 2 were given',
    );
  }
  if (minor <= 4) return legacyCacheFromSource(path, target, hasDebug ? debugOverride : null, options.optimization);
  if (hasDebug && debugOverride !== null) {
    warnOnce({
      category: 'DeprecationWarning',
      message: "the debug_override parameter is deprecated; use 'optimization' instead",
    });
    if (optimization !== null) throw new TypeError('debug_override or optimization must be set to None');
    optimization = pyTruthy(debugOverride) ? '' : 1;
  }
  const ops = pathOps(target);
  const [head, tail] = ops.split(fspath(path, target));
  const dot = tail.lastIndexOf('.');
  const base = dot < 0 ? '' : tail.slice(0, dot);
  const rest = dot < 0 ? tail : tail.slice(dot + 1);
  const tag = target.cacheTag;
  if (tag === null) throw new NotImplementedError('sys.implementation.cache_tag is None');
  let almostFilename = (base || rest) + (dot < 0 ? '' : '.') + tag;
  if (optimization === null) optimization = target.optimize === 0 ? '' : target.optimize;
  const opt = pyStr(optimization);
  if (opt === undefined) {
    // Python would str() any object; a JavaScript object has no Python meaning here.
    throw new TypeError(`optimization must be a string, number or boolean, not ${pyTypeName(optimization)}`);
  }
  if (opt !== '') {
    if (!isAlnum(opt, target.version)) throw new ValueError(`${pyRepr(opt, target.version)} is not alphanumeric`);
    almostFilename += '.opt-' + opt;
  }
  const filename = almostFilename + '.pyc';
  if (target.pycachePrefix !== null && minor >= 8) return prefixedCachePath(head, filename, target);
  return ops.join(head, PYCACHE, filename);
}

/**
 * The common case (a target {@link isPlainPosix} accepts, no debug_override, no or an integer optimization) without
 * the general machinery: build tools call this once per file of large trees. Returns `undefined` to defer to the
 * general path.
 */
export function posixCachePath(
  path: string,
  target: PythonTarget,
  optimization: CacheFromSourceOptions['optimization'],
): string | undefined {
  const suffix =
    target === suffixTarget && (optimization === undefined || optimization === null)
      ? defaultSuffix
      : suffixFor(target, optimization);
  if (suffix === undefined) return undefined;
  const n = path.length;
  if (n > 4 && path.charCodeAt(n - 1) === 0x79 && path.charCodeAt(n - 2) === 0x70 && path.charCodeAt(n - 3) === 0x2e) {
    // 'folder/name.py', nearly every call: the last dot is known, and the folder ends at the last '/' before it.
    // tail.rpartition('.') gives 'name' + '.' + tag, and _path_join puts '__pycache__' between.
    const slash = lastSlash(path, n - 4, 16); // most file names of a source tree are shorter
    if (slash > 0 && slash < n - 4 && path.charCodeAt(slash - 1) !== 0x2f)
      return path.slice(0, slash) + '/__pycache__/' + path.slice(slash + 1, n - 2) + suffix;
  }
  return rareCachePath(path, suffix);
}

/**
 * {@link posixCachePath} for the other shapes (kept apart so that the common one stays small enough for V8 to
 * inline): no '.py' suffix, no folder, a '.py' name alone, a folder ending in several separators.
 */
function rareCachePath(path: string, suffix: string): string {
  let dot = -1;
  let slash: number;
  for (slash = path.length - 1; slash >= 0; slash--) {
    const c = path.charCodeAt(slash);
    if (c === 0x2f) break;
    if (c === 0x2e && dot < 0) dot = slash;
  }
  // tail.rpartition('.'): no dot gives tail + tag (no separator), a leading dot only rest + '.' + tag, else
  // base + '.' + tag.
  const stem =
    dot <= slash
      ? path.slice(slash + 1)
      : dot === slash + 1
        ? path.slice(dot + 1) + '.'
        : path.slice(slash + 1, dot + 1);
  // _path_join drops an empty head before stripping: '/b.py' gives '__pycache__/…' but '//b.py' '/__pycache__/…'.
  if (slash <= 0) return '__pycache__/' + stem + suffix;
  if (path.charCodeAt(slash - 1) !== 0x2f) return path.slice(0, slash) + '/__pycache__/' + stem + suffix;
  return rstrip(path.slice(0, slash), '/') + '/__pycache__/' + stem + suffix;
}

/** The end of the file name (tag, optimization, '.pyc') for `optimization`, or `undefined` to defer. */
function suffixFor(target: PythonTarget, optimization: CacheFromSourceOptions['optimization']): string | undefined {
  if (target !== suffixTarget) setSuffixes(target);
  if (optimization === undefined || optimization === null) return defaultSuffix;
  if (optimization === '') return plainSuffix;
  if (
    typeof optimization !== 'number' ||
    !(optimization >= 0 && optimization <= 0x7fffffff) ||
    (optimization | 0) !== optimization
  )
    return undefined;
  return optimization === 1 ? opt1Suffix : optimization === 2 ? opt2Suffix : tagDot(target) + optimization + '.pyc';
}

/** The target whose file name endings {@link posixCachePath} holds: a build passes the same one for every file. */
let suffixTarget: PythonTarget | undefined;
/** `tag + '.pyc'`, `tag + '.opt-1.pyc'`, `tag + '.opt-2.pyc'`, and the one of `target.optimize`. */
let plainSuffix = '';
let opt1Suffix = '';
let opt2Suffix = '';
let defaultSuffix = '';

function setSuffixes(target: PythonTarget): void {
  plainSuffix = (target.cacheTag as string) + '.pyc'; // isPlainPosix: never null here
  opt1Suffix = tagDot(target) + '1.pyc';
  opt2Suffix = tagDot(target) + '2.pyc';
  defaultSuffix = target.optimize === 0 ? plainSuffix : target.optimize === 1 ? opt1Suffix : opt2Suffix;
  suffixTarget = target;
}

function tagDot(target: PythonTarget): string {
  return (target.cacheTag as string) + '.opt-';
}

/** The `sys.pycache_prefix` branch (3.8+): the source's absolute folder mirrored under the prefix. */
function prefixedCachePath(head: string, filename: string, target: PythonTarget): string {
  const ops = pathOps(target);
  const minor = minorOf(target);
  if (minor >= 12) head = ops.abspath(head, target.cwd);
  else if (!ops.isabs(head)) head = ops.join(target.cwd, head);
  if (minor <= 13) {
    // 3.8-3.13 index head[1] and head[0]: a head shorter than 2 characters raises (3.14 slices instead).
    if (head.length < 2) throw new IndexError('string index out of range');
    if (head[1] === ':' && !ops.seps.includes(head[0])) head = head.slice(2);
  } else if (head.slice(1, 2) === ':' && !ops.seps.includes(head.slice(0, 1))) {
    head = head.slice(2);
  }
  return ops.join(target.pycachePrefix as string, lstrip(head, ops.seps), filename);
}

/**
 * 3.2-3.4 (`imp`/`importlib._bootstrap`): `.pyc` or `.pyo` by `debug_override`/`sys.flags.optimize`, the tag
 * after the FIRST dot of the file name, no `optimization` parameter. 3.0/3.1: the sibling `x.pyc`/`x.pyo`.
 */
function legacyCacheFromSource(
  path: string | PathLike,
  target: PythonTarget,
  debugOverride: unknown,
  optimization: unknown,
): string {
  if (optimization !== undefined) {
    throw new TypeError("cache_from_source() got an unexpected keyword argument 'optimization'");
  }
  const debug = debugOverride === null || debugOverride === undefined ? target.optimize === 0 : pyTruthy(debugOverride);
  const suffix = debug ? '.pyc' : '.pyo';
  if (typeof path !== 'string') {
    // A path-like object has no str methods here (AttributeError, from fspath); anything else is a TypeError.
    if (typeof path === 'object' && path !== null && '__fspath__' in path) fspath(path, target);
    throw new TypeError(`expected str, bytes or os.PathLike object, not ${pyTypeName(path)}`);
  }
  if (minorOf(target) <= 1) return path + suffix.slice(3);
  const ops = pathOps(target);
  const [head, tail] = ops.split(path);
  const dot = tail.indexOf('.');
  const base = dot < 0 ? tail : tail.slice(0, dot);
  const tag = target.cacheTag;
  if (tag === null) throw new NotImplementedError('sys.implementation.cache_tag is None');
  return ops.join(head, PYCACHE, base + (dot < 0 ? '' : '.') + tag + suffix);
}
