// The host layer decodes with pycache-kit/light's functions and loads the core's tables only when a source needs them
// (plugins/common/python-module.ts): the charmap and CJK codec tables for a source in cp1252, koi8-r or cp932, and
// the Unicode data (about 560 KB of modules) only for what needs it (idna's xn-- labels), however many modules
// decode at once. The texts must be the core's own (decodeSource of pycache-kit, checked against CPython by the
// core's tests). The tables are process-wide once loaded, and each test file gets its own modules: the order of the
// tests matters.
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../../plugins/common/options.js';
import { loadPythonModule } from '../../../plugins/common/python-module.js';
import { decodeBytes, NotImplementedError } from '../../../src/light.js';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...new TextEncoder().encode(part)] : part)));
const options = resolveOptions({ python: '3.12', roots: ['/r'] });
const load = (name: string, source: Uint8Array) => loadPythonModule(`/r/${name}.py`, source, ['/r'], options);

const TABLE_SOURCES = {
  cp1252: bytes('# coding: cp1252\nx = "', [0x80], '"\n'),
  koi8: bytes('# coding: koi8-r\nx = "', [0xc1], '"\n'),
  cp932: bytes('# coding: cp932\nx = "', [0x82, 0xa0], '"\n'),
};
// CPython 3.12's decode_source gives '# coding: idna\n.m\u00fcnchen' (the label after the dot is ToUnicode-d).
const IDNA_SOURCE = bytes('# coding: idna\n.xn--mnchen-3ya');
const unicodeDataLoaded = () => {
  try {
    decodeBytes(bytes('xn--mnchen-3ya'), 'idna', { target: '3.12' });
    return true;
  } catch (error) {
    if (error instanceof NotImplementedError) return false;
    throw error;
  }
};

describe('the core tables a build loads', () => {
  const texts = new Map<Uint8Array, string>();

  it('are the codec tables alone for sources in table encodings, decoded together', async () => {
    expect(unicodeDataLoaded()).toBe(false);
    const loaded = await Promise.all(Object.entries(TABLE_SOURCES).map(([name, source]) => load(name, source)));
    Object.values(TABLE_SOURCES).forEach((source, i) => texts.set(source, loaded[i].text));
    expect(loaded.map((module) => module.exports.encoding)).toEqual(['cp1252', 'koi8-r', 'cp932']);
    expect(unicodeDataLoaded()).toBe(false);
  });

  it('then the Unicode data, for the sources that need it, decoded together', async () => {
    const loaded = await Promise.all([load('a', IDNA_SOURCE), load('b', IDNA_SOURCE)]);
    expect(unicodeDataLoaded()).toBe(true);
    expect(loaded[0].text).toBe(loaded[1].text);
    texts.set(IDNA_SOURCE, loaded[0].text);
  });

  it("give the core's texts", async () => {
    // Imported last: pycache-kit's decodeSource provides every table to the process.
    const { decodeSource } = await import('../../../src/index.js');
    expect(texts.size).toBe(4);
    for (const [source, text] of texts) expect(text).toBe(decodeSource(source, { target: '3.12' }));
    expect(texts.get(TABLE_SOURCES.cp1252)).toBe('# coding: cp1252\nx = "\u20ac"\n');
    expect(texts.get(IDNA_SOURCE)).toBe('# coding: idna\n.m\u00fcnchen');
  });
});
