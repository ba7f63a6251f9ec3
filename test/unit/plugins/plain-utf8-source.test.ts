// Hosts take a short cut for plain UTF-8 sources (isPlainUtf8Source): the webpack/Vite loader decodes them
// natively, the esbuild plugin lets esbuild's own `text` loader read them (the file's bytes as UTF-8, one leading
// BOM dropped). Both are right only where that equals decodeSource, the core's decode_source (checked against
// CPython by the core's own tests): on random byte strings built from the pieces that matter (BOM, cookies, CR,
// LF, multi-byte and invalid sequences), the short cut must be taken only where it gives decodeSource's text, and
// loadPythonModule must give that text, name and error whichever way it goes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSource, detectEncoding } from '../../../src/index.js';
import { resolveOptions } from '../../../plugins/common/options.js';
import { isPlainUtf8Source, loadPythonModule, plainPythonModule } from '../../../plugins/common/python-module.js';
import { assertSeededAsync, SEED_NOTE } from '../../helpers/seeds.js';

const enc = (text: string) => new TextEncoder().encode(text);
const PIECES: Uint8Array[] = [
  new Uint8Array([0xef, 0xbb, 0xbf]),
  enc('# -*- coding: utf-8 -*-\n'),
  enc('# coding: latin-1\n'),
  enc('# coding: utf-8-sig\n'),
  enc('x = 1\n'),
  enc('#!/usr/bin/env python3\n'),
  enc('s = "no coding: here"\n'),
  enc('  \t'),
  enc('\r\n'),
  enc('\r'),
  enc('\n'),
  enc('é'),
  enc('\u2028'),
  enc('\u{1f40d}'),
  enc('\ufffd'),
  new Uint8Array([0xff]),
  new Uint8Array([0xc3]),
  new Uint8Array([0xed, 0xa0, 0x80]),
  new Uint8Array([0]),
];
const source = fc
  .array(fc.constantFrom(...PIECES), { maxLength: 10 })
  .map((pieces) => new Uint8Array(pieces.flatMap((piece) => [...piece])));
const versions = ['3.8', '3.12', '3.14', '3.15'];
const esbuildText = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe(`plain UTF-8 sources ${SEED_NOTE}`, () => {
  it('are taken as plain only where the raw UTF-8 text is decode_source; loadPythonModule agrees with the core', async () => {
    await assertSeededAsync(
      fc.asyncProperty(source, fc.constantFrom(...versions), async (bytes, version) => {
        const options = resolveOptions({ python: version, roots: ['/r'] });
        let expected: string | Error;
        try {
          expected = decodeSource(bytes, { target: options.target });
        } catch (error) {
          expected = error as Error;
        }
        let encoding: string | undefined;
        try {
          encoding = detectEncoding(bytes, { target: options.target }).encoding;
        } catch {
          encoding = undefined;
        }
        const plain = encoding !== undefined && isPlainUtf8Source(bytes, encoding);
        if (plain) expect(esbuildText(bytes)).toBe(expected);
        expect(plainPythonModule('/r/m.py', bytes, ['/r'], options)?.names.encoding).toBe(plain ? encoding : undefined);
        if (typeof expected === 'string') {
          const loaded = await loadPythonModule('/r/m.py', bytes, ['/r'], options);
          expect(loaded.text).toBe(expected);
          expect(loaded.exports.encoding).toBe(encoding);
        } else {
          await expect(loadPythonModule('/r/m.py', bytes, ['/r'], options)).rejects.toThrow(expected.message);
        }
      }),
      { numRuns: 4000 },
    );
  });

  it('are the common case: UTF-8 with or without a BOM, no CR', () => {
    for (const text of ['x = 1\n', '\ufeffx = "é"\n', '# coding: utf-8\ns = "\u{1f40d}"\n'])
      expect(isPlainUtf8Source(enc(text), text.startsWith('\ufeff') ? 'utf-8-sig' : 'utf-8'), text).toBe(true);
    expect(isPlainUtf8Source(enc('x = 1\r\n'), 'utf-8')).toBe(false);
    expect(isPlainUtf8Source(enc('x = 1\n'), 'iso-8859-1')).toBe(false);
    expect(isPlainUtf8Source(new Uint8Array([0x78, 0xff]), 'utf-8')).toBe(false);
  });
});
