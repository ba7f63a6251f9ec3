import { describe, expect, it } from 'vitest';
import { decodeBytes, lookupCodec, pythonTarget, setWarningHandler } from '../../../src/index.js';
import { fromHex, loadFixture, outcome, perVersion } from '../../helpers/codecs-fixtures.js';
import type { Answer, Grouped } from '../../helpers/codecs-fixtures.js';

setWarningHandler(() => {}); // unicode_internal and 3.15's non-ASCII names warn; the warnings test below checks them

interface LookupCase {
  name: string;
  lookup: Grouped;
  decode: Grouped;
}
interface DecodeCase {
  encoding: string;
  hex: string;
  answers: Grouped;
}

/** Compares every case × version; returns the mismatches (at most 20) and how many were checked. */
function compare<C>(cases: C[], each: (c: C) => Iterable<[string, Answer, () => unknown, string]>) {
  const misses: string[] = [];
  let checked = 0;
  for (const c of cases) {
    for (const [version, want, run, label] of each(c)) {
      const got = outcome(run);
      checked++;
      // answers without the UnicodeDecodeError fields (lookup fixtures) are compared on class and message
      const g = Object.fromEntries(Object.entries(got).filter(([k]) => k in want || k === 'ok' || k === 'error'));
      const same = JSON.stringify(want) === JSON.stringify(g);
      if (!same && misses.length < 20)
        misses.push(`[${version}] ${label}\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`);
    }
  }
  return { misses, checked };
}

describe('lookupCodec / decodeBytes names (fixtures/codecs/lookup.json.gz)', () => {
  const { cases } = loadFixture<{ cases: LookupCase[] }>('codecs/lookup.json.gz');
  it('codecs.lookup(name).name for every alias, module name and oddity, on every version', () => {
    const r = compare(cases, function* (c) {
      for (const [v, want] of perVersion(c.lookup)) {
        const { warnings: _w, ...plain } = want as Answer & { warnings?: string[] };
        yield [v, plain, () => lookupCodec(c.name, { target: v }), JSON.stringify(c.name)];
      }
    });
    expect(r.misses).toEqual([]);
    expect(r.checked).toBeGreaterThan(10_000);
  });
  it('b"a".decode(name): lookup plus the text-encoding check', () => {
    const a = new Uint8Array([0x61]);
    const r = compare(cases, function* (c) {
      for (const [v, want] of perVersion(c.decode)) {
        const { warnings: _w, ...plain } = want as Answer & { warnings?: string[] };
        yield [v, plain, () => decodeBytes(a, c.name, { target: v }), JSON.stringify(c.name)];
      }
    });
    expect(r.misses).toEqual([]);
  });
});

for (const file of ['single-bytes', 'random']) {
  describe(`decodeBytes (fixtures/codecs/${file}.json.gz)`, () => {
    const { cases } = loadFixture<{ cases: DecodeCase[] }>(`codecs/${file}.json.gz`);
    it(`matches every interpreter on ${cases.length} byte strings`, () => {
      const r = compare(cases, function* (c) {
        const bytes = fromHex(c.hex);
        for (const [v, want] of perVersion(c.answers))
          yield [v, want, () => decodeBytes(bytes, c.encoding, { target: v }), `${c.encoding} ${c.hex}`];
      });
      expect(r.misses).toEqual([]);
      // every case on every version: nothing is skipped (idna's xn-- labels and \N{...} included)
      expect(r.checked).toBe(cases.reduce((n, c) => n + c.answers.reduce((k, [vs]) => k + vs.length, 0), 0));
    });
  });
}

describe('3.15 warns about non-ASCII codec names (fixtures/codecs/lookup.json.gz "warnings")', () => {
  const { cases } = loadFixture<{ cases: LookupCase[] }>('codecs/lookup.json.gz');
  it('lookupCodec warns exactly where CPython 3.15 did', () => {
    const seen: string[] = [];
    const previous = setWarningHandler((w) => seen.push(`${w.category}: ${w.message}`));
    try {
      for (const c of cases) {
        for (const [v, want] of perVersion(c.lookup)) {
          if (v !== '3.15') continue;
          setWarningHandler((w) => seen.push(`${w.category}: ${w.message}`)); // resets the once-per-message memory
          seen.length = 0;
          outcome(() => lookupCodec(c.name, { target: v }));
          expect(seen, JSON.stringify(c.name)).toEqual((want as { warnings?: string[] }).warnings ?? []);
        }
      }
    } finally {
      setWarningHandler(previous);
    }
  });
});

describe('hand-written traps (from the issue; each is also in the fixtures)', () => {
  it('latin-1 is not windows-1252; cp1252 has undefined bytes', () => {
    expect(decodeBytes(new Uint8Array([0x80, 0x9f]), 'latin-1')).toBe('\x80\x9f');
    expect(() => decodeBytes(new Uint8Array([0x81]), 'cp1252')).toThrow(
      "'charmap' codec can't decode byte 0x81 in position 0: character maps to <undefined>",
    );
  });
  it('UTF-8 surrogates and overlongs are errors with CPython ranges', () => {
    expect(() => decodeBytes(new Uint8Array([0xed, 0xa0, 0x80]), 'utf-8')).toThrow(
      "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte",
    );
    expect(() => decodeBytes(new Uint8Array([0xc0, 0x80]), 'utf-8')).toThrow(
      "'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte",
    );
    expect(() => decodeBytes(new Uint8Array([0x61, 0xf0, 0x9f, 0x98]), 'utf-8')).toThrow(
      "'utf-8' codec can't decode bytes in position 1-3: unexpected end of data",
    );
  });
  it('a leading BOM survives utf-8 (TextDecoder would strip it)', () => {
    expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), 'utf-8')).toBe('\ufeffa');
  });
  it('empty input decodes to "" whatever the name', () => {
    expect(decodeBytes(new Uint8Array(), 'no-such-codec')).toBe('');
  });
  it('the default target is pythonTarget()', () => {
    // 'windows-874' is an alias from 3.14 on (fixtures/codecs/lookup.json.gz): the default target has it.
    expect(pythonTarget().version).toBe('3.14');
    expect(lookupCodec('windows-874')).toBe(lookupCodec('windows-874', { target: '3.14' }));
    expect(() => lookupCodec('windows-874', { target: '3.13' })).toThrow('unknown encoding: windows-874');
  });
});

describe('3.0 - 3.3: codec exceptions are not wrapped yet (bpo-17828 added the wrapping in 3.4)', () => {
  // No interpreter older than 3.6 here: the expectations are the measured 3.6 and 3.12 answers, unwrapped.
  const failure = (bytes: number[], codec: string, version: string) =>
    outcome(() => decodeBytes(Uint8Array.from(bytes), codec, { target: version }));
  const unwrap = (a: Answer) => ({
    error: a.error,
    message: (a.message as string).replace(/^decoding with '[^']+' codec failed \(\w+: (.*)\)$/, '$1'),
  });

  it('the undefined codec raises what 3.12 raises', () => {
    for (const v of ['3.0', '3.3'])
      expect(failure([0x61], 'undefined', v)).toEqual(failure([0x61], 'undefined', '3.12'));
    expect(failure([0x61], 'undefined', '3.4')).toEqual(failure([0x61], 'undefined', '3.6'));
  });

  it("punycode's IndexError (3.6 and older) comes bare before 3.4, wrapped from 3.4", () => {
    const wrapped = failure([0x00], 'punycode', '3.6');
    expect(wrapped.message).toMatch(/^decoding with 'punycode' codec failed/);
    for (const v of ['3.0', '3.3']) expect(failure([0x00], 'punycode', v)).toEqual(unwrap(wrapped));
    expect(failure([0x00], 'punycode', '3.4')).toEqual(wrapped);
  });
});
