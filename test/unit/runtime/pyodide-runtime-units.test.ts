// The runtime's pure parts, no interpreter needed: manifest checks, URL joining, the files option.
import { describe, expect, it } from 'vitest';
import { fileReader, joinUrl } from '../../../src/pyodide/file-source.js';
import { magicHex } from '../../../src/pyodide/manifest.js';
import {
  validateManifest as assertManifest,
  validateModuleEntry as assertModule,
} from '../../../src/pyodide/validate-manifest.js';
import { pythonTarget } from '../../../src/index.js';
import { EXAMPLE_PYTHON, manifestFor, readTree } from '../../helpers/pyodide-helpers.js';

describe('manifest checks', () => {
  const manifest = manifestFor(readTree(EXAMPLE_PYTHON));

  it('accepts what the plugins emit', () => {
    expect(assertManifest(JSON.parse(JSON.stringify(manifest)))).toEqual(manifest);
  });

  it.each([
    [{ ...manifest, format: 'pycache-manifest@2' }, /manifest\.format is "pycache-manifest@2"/],
    [{ ...manifest, python: {} }, /manifest\.python\.version/],
    [{ ...manifest, modules: {} }, /manifest\.modules must be an array/],
    [
      { ...manifest, modules: [{ ...manifest.modules[0], source: '/etc/passwd' }] },
      /manifest\.modules\[0\]\.source is "\/etc\/passwd"/,
    ],
    [
      { ...manifest, modules: [{ ...manifest.modules[0], cache: { '': 'a/../../b.pyc' } }] },
      /manifest\.modules\[0\]\.cache\[""\]/,
    ],
    [{ ...manifest, modules: [{ ...manifest.modules[0], source: 'a\\b.py' }] }, /relative POSIX paths/],
  ])('rejects a bad manifest (%#)', (value, message) => {
    expect(() => assertManifest(value)).toThrow(message);
  });

  it('names the payload in update errors', () => {
    expect(() => assertModule({ module: 'x' }, 'pycache:update payload')).toThrow(/pycache:update payload\.source/);
  });

  it('reads the magic number in each spelling', () => {
    const hex = Buffer.from(pythonTarget('3.14').magicNumber).toString('hex');
    const bytes = [...pythonTarget('3.14').magicNumber];
    expect(magicHex(hex)).toBe(hex);
    expect(magicHex(bytes)).toBe(hex);
    expect(magicHex(bytes[0] | (bytes[1] << 8))).toBe(hex);
    expect(magicHex('nope')).toBeUndefined();
  });
});

describe('file reading', () => {
  it('joins URLs with one slash and encodes each segment', () => {
    expect(joinUrl('https://x.test/py', 'pkg/a b#1.py')).toBe('https://x.test/py/pkg/a%20b%231.py');
    expect(joinUrl('https://x.test/py/', 'pkg/m.py')).toBe('https://x.test/py/pkg/m.py');
    expect(joinUrl('', 'pkg/m.py')).toBe('pkg/m.py');
  });

  it('takes files from an object, a Map or a function; a missing source is an error, a missing .pyc is not', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    for (const files of [
      { 'a.py': bytes },
      new Map([['a.py', bytes]]),
      (path: string) => (path === 'a.py' ? bytes : undefined),
    ]) {
      const read = fileReader({ files });
      expect(await read('a.py', 'source')).toEqual(bytes);
      expect(await read('__pycache__/a.cpython-314.pyc', 'bytecode')).toBeUndefined();
      await expect(read('b.py', 'source')).rejects.toThrow(/no contents for b\.py/);
    }
    expect(await fileReader({ files: { 'a.py': 'é' } })('a.py', 'source')).toEqual(new Uint8Array([0xc3, 0xa9]));
  });

  it("treats an HTML answer for a .pyc as absent (a dev server's fallback page)", async () => {
    const read = fileReader({
      baseUrl: 'http://x.test',
      fetch: async () => ({
        ok: true,
        status: 200,
        headers: { get: () => 'text/html' },
        arrayBuffer: async () => new ArrayBuffer(4),
      }),
    });
    expect(await read('p/__pycache__/m.cpython-314.pyc', 'bytecode')).toBeUndefined();
  });

  it('names the path, URL and status when a source cannot be fetched', async () => {
    const read = fileReader({
      baseUrl: 'http://x.test/py/',
      fetch: async () => ({ ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) }),
    });
    await expect(read('pkg/m.py', 'source')).rejects.toThrow(
      'fetching pkg/m.py from http://x.test/py/pkg/m.py failed with HTTP 404',
    );
  });
});
