// pycache-kit/light: the codec tables are loaded on request. Without them, the table codecs say how to load them
// (and nothing else changes); after loadCodecTables() they decode as CPython did. A real bundle shows the tables
// in a chunk of their own, which the full entry carries inline. This file imports only the light entry: the
// tables are process-wide once loaded, so the order of the tests matters.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';
import { describe, expect, it } from 'vitest';
import {
  cacheFromSource,
  decodeBytes,
  decodeSource,
  detectEncoding,
  loadCodecTables,
  NotImplementedError,
} from '../../src/light.js';
import { appDir, expectedModules, repoRoot } from '../helpers/vite-fixtures.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const sjis = new Uint8Array(readFileSync(join(appDir('basic'), 'py/app/sjis.py')));
const latin1 = new Uint8Array(readFileSync(join(appDir('basic'), 'py/app/legacy_latin1.py')));
const expected = expectedModules('basic');

describe('pycache-kit/light', () => {
  it('decodes UTF-8 and Latin-1 sources and computes paths without any table', () => {
    expect(decodeSource(bytes('x = "\u00e9"\r\n'), { target: '3.12' })).toBe('x = "\u00e9"\n');
    expect(decodeSource(latin1, { target: '3.12' })).toBe(expected['app/legacy_latin1.py'].text);
    expect(cacheFromSource('a/b.py', { target: '3.12' })).toBe('a/__pycache__/b.cpython-312.pyc');
    expect(detectEncoding(bytes('# coding: cp1252\n'), { target: '3.12' }).encoding).toBe('cp1252');
  });

  it('says how to load the tables of a charmap or CJK codec, before loading them', () => {
    const needsTables =
      /the shift_jis codec needs its tables, which this bundle has not loaded: call `await loadCodecTables\(\)`/;
    expect(() => decodeSource(sjis, { target: '3.12' })).toThrow(needsTables);
    expect(() => decodeBytes(sjis, 'shift_jis')).toThrow(NotImplementedError);
    expect(() => decodeBytes(Uint8Array.of(0x80), 'cp1252')).toThrow(/the cp1252 codec needs its tables/);
  });

  it('decodes them as CPython does once loadCodecTables() resolved', async () => {
    await loadCodecTables();
    expect(decodeSource(sjis, { target: '3.12' })).toBe(expected['app/sjis.py'].text);
    expect(decodeBytes(Uint8Array.of(0x80), 'cp1252')).toBe('\u20ac');
    await loadCodecTables();
  });
});

async function bundle(code: string) {
  const build = await rolldown({
    input: 'entry',
    logLevel: 'silent',
    plugins: [
      { name: 'entry', resolveId: (id) => (id === 'entry' ? id : null), load: (id) => (id === 'entry' ? code : null) },
    ],
  });
  const { output } = await build.generate({ format: 'esm', minify: true });
  return output
    .filter((o) => o.type === 'chunk')
    .map((c) => ({ isEntry: c.isEntry, code: c.code, gzip: gzipSync(c.code, { level: 9 }).length }));
}

describe('bundled for a browser (minified, gzip sizes)', () => {
  // The tables are about 120 KB gzip, the decoding code about 20 KB: sizes tell where the tables went.
  const TABLES = 80_000;

  it('light: the tables are a chunk of their own, fetched by loadCodecTables()', async () => {
    const chunks = await bundle(
      `export { decodeSource, loadCodecTables } from ${JSON.stringify(join(repoRoot, 'dist/src/light.js'))};`,
    );
    const entry = chunks.find((c) => c.isEntry)!;
    expect(entry.gzip).toBeLessThan(40_000);
    expect(chunks.filter((c) => !c.isEntry).reduce((n, c) => n + c.gzip, 0)).toBeGreaterThan(TABLES);
    expect(entry.code).toMatch(/import\(/);
  });

  it('full: decodeSource carries the tables inline; bytecode paths alone never do', async () => {
    const full = await bundle(`export { decodeSource } from ${JSON.stringify(join(repoRoot, 'dist/src/index.js'))};`);
    expect(full.length).toBe(1);
    expect(full[0].gzip).toBeGreaterThan(TABLES);
    const paths = await bundle(
      `export { cacheFromSource, sourceFromCache } from ${JSON.stringify(join(repoRoot, 'dist/src/index.js'))};`,
    );
    expect(paths.length).toBe(1);
    expect(paths[0].gzip).toBeLessThan(20_000);
  });
});
