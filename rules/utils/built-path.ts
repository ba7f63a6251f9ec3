import type { TSESLint } from '@typescript-eslint/utils';
import { parseCacheTag } from '../../src/index.js';
import { describeTag } from './bytecode-path.js';
import type { StringPart } from './string-parts.js';
import { DYNAMIC, partsText } from './string-parts.js';

/** How a hand-built bytecode path spells its cache tag. */
export type BuiltTag =
  /** Written out whole: `cpython-312`. */
  | { kind: 'literal'; tag: string }
  /** Assembled in one implementation's spelling: `cpython-` + major + minor. */
  | { kind: 'spelled'; implementation: 'cpython' | 'pypy' | 'graalpy'; parts: StringPart[] }
  /** One run-time value (`${tag}`), in a `__pycache__` folder. */
  | { kind: 'run-time'; parts: StringPart[] };

/**
 * A bytecode path that code assembles from parts, with a file name only run time completes:
 * `<dir>/__pycache__/<stem>.<tag>[.opt-N].pyc` (PEP 3147/488), or `<stem>.<tag>[.opt-N].pyc` outside any
 * `__pycache__` (what `sys.pycache_prefix` gives: the source path minus `.py`, under the prefix).
 */
export interface BuiltBytecodePath {
  layout: 'pycache' | 'mirror';
  tag: BuiltTag;
  /** The `opt-` level's parts, or `null` when the path has no `.opt-N`. */
  optimization: StringPart[] | null;
  /** The parts before the `__pycache__` segment, separator included (`pycache` layout only, else empty). */
  dir: StringPart[];
  /** The source file's name without `.py`. */
  stem: StringPart[];
}

// Globs, ignore-file syntax, shell/regex syntax and Python's own f-strings are not one file's path.
const NOT_A_PATH = /[\n\r\t*?[\]{}<>|"^$'()=,;]/;
const WINDOWS_ROOT = /^(?:[A-Za-z]:[\\/]|\\\\)/;
const SPELLED = /^(cpython-|pypy|graalpy)[\d\uE000-]*$/u;
const OPT = /\.opt-([\p{L}\p{N}]+|\uE000)$/u;

/**
 * What `parts` (a string as {@link builtString} resolved it) say as a hand-built bytecode path, or `undefined`
 * for anything else: a file name fixed in the code (that is {@link classifyBytecodePath}'s), `${name}.pyc` with
 * no tag to read, globs, prose, and a run-time tag outside `__pycache__` (nothing says it is a cache tag).
 */
export function classifyBuiltPath(parts: readonly StringPart[]): BuiltBytecodePath | undefined {
  const text = partsText(parts);
  if (!text.endsWith('.pyc') || text.startsWith('!') || NOT_A_PATH.test(text)) return undefined;
  if (/\s/.test(text) && !WINDOWS_ROOT.test(text)) return undefined;
  const slash = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'));
  const file = text.slice(slash + 1);
  if (!file.includes(DYNAMIC)) return undefined;
  let rest = file.slice(0, -'.pyc'.length);
  const opt = OPT.exec(rest);
  if (opt) rest = rest.slice(0, opt.index);
  const dot = rest.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const tagText = rest.slice(dot + 1);
  const dir = slash < 0 ? '' : text.slice(0, slash);
  const segment = dir.slice(Math.max(dir.lastIndexOf('/'), dir.lastIndexOf('\\')) + 1);
  // `${dir}__pycache__/`: a run-time folder that ends with its separator, then the cache folder.
  const inPycache = segment.endsWith('__pycache__') && /^\uE000*$/u.test(segment.slice(0, -'__pycache__'.length));
  const pycacheStart = dir.length - '__pycache__'.length;
  const fileStart = slash + 1;
  const tagStart = fileStart + dot + 1;
  const tagParts = sliceParts(parts, tagStart, tagStart + tagText.length);
  let tag: BuiltTag;
  if (!tagText.includes(DYNAMIC)) {
    if (!parseCacheTag(tagText)) return undefined;
    tag = { kind: 'literal', tag: tagText };
  } else if (tagText === DYNAMIC) {
    if (!inPycache) return undefined;
    tag = { kind: 'run-time', parts: tagParts };
  } else {
    const spelled = SPELLED.exec(tagText);
    if (!spelled) return undefined;
    const prefix = spelled[1];
    tag = {
      kind: 'spelled',
      implementation: prefix === 'cpython-' ? 'cpython' : prefix === 'pypy' ? 'pypy' : 'graalpy',
      parts: tagParts,
    };
  }
  const optStart = fileStart + rest.length + '.opt-'.length;
  return {
    layout: inPycache ? 'pycache' : 'mirror',
    tag,
    optimization: opt ? sliceParts(parts, optStart, optStart + opt[1].length) : null,
    dir: inPycache ? sliceParts(parts, 0, pycacheStart) : [],
    stem: sliceParts(parts, fileStart, fileStart + dot),
  };
}

/** The parts that make up `partsText(parts).slice(start, end)` (a run-time part counts one character). */
export function sliceParts(parts: readonly StringPart[], start: number, end: number): StringPart[] {
  const out: StringPart[] = [];
  let at = 0;
  for (const part of parts) {
    const length = typeof part === 'string' ? part.length : 1;
    const from = Math.max(start, at);
    const to = Math.min(end, at + length);
    if (from < to) out.push(typeof part === 'string' ? part.slice(from - at, to - at) : part);
    at += length;
  }
  return out;
}

/** `parts` as code reads in a message: static text as is, each run-time part as `${its code}` (long code as `${…}`). */
export function shownParts(parts: readonly StringPart[], sourceCode: Readonly<TSESLint.SourceCode>): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return p;
      const code = sourceCode.getText(p);
      return `\${${code.length <= 24 && !code.includes('\n') ? code : '…'}}`;
    })
    .join('');
}

const IMPLEMENTATIONS = { cpython: 'CPython', pypy: 'PyPy', graalpy: 'GraalPy' } as const;

/** The words a report uses for what a hand-built path assumes: which interpreter, which layout, what it misses. */
export function describeBuiltPath(
  path: BuiltBytecodePath,
  sourceCode: Readonly<TSESLint.SourceCode>,
): { interpreter: string; layout: string; misses: string } {
  const misses: string[] = [];
  let interpreter: string;
  if (path.tag.kind === 'literal') {
    interpreter = describeTag(path.tag.tag);
    misses.push('no other Python version');
  } else if (path.tag.kind === 'spelled') {
    interpreter = `${IMPLEMENTATIONS[path.tag.implementation]} only, with the version from the code ('${shownParts(path.tag.parts, sourceCode)}')`;
    misses.push(path.tag.implementation === 'cpython' ? 'no PyPy or GraalPy tag' : "no other implementation's tag");
  } else {
    interpreter = `the cache tag in ${shownParts(path.tag.parts, sourceCode)}`;
  }
  if (path.optimization === null) misses.push('no .opt-1/.opt-2 for -O/-OO');
  misses.push(path.layout === 'pycache' ? 'no sys.pycache_prefix' : 'no __pycache__ folder when no prefix is set');
  return {
    interpreter,
    layout:
      path.layout === 'pycache'
        ? 'the __pycache__ layout of PEP 3147'
        : 'the sys.pycache_prefix layout (the source path minus .py, plus .<tag>.pyc)',
    misses: wordList(misses),
  };
}

/** `a, b and c`. */
export function wordList(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : items.join('');
}
