import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KNOWN_VERSIONS, MAGIC_NUMBER, magicNumberFor, pythonTarget, versionForMagic } from '../../../src/index.js';

const runs: { version: string; pycs: { header: string }[] }[] = JSON.parse(
  readFileSync(new URL('../../../fixtures/pyc/headers.json', import.meta.url), 'utf8'),
);

describe('magic numbers', () => {
  it('every interpreter here writes the magic number the table gives its version', () => {
    for (const run of runs) {
      expect(Buffer.from(magicNumberFor(run.version)).toString('hex')).toBe(run.pycs[0].header.slice(0, 8));
    }
  });
  it('covers every minor version 3.0-3.15', () => {
    expect(KNOWN_VERSIONS).toEqual(Array.from({ length: 16 }, (_, i) => `3.${i}`));
  });
  it('MAGIC_NUMBER is the default target’s (the newest final release, 3.14)', () => {
    expect(pythonTarget().version).toBe('3.14');
    expect(MAGIC_NUMBER).toEqual(magicNumberFor('3.14'));
  });
  it('3.5.0 and 3.5.1 shipped 3350, 3.5.2+ 3351 (bpo-27286)', () => {
    expect(versionForMagic(magicNumberFor('3.5.1'))).toMatchObject({ number: 3350, version: '3.5', final: true });
    expect(versionForMagic(magicNumberFor('3.5.2'))).toMatchObject({ number: 3351, version: '3.5', final: true });
    expect(magicNumberFor('3.5')).toEqual(magicNumberFor('3.5.2'));
  });
  it('prerelease numbers answer their line and say so', () => {
    expect(versionForMagic(3500)).toEqual({
      number: 3500,
      implementation: 'cpython',
      version: '3.12',
      final: false,
      release: '3.12a1',
    });
    expect(versionForMagic(3531)).toEqual({
      number: 3531,
      implementation: 'cpython',
      version: '3.12',
      final: true,
      release: '3.12b1',
    });
    expect(versionForMagic(3392)).toMatchObject({ version: '3.7', final: false, release: '3.7a4' });
    expect(versionForMagic(3666)).toEqual({
      number: 3666,
      implementation: 'cpython',
      version: '3.15',
      final: false,
      release: '3.15rc1',
    });
    expect(versionForMagic(3660)).toMatchObject({ version: '3.15', final: false });
    expect(versionForMagic(168627659)).toMatchObject({ number: 3531 });
  });
  it('unlisted numbers inside a line are development builds of it', () => {
    expect(versionForMagic(3374)).toEqual({
      number: 3374,
      implementation: 'cpython',
      version: '3.6',
      final: false,
      release: '3.6 (unlisted development number)',
    });
    expect(versionForMagic(3660)).toMatchObject({ version: '3.15', final: false });
    expect(versionForMagic(3699)).toMatchObject({ version: '3.15', final: false });
  });
  it('numbers outside every 3.x line, and bytes without \\r\\n, are unknown', () => {
    expect(versionForMagic(62211)).toBeUndefined();
    expect(versionForMagic(3240)).toBeUndefined();
    expect(versionForMagic(Uint8Array.of(0xcb, 0x0d, 0x0d, 0x00))).toBeUndefined();
  });
});

describe('pythonTarget', () => {
  it('accepts versions, patch versions and cache tags', () => {
    expect(pythonTarget('3.12.1')).toMatchObject({
      version: '3.12',
      cacheTag: 'cpython-312',
      optimize: 0,
      pycachePrefix: null,
      platform: 'posix',
    });
    expect(pythonTarget('cpython-39').version).toBe('3.9');
    expect(pythonTarget('pypy310')).toMatchObject({ version: '3.10', cacheTag: 'pypy310', implementation: 'pypy' });
    expect(pythonTarget('graalpy242-311')).toMatchObject({
      version: '3.11',
      cacheTag: 'graalpy242-311',
      implementation: 'graalpy',
    });
    expect(Object.isFrozen(pythonTarget('3.8'))).toBe(true);
    expect(pythonTarget({ version: '3.10', implementation: 'pypy' }).cacheTag).toBe('pypy310');
    expect(() => pythonTarget({ version: '3.11', implementation: 'graalpy' })).toThrow(/cacheTag/);
  });
  it('3.0 and 3.1 have no cache tag', () => {
    expect(pythonTarget('3.1').cacheTag).toBeNull();
    expect(pythonTarget('3.2').cacheTag).toBe('cpython-32');
  });
  it('unknown versions fail with the known ones listed', () => {
    expect(() => pythonTarget('3.16')).toThrow(/known versions are 3\.0, 3\.1, .*3\.15/);
    expect(() => pythonTarget('2.7')).toThrow(RangeError);
    expect(() => pythonTarget('cpython-216')).toThrow(RangeError);
    expect(() => pythonTarget({ version: '3.12', optimize: 3 as 0 })).toThrow(/optimize/);
  });
});
