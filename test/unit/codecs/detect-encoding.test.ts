import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../../../src/index.js';
import { fromHex, loadFixture, outcome, perVersion } from '../../helpers/codecs-fixtures.js';
import type { Grouped } from '../../helpers/codecs-fixtures.js';

interface SourceCase {
  label: string;
  hex: string;
  detect: Grouped;
  detect_named: Grouped;
  decode_source: Grouped;
}
const { cases, filename } = loadFixture<{ cases: SourceCase[]; filename: string }>('decode/sources.json.gz');

function detect(bytes: Uint8Array, version: string, name: string | null) {
  const r = detectEncoding(bytes, { target: version, filename: name });
  return { encoding: r.encoding, lines: r.lines.map((l) => Buffer.from(l).toString('hex')) };
}

describe('detectEncoding = tokenize.detect_encoding (fixtures/decode/sources.json.gz)', () => {
  for (const [key, name] of [
    ['detect', null],
    ['detect_named', filename],
  ] as const) {
    it(`${key}: ${cases.length} cases (CPython's test_tokenize / test_source_encoding ports, combinations, real files) on every version`, () => {
      const misses: string[] = [];
      let checked = 0;
      for (const c of cases) {
        const bytes = fromHex(c.hex);
        for (const [v, want] of perVersion(c[key])) {
          const got = outcome(() => detect(bytes, v, name));
          checked++;
          if (JSON.stringify(got) !== JSON.stringify(want) && misses.length < 20)
            misses.push(
              `[${v}] ${c.label} ${c.hex.slice(0, 80)}\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`,
            );
        }
      }
      expect(misses).toEqual([]);
      expect(checked).toBeGreaterThan(cases.length * 8);
    });
  }
});

describe("detectEncoding: hand-written cases from CPython's tests (why they matter)", () => {
  const enc = (s: string, v = '3.12') => detectEncoding(Buffer.from(s, 'latin1'), { target: v }).encoding;
  it('a BOM plus a utf-8 cookie gives utf-8-sig; a BOM plus another cookie is an "encoding problem"', () => {
    expect(enc('\xef\xbb\xbf# coding: utf-8\n')).toBe('utf-8-sig');
    expect(() => enc('\xef\xbb\xbf# coding: latin-1\n')).toThrow('encoding problem: utf-8');
  });
  it('the filename form quotes the name with repr()', () => {
    expect(() => detectEncoding(Buffer.from('#coding:xxx\n'), { filename: "it's.py" })).toThrow(
      `unknown encoding for "it's.py": xxx`,
    );
  });
  it('3.14 rejects null bytes in the lines it reads; 3.13 does not', () => {
    expect(enc('a\x00b\n', '3.13')).toBe('utf-8');
    expect(() => enc('a\x00b\n', '3.14')).toThrow('source code cannot contain null bytes');
  });
  it('3.0 to 3.5 follow 3.6 (no interpreter to compare with)', () => {
    for (const v of ['3.0', '3.3', '3.5'])
      expect(enc('# coding: latin-1\n', v)).toBe(enc('# coding: latin-1\n', '3.6'));
    expect(() => enc('# coding: bogus\n', '3.5')).toThrow('unknown encoding: bogus');
  });
});
