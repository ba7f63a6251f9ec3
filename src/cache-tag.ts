import { ValueError } from './errors.js';
import type { Implementation } from './implementation-magic.js';
import { pyTypeName } from './python-values.js';

/** What a cache tag says about its interpreter. */
export interface ParsedCacheTag {
  /** The Python line, `'3.12'`. */
  readonly version: string;
  readonly implementation: Implementation;
  /** GraalPy only: the GraalVM release the tag names (`'241'` for 24.1), when it names one. */
  readonly graalpyRelease?: string;
}

/**
 * `sys.implementation.cache_tag` forms: CPython `cpython-312`; PyPy (3.6+) `pypy310`; GraalPy 23.0+
 * `graalpy241-311` (GraalVM 24.1, Python 3.11; development builds add a suffix to the release), 22.x
 * `graalpy-38` and 20.x-21.x `graalpython-38`. See `implementation-magic.ts` for where each is defined.
 */
const TAG_FORMS: readonly (readonly [RegExp, Implementation])[] = [
  [/^cpython-3(\d{1,2})$/, 'cpython'],
  [/^pypy3(\d{1,2})$/, 'pypy'],
  [/^graalpy(\d{3})(?:dev[0-9a-z]*)?-3(\d{1,2})$/, 'graalpy'],
  [/^graal(?:py|python)-3(\d{1,2})$/, 'graalpy'],
];

/** `cpython-312` → 3.12; `pypy310` → 3.10 (PyPy); `graalpy242-311` → 3.11 (GraalPy 24.2); others undefined. */
export function parseCacheTag(tag: string): ParsedCacheTag | undefined {
  for (const [form, implementation] of TAG_FORMS) {
    const m = form.exec(tag);
    if (!m) continue;
    const minor = m.length === 3 ? m[2] : m[1];
    const version = `3.${Number(minor)}`;
    return m.length === 3 ? { version, implementation, graalpyRelease: m[1] } : { version, implementation };
  }
  return undefined;
}

/**
 * A tag the path functions can put between a module name and `.pyc`: letters, digits, `-` and `_`, starting
 * with a letter, as every interpreter's tag is. No `/`, `\`, `.` or `..` (a tag is one file-name part, and
 * `source_from_cache` counts dots), nothing empty.
 */
const TAG_SHAPE = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/**
 * Checks a `cacheTag` field: a string of {@link TAG_SHAPE} or `null` (no `__pycache__`, as 3.0/3.1 or
 * `sys.implementation.cache_tag = None`). `TypeError` for other types, `ValueError` for other strings.
 */
export function checkCacheTag(tag: unknown): asserts tag is string | null {
  if (tag === null) return;
  if (typeof tag !== 'string')
    throw new TypeError(`cacheTag must be a string such as 'cpython-312' or null, not '${pyTypeName(tag)}'`);
  if (!TAG_SHAPE.test(tag)) {
    throw new ValueError(
      `cacheTag ${JSON.stringify(tag)} is not a cache tag: sys.implementation.cache_tag is letters, digits, '-' and '_' (CPython 'cpython-312', PyPy 'pypy310', GraalPy 'graalpy241-311')`,
    );
  }
}
