// PyPy and GraalPy write their own magic numbers. The numbers are read from their sources (no PyPy or GraalPy
// runs here), at the tags src/implementation-magic.ts cites: PyPy's pypy_incremental_magic
// (pypy/interpreter/pycode.py), GraalPy's 21000 + 10 x BYTECODE_VERSION.
import { describe, expect, it } from 'vitest';
import {
  cacheFromSource,
  NotImplementedError,
  parseCacheTag,
  pythonTarget,
  readPycHeader,
  sourceFromCache,
  sourceHash,
  ValueError,
  versionForMagic,
  writePycHeader,
} from '../../../src/index.js';

const magic16 = (bytes: Uint8Array) => bytes[0] | (bytes[1] << 8);

describe('PyPy and GraalPy targets', () => {
  it("PyPy: pypy_incremental_magic of each line's newest release, with PyPy's tag", () => {
    const expected: [string, number][] = [
      ['pypy36', 192],
      ['pypy37', 240],
      ['pypy38', 256],
      ['pypy39', 336],
      ['pypy310', 384],
      ['pypy311', 432],
    ];
    for (const [tag, n] of expected) {
      const t = pythonTarget(tag);
      expect(magic16(t.magicNumber), tag).toBe(n);
      expect([...t.magicNumber.subarray(2)]).toEqual([0x0d, 0x0a]);
      expect(t.implementation).toBe('pypy');
      expect(t.cacheTag).toBe(tag);
    }
    expect(magic16(pythonTarget({ version: '3.10', implementation: 'pypy' }).magicNumber)).toBe(384);
    expect(cacheFromSource('pkg/m.py', { target: 'pypy311' })).toBe('pkg/__pycache__/m.pypy311.pyc');
    // PyPy3.5 and older spelled their tags differently and are not modelled: their magic must be given.
    expect(() => pythonTarget('pypy35')).toThrow(ValueError);
    expect(magic16(pythonTarget({ cacheTag: 'pypy35', magicNumber: [112, 0, 13, 10] }).magicNumber)).toBe(112);
  });

  it('GraalPy: 21000 + 10 x the bytecode version of the release the tag names', () => {
    const expected: [string, number, string][] = [
      ['graalpy230-310', 21270, '3.10'],
      ['graalpy231-310', 21280, '3.10'],
      ['graalpy240-310', 21280, '3.10'],
      ['graalpy241-311', 21290, '3.11'],
      ['graalpy242-311', 21290, '3.11'],
      ['graalpy250-312', 21290, '3.12'],
      ['graalpy251-312', 21320, '3.12'],
      ['graalpy252-312', 21330, '3.12'],
    ];
    for (const [tag, n, version] of expected) {
      const t = pythonTarget(tag);
      expect(magic16(t.magicNumber), tag).toBe(n);
      expect(t.version).toBe(version);
      expect(t.implementation).toBe('graalpy');
    }
    expect(parseCacheTag('graalpy250dev-312')).toEqual({
      version: '3.12',
      implementation: 'graalpy',
      graalpyRelease: '250',
    });
    expect(sourceFromCache('a/__pycache__/b.graalpy241-311.pyc', { target: 'graalpy241-311' })).toBe('a/b.py');
  });

  it('older GraalPython tags are accepted, but their magic numbers changed without the tag saying so: give it', () => {
    expect(parseCacheTag('graalpython-38')).toEqual({ version: '3.8', implementation: 'graalpy' });
    expect(parseCacheTag('graalpy-38')).toEqual({ version: '3.8', implementation: 'graalpy' });
    expect(() => pythonTarget('graalpython-38')).toThrow(ValueError);
    expect(() => pythonTarget('graalpython-38')).toThrow(/magicNumber: .*pass it as magicNumber/);
    const t = pythonTarget({ cacheTag: 'graalpython-38', magicNumber: [0x45, 0x0d, 0x0d, 0x0a] });
    expect(t).toMatchObject({ version: '3.8', implementation: 'graalpy', cacheTag: 'graalpython-38' });
    expect(cacheFromSource('m.py', { target: t })).toBe('__pycache__/m.graalpython-38.pyc');
    expect(() => pythonTarget('graalpy260-313')).toThrow(/\b3\.13\b|magicNumber/);
  });

  it('versionForMagic answers for PyPy and GraalPy numbers, saying which implementation', () => {
    expect(versionForMagic(384)).toEqual({
      number: 384,
      implementation: 'pypy',
      version: '3.10',
      final: true,
      release: 'PyPy3.10 7.3.12-7.3.19',
    });
    expect(versionForMagic(Uint8Array.of(0xa0, 0x01, 0x0d, 0x0a))).toMatchObject({
      number: 416,
      implementation: 'pypy',
      version: '3.11',
      release: 'PyPy3.11 7.3.19-7.3.22',
    });
    expect(versionForMagic(21290)).toEqual({
      number: 21290,
      implementation: 'graalpy',
      version: '3.11',
      final: true,
      release: 'GraalPy 24.1 (Python 3.11), GraalPy 24.2 (Python 3.11), GraalPy 25.0 (Python 3.12)',
    });
    expect(versionForMagic(21280)).toMatchObject({ implementation: 'graalpy', version: '3.10' });
    expect(versionForMagic(3439)).toMatchObject({ implementation: 'cpython', version: '3.10' });
    expect(versionForMagic(400 + 1)).toBeUndefined();
    expect(versionForMagic(21300)).toBeUndefined();
  });

  it('readPycHeader and writePycHeader use the 16-byte PEP 552 layout for them (their importlib is CPython 3.x)', () => {
    for (const spec of ['pypy310', 'graalpy241-311']) {
      const header = writePycHeader({ target: spec, mtime: 7, sourceSize: 9 });
      expect(header.length, spec).toBe(16);
      const read = readPycHeader(header, { target: spec, name: 'm' });
      expect(read).toMatchObject({
        implementation: spec.startsWith('pypy') ? 'pypy' : 'graalpy',
        headerSize: 16,
        kind: 'timestamp',
        mtime: 7,
        sourceSize: 9,
      });
      expect(readPycHeader(header)).toMatchObject({ headerSize: 16, mtime: 7 });
      // A CPython target rejects them, as CPython's import system does.
      expect(() => readPycHeader(header, { target: '3.11', name: 'm' })).toThrow('bad magic number');
    }
    const hashed = writePycHeader({ target: 'pypy311', kind: 'checked-hash', sourceHash: new Uint8Array(8).fill(1) });
    expect(readPycHeader(hashed)).toMatchObject({ implementation: 'pypy', version: '3.11', kind: 'checked-hash' });
  });
});

describe('sourceHash for PyPy and GraalPy', () => {
  it('PyPy keys SipHash-2-4 with its own magic number in every version (pypy/module/imp/interp_imp.py), where CPython 3.11+ uses SipHash-1-3', () => {
    const source = new TextEncoder().encode('x = 1\n');
    // The same function CPython 3.10 uses (SipHash-2-4 keyed by the magic number), given PyPy3.11's magic number.
    const asCPython310 = sourceHash(source, {
      target: { version: '3.10', magicNumber: pythonTarget('pypy311').magicNumber },
    });
    expect(sourceHash(source, { target: 'pypy311' })).toEqual(asCPython310);
    expect(
      sourceHash(source, { target: { version: '3.11', magicNumber: pythonTarget('pypy311').magicNumber } }),
    ).not.toEqual(asCPython310);
  });

  it("GraalPy's source_hash is not SipHash and is not modelled: NotImplementedError, not a wrong hash", () => {
    expect(() => sourceHash(new Uint8Array(1), { target: 'graalpy241-311' })).toThrow(NotImplementedError);
  });
});
