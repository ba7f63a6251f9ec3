// Property tests: the round trip CPython guarantees, and that nothing but CPython's documented errors escape.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cacheFromSource,
  KNOWN_VERSIONS,
  pythonTarget,
  readPycHeader,
  setWarningHandler,
  sourceFromCache,
  sourceHash,
} from '../../../src/index.js';
import { generalCacheFromSource, posixCachePath } from '../../../src/cache-path.js';
import { isPlainPosix } from '../../../src/target.js';
import { generalSourceFromCache, posixSourcePath } from '../../../src/source-path.js';
import { assertSeeded, SEED_NOTE } from '../../helpers/seeds.js';

beforeAll(() => {
  setWarningHandler(() => {});
});

const versions = KNOWN_VERSIONS.filter((v) => Number(v.slice(2)) >= 5);
const segment = fc.stringMatching(/^[a-zA-Z0-9_éü²Ⅷ -]{1,8}$/);
// CPython's round trip needs a folder above __pycache__ for absolute paths ('/a.py' comes back as 'a.py').
const sourcePath = fc
  .tuple(fc.boolean(), fc.array(segment, { maxLength: 4 }), segment)
  .map(([abs, dirs, name]) => (abs && dirs.length ? '/' : '') + [...dirs, name + '.py'].join('/'));
const anyText = fc.string({
  unit: fc.constantFrom('/', '\\', '.', 'a', 'é', ':', '_', '-', ' ', '_pycache_', '__pycache__', 'opt-', '1', 'C'),
  maxLength: 12,
});
const ALLOWED = new Set(['ValueError', 'TypeError', 'NotImplementedError', 'IndexError']);
const PYTHON_TYPE_ERRORS =
  /^(optimization must be a string|debug_override or optimization must be set to None|cache_from_source\(\) (got an unexpected|takes 1 positional)|expected str, bytes or os\.PathLike|argument should be integer or bytes-like|a bytes-like object is required)/;

describe(`properties ${SEED_NOTE}`, () => {
  it('sourceFromCache(cacheFromSource(p)) === p for simple source paths (where CPython round-trips)', () => {
    assertSeeded(
      fc.property(sourcePath, fc.constantFrom(...versions), fc.constantFrom(0, 1, 2), (p, v, optimize) => {
        const target = pythonTarget({ version: v, optimize: optimize as 0 | 1 | 2 });
        expect(sourceFromCache(cacheFromSource(p, { target }), { target })).toBe(p);
      }),
      { numRuns: 500 },
    );
  });

  it('round trip under a pycache prefix for absolute paths (3.8+)', () => {
    assertSeeded(
      fc.property(
        sourcePath.filter((p) => p.startsWith('/') && p.lastIndexOf('/') > 0),
        fc.constantFrom(...versions.filter((v) => Number(v.slice(2)) >= 8)),
        (p, v) => {
          const target = pythonTarget({ version: v, pycachePrefix: '/cache' });
          expect(sourceFromCache(cacheFromSource(p, { target }), { target })).toBe(p);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any input: a string, or one of the documented Python errors, nothing else', () => {
    assertSeeded(
      fc.property(
        anyText,
        fc.constantFrom(...KNOWN_VERSIONS),
        fc.option(fc.oneof(fc.string(), fc.integer(), fc.boolean()), { nil: undefined }),
        fc.option(fc.constantFrom('/p', '', 'rel/'), { nil: null }),
        fc.constantFrom('posix', 'win32'),
        (p, v, optimization, prefix, platform) => {
          const minor = Number(v.slice(2));
          const target = pythonTarget({
            version: v,
            pycachePrefix: minor >= 8 ? prefix : null,
            platform: platform as 'posix' | 'win32',
          });
          for (const call of [
            () => cacheFromSource(p, { target, optimization }),
            () => sourceFromCache(p, { target }),
          ]) {
            try {
              expect(typeof call()).toBe('string');
            } catch (e) {
              expect(ALLOWED.has((e as Error).name), String(e)).toBe(true);
              // A TypeError must be one of CPython's, not JavaScript's own ("Cannot read properties of undefined").
              if ((e as Error).name === 'TypeError') expect((e as Error).message).toMatch(PYTHON_TYPE_ERRORS);
            }
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the posix fast paths give what the general code gives, wherever they answer', () => {
    const pathText = fc.string({
      unit: fc.constantFrom(
        '/',
        '.',
        'a',
        'é',
        '_',
        '__pycache__',
        '__pycache__/',
        'cpython-313',
        'opt-',
        '1',
        '.pyc',
        '.py',
      ),
      maxLength: 10,
    });
    let fastAnswered = 0;
    assertSeeded(
      fc.property(
        pathText,
        fc.constantFrom(...versions),
        fc.constantFrom(0, 1, 2),
        fc.constantFrom(undefined, null, '', 0, 1, 2, 17),
        (p, v, optimize, optimization) => {
          const target = pythonTarget({ version: v, optimize: optimize as 0 | 1 | 2 });
          expect(isPlainPosix(target)).toBe(true); // the fast paths' precondition
          const general = (call: () => string) => {
            try {
              return call();
            } catch (e) {
              return `${(e as Error).name}: ${(e as Error).message}`;
            }
          };
          const fastCache = posixCachePath(p, target, optimization);
          if (fastCache !== undefined) {
            fastAnswered++;
            expect(fastCache).toBe(general(() => generalCacheFromSource(p, { optimization }, target)));
          }
          const fastSource = posixSourcePath(p);
          if (fastSource !== undefined) {
            fastAnswered++;
            expect(fastSource).toBe(general(() => generalSourceFromCache(p, target)));
          }
        },
      ),
      { numRuns: 5000 },
    );
    expect(fastAnswered).toBeGreaterThan(2000);
  });

  it('sourceHash gives 8 bytes for any input; readPycHeader throws only ImportError/EOFError', () => {
    assertSeeded(
      fc.property(
        fc.uint8Array({ maxLength: 40 }),
        fc.constantFrom(...versions.filter((v) => Number(v.slice(2)) >= 7)),
        (bytes, v) => {
          expect(sourceHash(bytes, { target: v }).length).toBe(8);
          try {
            readPycHeader(bytes);
          } catch (e) {
            expect(['ImportError', 'EOFError']).toContain((e as Error).name);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
