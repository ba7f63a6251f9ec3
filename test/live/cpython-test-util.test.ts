// CPython's own tests of these functions (Lib/test/test_importlib/test_util.py, PEP3147Tests, as of 3.13),
// ported as a table and run against every version that has the tested behaviour. Windows-only cases run
// with platform 'win32' (CPython skips them on posix; there is no Windows interpreter here).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  cacheFromSource,
  KNOWN_VERSIONS,
  magicNumberFor,
  NotImplementedError,
  pythonTarget,
  setWarningHandler,
  sourceFromCache,
  ValueError,
} from '../../src/index.js';
import { pyenvInterpreters } from '../../scripts/interpreters.mjs';
import type { PythonTarget } from '../../src/index.js';

const POSIX = ['3.5', '3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.15'];
setWarningHandler(() => {});

/** Defines the test only where the version has the behaviour (no skipped tests in the count). */
const onlyIf = (cond: boolean): typeof it | ((name: string, fn: () => void) => void) => (cond ? it : () => {});

describe.each(POSIX)('PEP3147Tests on CPython %s (posix)', (version) => {
  const t = pythonTarget(version);
  const tag = t.cacheTag as string;
  const noTag = pythonTarget({ version, cacheTag: null });
  const minor = Number(version.slice(2));

  onlyIf(minor >= 15)('debug_override was removed in 3.15 (TypeError as CPython 3.15.0rc1 raises it)', () => {
    expect(() => cacheFromSource('foo.py', { target: t, debugOverride: true })).toThrow(
      'cache_from_source() takes 1 positional argument but 2 were given',
    );
  });
  onlyIf(minor < 8)('sys.pycache_prefix does not exist before 3.8', () => {
    expect(() => pythonTarget({ version, pycachePrefix: '/tmp/bytecode' })).toThrow(RangeError);
  });
  it('test_cache_from_source', () => {
    expect(cacheFromSource('foo/bar/baz/qux.py', { target: t, optimization: '' })).toBe(
      `foo/bar/baz/__pycache__/qux.${tag}.pyc`,
    );
  });
  it('test_cache_from_source_no_cache_tag', () => {
    expect(() => cacheFromSource('foo.py', { target: noTag })).toThrow(NotImplementedError);
  });
  it('test_cache_from_source_no_dot', () => {
    expect(cacheFromSource('foo/bar/bazqux', { target: t, optimization: '' })).toBe(
      `foo/bar/__pycache__/bazqux${tag}.pyc`,
    );
  });
  onlyIf(minor <= 14)('test_cache_from_source_debug_override', () => {
    expect(cacheFromSource('foo/bar/baz/qux.py', { target: t, debugOverride: false })).toBe(
      cacheFromSource('foo/bar/baz/qux.py', { target: t, optimization: 1 }),
    );
    expect(cacheFromSource('foo/bar/baz/qux.py', { target: t, debugOverride: true })).toBe(
      cacheFromSource('foo/bar/baz/qux.py', { target: t, optimization: '' }),
    );
  });
  it('test_cache_from_source_cwd', () => {
    expect(cacheFromSource('foo.py', { target: t, optimization: '' })).toBe(`__pycache__/foo.${tag}.pyc`);
  });
  onlyIf(minor <= 14)('test_cache_from_source_override', () => {
    // debug_override's truthiness decides, whatever the object.
    const path = 'foo/bar/baz.py';
    expect(cacheFromSource(path, { target: t, debugOverride: [] })).toBe(
      cacheFromSource(path, { target: t, debugOverride: false }),
    );
    expect(cacheFromSource(path, { target: t, debugOverride: [17] })).toBe(
      cacheFromSource(path, { target: t, debugOverride: true }),
    );
  });
  it('test_cache_from_source_optimization_empty_string', () => {
    expect(cacheFromSource('foo/bar/baz.py', { target: t, optimization: '' })).toBe(
      `foo/bar/__pycache__/baz.${tag}.pyc`,
    );
  });
  it('test_cache_from_source_optimization_None', () => {
    const path = 'foo/bar/baz.py';
    expect(cacheFromSource(path, { target: t, optimization: null })).toBe(`foo/bar/__pycache__/baz.${tag}.pyc`);
    expect(cacheFromSource(path, { target: { ...t, optimize: 1 }, optimization: null })).toBe(
      `foo/bar/__pycache__/baz.${tag}.opt-1.pyc`,
    );
    expect(cacheFromSource(path, { target: { ...t, optimize: 2 } })).toBe(`foo/bar/__pycache__/baz.${tag}.opt-2.pyc`);
  });
  it('test_cache_from_source_optimization_set', () => {
    const path = 'foo/bar/baz.py';
    expect(cacheFromSource(path, { target: t, optimization: 42 })).toBe(`foo/bar/__pycache__/baz.${tag}.opt-42.pyc`);
    expect(cacheFromSource(path, { target: t, optimization: 'spam' })).toBe(
      `foo/bar/__pycache__/baz.${tag}.opt-spam.pyc`,
    );
    expect(() => cacheFromSource(path, { target: t, optimization: 'path/is/bad' })).toThrow(ValueError);
  });
  onlyIf(minor <= 14)('test_cache_from_source_debug_override_optimization_both_set', () => {
    expect(() => cacheFromSource('foo.py', { target: t, debugOverride: false, optimization: '' })).toThrow(TypeError);
  });
  onlyIf(minor >= 6)(
    'test_cache_from_source_path_like_arg / test_source_from_cache_path_like_arg (os.PathLike: __fspath__)',
    () => {
      const pathLike = (path: string) => ({ __fspath__: () => path });
      expect(cacheFromSource(pathLike('foo/bar/baz/qux.py'), { target: t, optimization: '' })).toBe(
        `foo/bar/baz/__pycache__/qux.${tag}.pyc`,
      );
      expect(sourceFromCache(pathLike(`foo/bar/baz/__pycache__/qux.${tag}.pyc`), { target: t })).toBe(
        'foo/bar/baz/qux.py',
      );
    },
  );
  it('test_source_from_cache', () => {
    expect(sourceFromCache(`foo/bar/baz/__pycache__/qux.${tag}.pyc`, { target: t })).toBe('foo/bar/baz/qux.py');
  });
  it('test_source_from_cache_no_cache_tag', () => {
    expect(() => sourceFromCache(`foo/bar/baz/__pycache__/qux.${tag}.pyc`, { target: noTag })).toThrow(
      NotImplementedError,
    );
  });
  it('test_source_from_cache_bad_path / no_slash / too_few_dots / too_many_dots / not_opt / no__pycache__', () => {
    for (const bad of [
      '/foo/bar/bazqux.abc',
      'foo.cpython-32.pyc',
      '__pycache__/foo.pyc',
      '__pycache__/foo.cpython-32.opt-1.foo.pyc',
      '__pycache__/foo.cpython-32.foo.pyc',
      '/foo/bar/foo.cpython-32.foo.pyc',
    ]) {
      expect(() => sourceFromCache(bad, { target: t }), bad).toThrow(ValueError);
    }
  });
  it('test_source_from_cache_optimized_bytecode', () => {
    expect(sourceFromCache(`__pycache__/foo.${tag}.opt-1.pyc`, { target: t })).toBe('foo.py');
  });
  it('test_source_from_cache_missing_optimization', () => {
    expect(() => sourceFromCache(`__pycache__/foo.${tag}.opt-.pyc`, { target: t })).toThrow(ValueError);
  });
  onlyIf(minor >= 8)('test_cache_from_source_respects_pycache_prefix', () => {
    for (const prefix of ['/tmp/bytecode', '/tmp/\u2603', '/tmp/trailing-slash/']) {
      const p = { ...t, pycachePrefix: prefix };
      const want = `${prefix.replace(/\/$/, '')}/foo/bar/baz/qux.${tag}.pyc`;
      expect(cacheFromSource('/foo/bar/baz/qux.py', { target: p, optimization: '' })).toBe(want);
    }
  });
  onlyIf(minor >= 8)('test_cache_from_source_respects_pycache_prefix_relative', () => {
    const p = { ...t, pycachePrefix: '/tmp/bytecode', cwd: '/home/user/project' };
    expect(cacheFromSource('foo/bar/baz/qux.py', { target: p, optimization: '' })).toBe(
      `/tmp/bytecode/home/user/project/foo/bar/baz/qux.${tag}.pyc`,
    );
  });
  onlyIf(minor >= 8)('test_source_from_cache_inside_pycache_prefix / outside_pycache_prefix', () => {
    const p = { ...t, pycachePrefix: '/tmp/bytecode' };
    expect(sourceFromCache(`/tmp/bytecode/foo/bar/baz/qux.${tag}.pyc`, { target: p })).toBe('/foo/bar/baz/qux.py');
    expect(sourceFromCache(`/bar/baz/__pycache__/qux.${tag}.pyc`, { target: p })).toBe('/bar/baz/qux.py');
  });
});

describe.each(['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.15'])(
  'Windows-only PEP3147Tests on CPython %s',
  (version) => {
    const t: PythonTarget = pythonTarget({ version, platform: 'win32', cwd: 'C:\\work' });
    const tag = t.cacheTag as string;
    it('test_sep_altsep_and_sep_cache_from_source', () => {
      expect(cacheFromSource('\\foo\\bar\\baz/qux.py', { target: t, optimization: '' })).toBe(
        `\\foo\\bar\\baz\\__pycache__\\qux.${tag}.pyc`,
      );
    });
    it('test_cache_from_source_respects_pycache_prefix (drive, \\\\?\\ and UNC prefixes)', () => {
      for (const prefix of [
        'C:\\tmp\\bytecode',
        'C:\\tmp\\\u2603',
        'C:\\tmp\\trailing-slash\\',
        '\\\\?\\C:\\foo',
        '\\\\localhost\\c$\\bar',
      ]) {
        const p = { ...t, pycachePrefix: prefix };
        const want = `${prefix.replace(/\\$/, '')}\\foo\\bar\\baz\\qux.${tag}.pyc`;
        expect(cacheFromSource('C:\\foo\\bar\\baz\\qux.py', { target: p, optimization: '' })).toBe(want);
      }
    });
    it('test_cache_from_source_respects_pycache_prefix_relative', () => {
      const p = { ...t, pycachePrefix: 'C:\\tmp\\bytecode' };
      expect(cacheFromSource('foo\\bar\\baz\\qux.py', { target: p, optimization: '' })).toBe(
        `C:\\tmp\\bytecode\\work\\foo\\bar\\baz\\qux.${tag}.pyc`,
      );
    });
    it('test_source_from_cache_inside_pycache_prefix (backslash paths)', () => {
      const p = { ...t, pycachePrefix: 'C:\\tmp\\bytecode' };
      expect(sourceFromCache(`C:\\tmp\\bytecode\\foo\\bar\\baz\\qux.${tag}.pyc`, { target: p })).toBe(
        '\\foo\\bar\\baz\\qux.py',
      );
    });
  },
);

describe.each(KNOWN_VERSIONS)('MagicNumberTests on CPython %s', (version) => {
  const magic = magicNumberFor(version);
  it('test_length', () => {
    expect(magic.length).toBe(4);
  });
  it('test_incorporates_rn', () => {
    expect([...magic.slice(2)]).toEqual([0x0d, 0x0a]);
  });
});

// test_magic_number: each release's EXPECTED_MAGIC_NUMBER, read from that interpreter's own test_util.py.
const interpreters = pyenvInterpreters();
describe("test_magic_number (EXPECTED_MAGIC_NUMBER of the installed interpreters' own tests)", () => {
  it(`every installed interpreter: ${interpreters.map((i) => i.version).join(', ') || 'none installed'}`, () => {
    expect(interpreters.length, 'pyenv CPython 3.6-3.13 are on these machines').toBeGreaterThan(0);
    for (const { version, prefix } of interpreters) {
      const source = readFileSync(`${prefix}/lib/python${version}/test/test_importlib/test_util.py`, 'utf8');
      const expected = Number(/EXPECTED_MAGIC_NUMBER = (\d+)/.exec(source)?.[1]);
      const magic = magicNumberFor(version);
      expect(magic[0] | (magic[1] << 8), version).toBe(expected);
    }
  });
});
