// pycache-kit/light and the Unicode data (idna's nameprep for xn-- labels, the names of \N{...}): without
// loadCodecTables() those two say how to load the tables, while everything else about idna and unicode_escape
// works; afterwards they decode as CPython did. A real bundle shows the data in a chunk of its own. This file
// imports only the light entry (the tables are process-wide once loaded, so the order of the tests matters).
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';
import { describe, expect, it } from 'vitest';
import { decodeBytes, loadCodecTables, NotImplementedError, UnicodeDecodeError } from '../../src/light.js';
import { repoRoot } from '../helpers/vite-fixtures.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('pycache-kit/light: the Unicode data is loaded on request', () => {
  it('before loadCodecTables(): plain idna and escapes decode, xn-- labels and \\N{NAME} say how to load the data', () => {
    expect(decodeBytes(bytes('example.com'), 'idna', { target: '3.12' })).toBe('example.com');
    expect(() => decodeBytes(bytes('\xe9'), 'idna', { target: '3.13' })).toThrow(UnicodeDecodeError);
    expect(decodeBytes(bytes('a\\x41\\u00e9'), 'unicode_escape')).toBe('aA\u00e9');
    expect(() => decodeBytes(bytes('\\N{}'), 'unicode_escape')).toThrow('malformed \\N character escape');
    const needs = /needs the Unicode data tables, which this bundle has not loaded: call `await loadCodecTables\(\)`/;
    expect(() => decodeBytes(bytes('xn--mnchen-3ya'), 'idna', { target: '3.12' })).toThrow(needs);
    expect(() => decodeBytes(bytes('\\N{LATIN SMALL LETTER A}'), 'unicode_escape')).toThrow(NotImplementedError);
  });

  it('after loadCodecTables(): they decode as CPython does', async () => {
    await loadCodecTables();
    expect(decodeBytes(bytes('xn--mnchen-3ya.xn--bcher-kva'), 'idna', { target: '3.12' })).toBe(
      'm\u00fcnchen.b\u00fccher',
    );
    expect(
      decodeBytes(bytes('\\N{LATIN SMALL LETTER A}\\N{hangul syllable ga}'), 'unicode_escape', { target: '3.15' }),
    ).toBe('a\uac00');
  });

  it('bundled: the data is in chunks that only loadCodecTables() fetches', async () => {
    const build = await rolldown({
      input: 'entry',
      logLevel: 'silent',
      plugins: [
        {
          name: 'entry',
          resolveId: (id) => (id === 'entry' ? id : null),
          load: (id) =>
            id === 'entry'
              ? `export { decodeBytes, loadCodecTables } from ${JSON.stringify(join(repoRoot, 'dist/src/light.js'))};`
              : null,
        },
      ],
    });
    const { output } = await build.generate({ format: 'esm', minify: true });
    const chunks = output.filter((o) => o.type === 'chunk');
    const entry = chunks.filter((c) => c.isEntry);
    // the names are inside the lazy chunks only (a name from the table, not from the code)
    expect(entry.map((c) => c.code).join('')).not.toContain('MODIFIER LETTER');
    expect(
      chunks
        .filter((c) => !c.isEntry)
        .map((c) => c.code)
        .join(''),
    ).toContain('MODIFIER LETTER');
    expect(entry.reduce((n, c) => n + gzipSync(c.code, { level: 9 }).length, 0)).toBeLessThan(20_000);
  });
});
