// The posix fast paths of cacheFromSource / sourceFromCache against the general code (the exact port the live
// tests hold equal to the interpreters), on generated paths shaped like a build's and on their near misses: a
// difference in any answer, or an answer where the general code raises, fails. Seeds: fixed, plus one fresh seed
// printed per run (PYCACHE_SEED replays it).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cacheFromSource,
  KNOWN_VERSIONS,
  pythonTarget,
  setWarningHandler,
  sourceFromCache,
} from '../../../src/index.js';
import type { PythonTarget } from '../../../src/index.js';
import { generalCacheFromSource, posixCachePath } from '../../../src/cache-path.js';
import type { CacheFromSourceOptions } from '../../../src/cache-path.js';
import { generalSourceFromCache, posixSourcePath } from '../../../src/source-path.js';
import { isPlainPosix } from '../../../src/target.js';
import { assertSeeded, SEED_NOTE } from '../../helpers/seeds.js';

beforeAll(() => {
  setWarningHandler(() => {});
});
afterAll(() => {
  setWarningHandler(null);
});

// Targets the fast paths take (posix, 3.5+, a cache tag, no prefix), drawn afresh for each input so the targets'
// remembered suffixes change between calls too.
const plainTargets: PythonTarget[] = [
  ...KNOWN_VERSIONS.filter((v) => Number(v.slice(2)) >= 5).flatMap((version) =>
    ([0, 1, 2] as const).map((optimize) => pythonTarget({ version, optimize })),
  ),
  pythonTarget('pypy310'),
  pythonTarget('graalpy242-311'),
  pythonTarget({ version: '3.12', cacheTag: 'my_tag-12' }),
  pythonTarget({ version: '3.13', cacheTag: 'x' }),
];
const target = fc.constantFrom(...plainTargets);
const optimization = fc.constantFrom<CacheFromSourceOptions['optimization']>(
  undefined,
  null,
  '',
  0,
  1,
  2,
  17,
  0x7fffffff,
  0x80000000,
  -1,
  -0,
  1.5,
  NaN,
  true,
  false,
  '1',
  'x',
  'é',
  '²',
  10n,
);

// Path pieces: names of every length around the fast paths' search windows (16, 32, 60 characters), separators
// doubled, dots, the folder name and its near misses, tags, levels, non-ASCII and lone surrogates.
const letter = fc.constantFrom('a', 'b', 'Z', '0', '_', '-', ' ', 'é', 'ü', '²', '\u{1F600}', '\ud800');
const word = fc.oneof(
  fc.string({ unit: letter, minLength: 1, maxLength: 4 }),
  fc.string({ unit: letter, minLength: 12, maxLength: 40 }),
  fc.constantFrom('__init__', 'test_concurrent_futures_thread_pool', 'x'.repeat(61)),
);
const piece = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 2, arbitrary: fc.constantFrom('/', '//', '.', '..') },
  { weight: 2, arbitrary: fc.constantFrom('__pycache__', '__pycache_', '_pycache__', '__PYCACHE__', '__pycache__/') },
  {
    weight: 2,
    arbitrary: fc.constantFrom('cpython-313', 'cpython-35', 'pypy310', 'my_tag-12', 'opt-', 'opt-1', 'opt-x'),
  },
  { weight: 2, arbitrary: fc.constantFrom('.py', '.pyc', '.pyo', 'py', 'pyc', '.opt-2.pyc', '.opt-.pyc', '.opt-²') },
);
const anyPath = fc.array(piece, { maxLength: 10 }).map((parts) => parts.join(''));
const folders = fc.array(word, { maxLength: 5 }).map((ds) => ds.join('/'));
/** A source path as a build has it: folders, a name, '.py' (sometimes another suffix), relative or absolute. */
const sourcePath = fc
  .tuple(
    fc.constantFrom('', '/', '//', './'),
    folders,
    fc.constantFrom('/', '//'),
    word,
    fc.constantFrom('.py', '.py', '.py', '.pyw', '', '.tar.py'),
  )
  .map(([root, dirs, sep, name, ext]) => root + dirs + (dirs === '' ? '' : sep) + name + ext);

/** The answer, or CPython's error as `Name: message`. */
function outcome(call: () => string): string {
  try {
    return call();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

/** The cache paths a build meets: the target's own, other tags and levels, and near misses of each. */
function cachePathsOf(source: string, t: PythonTarget): string[] {
  const own = outcome(() => generalCacheFromSource(source, { optimization: '' }, t));
  const opt = outcome(() => generalCacheFromSource(source, { optimization: 2 }, t));
  return [
    own,
    opt,
    own.replace('.pyc', '.opt-².pyc'),
    own.replace('.pyc', '.opt-.pyc'),
    own.replace('.pyc', '.x.pyc'),
    own.replace('__pycache__', '__pycache_'),
    own.replace('__pycache__/', '__pycache__//'),
    own.replace('/__pycache__', '//__pycache__'),
    own.replace('/__pycache__', '///__pycache__'),
    own.replace('__pycache__/', '__pycache__/__pycache__/'),
    own.replace(/\.pyc$/, '.py'),
    own.replace(/\.pyc$/, '.p.c'),
    own.replace(/\.[^.]*\.pyc$/, '.pyc'),
    '__pycache__/' + own,
  ];
}

describe(`the posix fast paths give what the general code gives ${SEED_NOTE}`, () => {
  it('cacheFromSource: build-shaped source paths and any path, every optimization argument', () => {
    let answered = 0;
    let calls = 0;
    assertSeeded(
      fc.property(fc.oneof(sourcePath, anyPath), target, optimization, (p, t, opt) => {
        expect(isPlainPosix(t)).toBe(true); // the fast path's precondition
        const general = outcome(() => generalCacheFromSource(p, { optimization: opt }, t));
        const fast = posixCachePath(p, t, opt);
        calls++;
        if (fast !== undefined) {
          answered++;
          expect(fast, `posixCachePath(${JSON.stringify(p)}, ${t.cacheTag}, ${String(opt)})`).toBe(general);
        }
        // The public function (fast path or not) gives the general answer or raises the general error.
        expect(outcome(() => cacheFromSource(p, { target: t, optimization: opt }))).toBe(general);
      }),
      { numRuns: 20000 },
    );
    // Most inputs take the fast path, so a wrong answer there cannot hide among deferrals.
    expect(answered).toBeGreaterThan(calls * 0.4);
  });

  it('sourceFromCache: the cache paths of build-shaped sources, their near misses, and any path', () => {
    let answered = 0;
    let calls = 0;
    assertSeeded(
      fc.property(sourcePath, anyPath, target, (source, other, t) => {
        for (const p of [...cachePathsOf(source, t), other, other + '.pyc', '__pycache__/' + other]) {
          const general = outcome(() => generalSourceFromCache(p, t));
          const fast = posixSourcePath(p);
          calls++;
          if (fast !== undefined) {
            answered++;
            expect(fast, `posixSourcePath(${JSON.stringify(p)}) for ${t.cacheTag}`).toBe(general);
          }
          expect(outcome(() => sourceFromCache(p, { target: t }))).toBe(general);
        }
      }),
      { numRuns: 4000 },
    );
    expect(answered).toBeGreaterThan(calls * 0.15);
  });

  it('hand-picked edges of both fast paths', () => {
    const t = pythonTarget('3.13');
    const sources = [
      'x.py',
      '.py',
      '/.py',
      '//.py',
      'a/.py',
      'a//.py',
      '/b.py',
      '//b.py',
      '///b.py',
      'a//b.py',
      'a///b.py',
      '/a/b.py',
      'a.b.py',
      'a/b',
      'a/.b',
      'a/b.',
      'a.py/b',
      'py',
      '',
      '/',
      'a/' + 'n'.repeat(15) + '.py',
      'a/' + 'n'.repeat(16) + '.py',
      'a/' + 'n'.repeat(17) + '.py',
      'n'.repeat(40) + '.py',
      '/' + 'n'.repeat(40) + '.py',
    ];
    for (const p of sources) {
      for (const opt of [undefined, '', 1, 2, 7] as const) {
        const general = outcome(() => generalCacheFromSource(p, { optimization: opt }, t));
        expect(
          outcome(() => cacheFromSource(p, { target: t, optimization: opt })),
          `${p} ${String(opt)}`,
        ).toBe(general);
      }
    }
    const long = 'n'.repeat(70);
    const caches = [
      '__pycache__/x.cpython-313.pyc',
      '/__pycache__/x.cpython-313.pyc',
      '//__pycache__/x.cpython-313.pyc',
      'a//__pycache__/x.cpython-313.pyc',
      'a///__pycache__/x.cpython-313.pyc',
      '///__pycache__/x.cpython-313.pyc',
      '/a/__pycache__/x.cpython-313.opt-1.pyc',
      '/a/__pycache__/x.cpython-313.opt-.pyc',
      '/a/__pycache__/x.cpython-313.opt-².pyc',
      '/a/__pycache__/x.cpython-313.opt1.pyc',
      '/a/__pycache__/x.cpython-313.pyc.',
      '/a/__pycache__/x.cpython-313..',
      '/a/__pycache__/x.a.b.c.pyc',
      '/a/__pycache__/x.pyc',
      '/a/__pycache__/.x.pyc',
      '/a/__pycache__/x..pyc',
      '/a/__pycache__/x.y',
      '/a/__pycache__/__pycache__/x.y.pyc',
      '/a/__pycache__/b/__pycache__/x.y.pyc',
      '/a/x__pycache__/x.y.pyc',
      `/a/__pycache__/${long}.cpython-313.pyc`,
      `/${long}/__pycache__/x.cpython-313.pyc`,
      `/a/__pycache__/b/${long}.cpython-313.pyc`,
      `__pycache__/${long}.cpython-313.pyc`,
    ];
    for (const p of caches) {
      expect(
        outcome(() => sourceFromCache(p, { target: t })),
        p,
      ).toBe(outcome(() => generalSourceFromCache(p, t)));
    }
  });
});
