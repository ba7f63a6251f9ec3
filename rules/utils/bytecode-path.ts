import { parseCacheTag, pythonTarget, sourceFromCache } from '../../src/index.js';
import { DYNAMIC } from './string-parts.js';

/** A PEP 3147/488 bytecode file (`mod.cpython-312.opt-1.pyc`), in `__pycache__` or under a folder only run time knows. */
export interface TaggedBytecodePath {
  kind: 'tagged';
  /** The file name. */
  file: string;
  /** The cache tag in the file name (`cpython-312`). */
  tag: string;
  /** The `opt-` level (`'1'`, `'2'`), or `null`. */
  optimization: string | null;
  /** True when the folder just above the file is a literal `__pycache__`. */
  inPycache: boolean;
}

/** A pre-PEP 3147 bytecode file next to its source (`mod.pyc`, `mod.pyo`). */
export interface LegacyBytecodePath {
  kind: 'legacy';
  file: string;
  ext: 'pyc' | 'pyo';
}

/** A `__pycache__/<file>.pyc` path that `importlib.util.source_from_cache` rejects: no interpreter writes it. */
export interface InvalidBytecodePath {
  kind: 'invalid';
  file: string;
  /** CPython's exception class and message (`ValueError`, `expected only 2 or 3 dots in 'mod.pyc'`). */
  error: { name: string; message: string };
}

export type BytecodePath = TaggedBytecodePath | LegacyBytecodePath | InvalidBytecodePath;

/** Cheap test on literal text before any analysis: every bytecode path contains `.py`. */
export function mayNameBytecode(text: string): boolean {
  return text.includes('.py');
}

const SUFFIX = /\.py[co]$/;
// Globs, ignore-file negations, shell/regex syntax and prose are not paths of one file.
const NOT_A_PATH = /[\n\r\t*?[\]{}<>|"^$]/;
const WINDOWS_ROOT = /^(?:[A-Za-z]:[\\/]|\\\\)/;
const OPT = /^opt-[\p{L}\p{N}]+$/u;
const WRITTEN_FOR_DOTTED_SOURCE = /^[^.]+\.[^]+?\.([^.]+)(?:\.opt-([\p{L}\p{N}]+))?\.pyc$/u;

/**
 * What a string (with {@link DYNAMIC} for run-time parts) says as a bytecode path: a file name fixed in the
 * code, ending in `.pyc`/`.pyo`. Globs (`**\/*.pyc`, `*.py[cod]`), folders (`__pycache__/`), bare suffixes
 * (`.pyc`) and sentences are not bytecode paths and give `undefined`.
 */
export function classifyBytecodePath(text: string): BytecodePath | undefined {
  if (!SUFFIX.test(text) || NOT_A_PATH.test(text) || text.startsWith('!')) return undefined;
  if (text.includes(' ') && !WINDOWS_ROOT.test(text)) return undefined;
  const slash = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'));
  const file = text.slice(slash + 1);
  if (file.includes(DYNAMIC) || file.startsWith('.')) return undefined;
  const dir = slash < 0 ? '' : text.slice(0, slash);
  const parent = dir.slice(Math.max(dir.lastIndexOf('/'), dir.lastIndexOf('\\')) + 1);
  const pieces = file.split('.');
  if (parent === '__pycache__') {
    try {
      sourceFromCache(`__pycache__/${file}`, { target: pythonTarget({ platform: 'posix' }) });
    } catch (error) {
      // 3.5+ split the source name at its LAST dot, source_from_cache at the first: `b.c.py` gets
      // `b.c.cpython-312.pyc`, which CPython writes but cannot map back. That is a real path, not an invalid one.
      const written = WRITTEN_FOR_DOTTED_SOURCE.exec(file);
      if (written && parseCacheTag(written[1])) {
        return { kind: 'tagged', file, tag: written[1], optimization: written[2] ?? null, inPycache: true };
      }
      return { kind: 'invalid', file, error: { name: (error as Error).name, message: (error as Error).message } };
    }
    return {
      kind: 'tagged',
      file,
      tag: pieces[1],
      optimization: pieces.length === 4 ? pieces[2].slice(4) : null,
      inPycache: true,
    };
  }
  if ((pieces.length === 3 || (pieces.length === 4 && OPT.test(pieces[2]))) && parseCacheTag(pieces[1])) {
    return {
      kind: 'tagged',
      file,
      tag: pieces[1],
      optimization: pieces.length === 4 ? pieces[2].slice(4) : null,
      inPycache: false,
    };
  }
  if (pieces.length === 2) return { kind: 'legacy', file, ext: pieces[1] as 'pyc' | 'pyo' };
  return undefined;
}

const IMPLEMENTATION_NAMES = { cpython: 'CPython', pypy: 'PyPy', graalpy: 'GraalPy' } as const;

/** `CPython 3.12`, `PyPy 3.10`, or `the cache tag 'x'` for tags no known implementation uses. */
export function describeTag(tag: string): string {
  const parsed = parseCacheTag(tag);
  return parsed ? `${IMPLEMENTATION_NAMES[parsed.implementation]} ${parsed.version}` : `the cache tag '${tag}'`;
}

/** Which interpreter and flags wrote the file a bytecode path names, in words for a message. */
export function describeInterpreter(path: TaggedBytecodePath | LegacyBytecodePath): string {
  if (path.kind === 'legacy') {
    return path.ext === 'pyc'
      ? 'Python 3.1 or older (3.2+ write to __pycache__; only `compileall -b` still writes mod.pyc)'
      : 'Python 3.4 or older run with -O (3.5 dropped .pyo)';
  }
  const flags =
    path.optimization === null
      ? ''
      : path.optimization === '1'
        ? ' run with -O'
        : path.optimization === '2'
          ? ' run with -OO'
          : ` with optimization '${path.optimization}'`;
  return describeTag(path.tag) + flags;
}
