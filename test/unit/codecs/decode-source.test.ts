import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeSource, PythonSyntaxError } from '../../../src/index.js';
import { fromHex, loadFixture, outcome, perVersion } from '../../helpers/codecs-fixtures.js';
import type { Grouped } from '../../helpers/codecs-fixtures.js';

interface SourceCase {
  label: string;
  hex: string;
  decode_source: Grouped;
}
const { cases } = loadFixture<{ cases: SourceCase[] }>('decode/sources.json.gz');

describe('decodeSource = importlib.util.decode_source (fixtures/decode/sources.json.gz)', () => {
  it(`${cases.length} cases on every version, errors with CPython's class, message and range`, () => {
    const misses: string[] = [];
    let checked = 0;
    for (const c of cases) {
      const bytes = fromHex(c.hex);
      for (const [v, want] of perVersion(c.decode_source)) {
        const got = outcome(() => decodeSource(bytes, { target: v }));
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
});

describe('decodeSource: big sources translate newlines on the bytes (8 MiB and up) with the same result', () => {
  const unit = Buffer.from('x = "\u00e9"\r\ny = 1\rz = 2\n', 'utf8');
  const big = Buffer.concat(Array.from({ length: Math.ceil((9 << 20) / unit.length) }, () => unit));
  it('same text as decoding then translating, final \\r per version', () => {
    const withCr = Buffer.concat([big, Buffer.from('\r')]);
    const expected = new TextDecoder().decode(withCr).replace(/\r\n?/g, '\n');
    expect(decodeSource(withCr, { target: '3.14' })).toBe(expected.slice(0, -1));
    expect(decodeSource(withCr, { target: '3.15' })).toBe(expected);
  });
  it('errors keep positions in the original bytes', () => {
    const bad = Buffer.concat([big, Buffer.from([0xff])]);
    expect(() => decodeSource(bad, { target: '3.12' })).toThrow(
      `'utf-8' codec can't decode byte 0xff in position ${big.length}: invalid start byte`,
    );
  });
});

describe('decodeSource: big single-byte sources (newlines translated on the bytes, native decoders)', () => {
  const unit = Buffer.from([
    0x78, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0xc0, 0xa4, 0x80, 0x22, 0x0d, 0x0a, 0x79, 0x0d, 0x7a, 0x0a,
  ]);
  for (const codec of ['latin-1', 'cp1252', 'cp1251', 'koi8-r', 'iso8859-15', 'mac-roman', 'cp500']) {
    it(`${codec}: the text decodeBytes and universal newlines give, final \\r per version`, () => {
      const cookie = Buffer.from(`# coding: ${codec}\n`);
      // cp500 is EBCDIC: its 0x0D is CR but its newline is 0x25, so its newlines are translated on the text.
      const big = Buffer.concat([
        cookie,
        ...Array.from({ length: Math.ceil((9 << 20) / unit.length) }, () => unit),
        Buffer.from([0x0d]),
      ]);
      const expected = decodeBytes(big, codec).replace(/\r\n?/g, '\n');
      expect(decodeSource(big, { target: '3.14' }) === expected.slice(0, -1)).toBe(true);
      expect(decodeSource(big, { target: '3.15' }) === expected).toBe(true);
    });
  }
  it('an undefined byte after many CRLFs is reported at its position in the original bytes', () => {
    const cookie = Buffer.from('# coding: cp1252\n');
    const big = Buffer.concat([
      cookie,
      ...Array.from({ length: Math.ceil((9 << 20) / unit.length) }, () => unit),
      Buffer.from([0x81]),
    ]);
    expect(() => decodeSource(big, { target: '3.12' })).toThrow(
      `'charmap' codec can't decode byte 0x81 in position ${big.length - 1}: character maps to <undefined>`,
    );
  });
});

describe('decodeSource: hand-written cases', () => {
  const dec = (s: string, v: string) => decodeSource(Buffer.from(s, 'latin1'), { target: v });
  it('drops a final \\r up to 3.14 (the newline decoder is never flushed) and keeps it in 3.15', () => {
    expect(dec('a\rb\r', '3.14')).toBe('a\nb');
    expect(dec('a\rb\r', '3.15')).toBe('a\nb\n');
  });
  it("puts the filename on a SyntaxError without changing CPython's message", () => {
    try {
      decodeSource(Buffer.from('# coding: bogus\n'), { filename: 'x.py' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PythonSyntaxError);
      expect((e as PythonSyntaxError).message).toBe('unknown encoding: bogus');
      expect((e as PythonSyntaxError).filename).toBe('x.py');
    }
  });
});
