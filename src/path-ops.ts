import type { PythonTarget } from './target.js';
import { minorOf } from './target.js';

/**
 * The path helpers of `importlib._bootstrap_external` (`_path_split`, `_path_join`, `_path_isabs`,
 * `_path_abspath`) for one target. They are not `os.path`: CPython reimplements them during bootstrap, with
 * their own quirks, and those quirks are what the cache paths follow.
 */
export interface PathOps {
  /** `path_sep`. */
  readonly sep: string;
  /** `path_separators` (a string, as CPython keeps it: membership tests are substring tests). */
  readonly seps: string;
  split(path: string): [head: string, tail: string];
  join(...parts: string[]): string;
  isabs(path: string): boolean;
  /** 3.12+ `_path_abspath`; before, `_path_join(cwd, path)` for relative paths. */
  abspath(path: string, cwd: string): string;
}

/** `str.rstrip(chars)`. */
export function rstrip(text: string, chars: string): string {
  let end = text.length;
  if (end === 0 || !chars.includes(text[end - 1])) return text;
  while (end > 0 && chars.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

/** `str.lstrip(chars)`. */
export function lstrip(text: string, chars: string): string {
  let start = 0;
  while (start < text.length && chars.includes(text[start])) start++;
  return text.slice(start);
}

/** The index of the last separator in `path`, or -1. */
export function lastSep(path: string, seps: string): number {
  const i = path.lastIndexOf(seps[0]);
  return seps.length === 1 ? i : Math.max(i, path.lastIndexOf(seps[1]));
}

/**
 * The index of the last `'/'` at or before `end` in `path`, or -1. A build's paths end in a short file name, so this
 * searches forward from `window` characters before `end` with `indexOf` (a fast builtin in V8, where `lastIndexOf` is a call
 * into the runtime and a `charCodeAt` loop costs a few ns a character), and only scans further back when the last
 * name is longer than that window.
 */
export function lastSlash(path: string, end: number, window: number): number {
  let from = end - window;
  if (from <= 0) from = 0;
  let s = path.indexOf('/', from);
  if (s >= 0 && s <= end) {
    for (let t = path.indexOf('/', s + 1); t >= 0 && t <= end; t = path.indexOf('/', t + 1)) s = t;
    return s;
  }
  while (--from >= 0) if (path.charCodeAt(from) === 0x2f) return from;
  return -1;
}

function split(path: string, seps: string): [string, string] {
  const i = lastSep(path, seps);
  return i < 0 ? ['', path] : [path.slice(0, i), path.slice(i + 1)];
}

/** `_path_join` of posix (and of Windows before 3.8): drop empty parts, then strip trailing separators. */
function simpleJoin(parts: string[], sep: string, seps: string): string {
  let out = '';
  let first = true;
  for (const part of parts) {
    if (part === '') continue;
    out += (first ? '' : sep) + rstrip(part, seps);
    first = false;
  }
  return out;
}

/**
 * `nt._path_splitroot(p)`: (drive + root, rest). CPython's is C (`PathCchSkipRoot` in 3.8-3.11); this follows
 * `ntpath.splitroot`, which agrees with it for drive, rooted, UNC and device paths (derived, not run on Windows).
 */
export function ntSplitRoot(p: string): [string, string] {
  const norm = p.replaceAll('/', '\\');
  if (norm.startsWith('\\')) {
    if (norm[1] === '\\') {
      const start = norm.slice(0, 8).toUpperCase() === '\\\\?\\UNC\\' ? 8 : 2;
      const index = norm.indexOf('\\', start);
      if (index === -1) return [p, ''];
      const index2 = norm.indexOf('\\', index + 1);
      if (index2 === -1) return [p, ''];
      return [p.slice(0, index2 + 1), p.slice(index2 + 1)];
    }
    return [p.slice(0, 1), p.slice(1)];
  }
  if (norm[1] === ':') {
    if (norm[2] === '\\') return [p.slice(0, 3), p.slice(3)];
    return [p.slice(0, 2), p.slice(2)];
  }
  return ['', p];
}

/** Windows `_path_join` of 3.8.18+/3.9.18+/3.10+: drive- and UNC-aware. */
function ntJoin(parts: string[], sep: string, seps: string): string {
  if (parts.length === 0) return '';
  if (parts.length === 1) return parts[0];
  let root = '';
  let path: string[] = [];
  for (const part of parts) {
    const [newRoot, tail] = ntSplitRoot(part);
    if (newRoot !== '' && (seps.includes(newRoot[0]) || seps.includes(newRoot[newRoot.length - 1]))) {
      root = rstrip(newRoot, seps) || root;
      path = [sep + tail];
    } else if (newRoot.endsWith(':')) {
      if (casefold(root) !== casefold(newRoot)) {
        root = newRoot;
        path = [tail];
      } else {
        path.push(tail);
      }
    } else {
      root = newRoot || root;
      path.push(tail);
    }
  }
  path = path.filter((p) => p !== '').map((p) => rstrip(p, seps));
  if (path.length === 1 && path[0] === '') return root + sep;
  return root + path.join(sep);
}

/** `str.casefold()` is close enough to lower-casing for drive letters, the only strings compared here. */
function casefold(text: string): string {
  return text.toLowerCase();
}

const cache = new WeakMap<PythonTarget, PathOps>();

/** The path helpers that `target`'s interpreter uses. */
export function pathOps(target: PythonTarget): PathOps {
  let ops = cache.get(target);
  if (ops) return ops;
  const minor = minorOf(target);
  const win = target.platform === 'win32';
  const sep = win ? '\\' : '/';
  const seps = win ? '\\/' : '/';
  const join =
    win && minor >= 8 ? (...p: string[]) => ntJoin(p, sep, seps) : (...p: string[]) => simpleJoin(p, sep, seps);
  const isabs = win
    ? (p: string): boolean => {
        if (p === '') return false;
        const root = ntSplitRoot(p)[0].replaceAll('/', '\\');
        return root.length > 1 && (root.startsWith('\\\\') || root.endsWith('\\'));
      }
    : (p: string): boolean => p.startsWith('/');
  const abspath = (p: string, cwd: string): string => {
    if (isabs(p)) return p;
    if (minor >= 12) {
      // 3.12's _path_abspath removes one leading "." + sep for each separator, in path_separators order.
      for (const s of seps) if (p.startsWith('.' + s)) p = p.slice(2);
    }
    return join(cwd, p);
  };
  ops = Object.freeze({ sep, seps, split: (p: string) => split(p, seps), join, isabs, abspath });
  cache.set(target, ops);
  return ops;
}
